import { createHash } from 'node:crypto';
import type { Host } from '../../host/host';

/** Identity of a persistence file: enough to judge age and compare with the package's own copy. */
export interface FileInfo {
  path: string;
  /** ISO time of the last content change (what `ls -l` shows). */
  mtime: string | null;
  size: number;
  mode: number;
  uid: number;
  /** md5 of the bytes read, to compare with dpkg's conffile checksum; null when unread. */
  md5: string | null;
  /** sha256 of the bytes read, to compare with rpm's %config digest (RHEL 7+); absent in older snapshots. */
  sha256?: string | null;
  /** Where the symlink points, when the entry itself is a link. */
  linkTarget?: string;
}

/** Persistence files are small; anything bigger is read only this far (attackers control size). */
export const MAX_SCRIPT_BYTES = 1024 * 1024;
/** Lines kept per file, so a junk file cannot blow up the snapshot. */
export const MAX_LINES = 5000;

export interface ReadResult {
  info: FileInfo;
  text: string | null;
  /** Contains NUL bytes or an ELF header: a compiled program, not a script. */
  binary: boolean;
}

export type GapFn = (path: string, reason: string) => void;

/** lstat + bounded read of one file; null (with a gap) when it vanished or cannot be read. */
export function readPersistenceFile(host: Host, path: string, gap: GapFn): ReadResult | null {
  const lst = host.lstat(path);
  if (!lst) {
    gap(path, host.lastError() ?? 'unreadable');
    return null;
  }
  const info: FileInfo = {
    path,
    mtime: Number.isFinite(lst.mtimeMs) ? new Date(lst.mtimeMs).toISOString() : null,
    size: lst.size,
    mode: lst.mode,
    uid: lst.uid,
    md5: null,
  };
  if (lst.isSymbolicLink()) {
    info.linkTarget = host.readlink(path) ?? undefined;
    const st = host.stat(path);
    // A dangling link or one to a device (/dev/null masks a unit) has nothing to read.
    if (!st) gap(path, `symlink to ${info.linkTarget ?? '?'} does not resolve (${host.lastError() ?? 'unreadable'})`);
    if (!st || !st.isFile()) return { info, text: null, binary: false };
    info.mtime = new Date(st.mtimeMs).toISOString();
    info.size = st.size;
  } else if (!lst.isFile()) {
    return null;
  }
  const buf = host.readFile(path, MAX_SCRIPT_BYTES);
  if (buf === null) {
    gap(path, host.lastError() ?? 'unreadable');
    return { info, text: null, binary: false };
  }
  info.md5 = createHash('md5').update(buf).digest('hex');
  info.sha256 = createHash('sha256').update(buf).digest('hex');
  const head = buf.subarray(0, 4096);
  const binary = head.includes(0) || (buf.length >= 4 && buf.readUInt32BE(0) === 0x7f454c46);
  return { info, text: binary ? null : buf.toString('utf8'), binary };
}

/** Non-hidden directory entries, sorted; a missing directory is normal (not every distro has it). */
export function listDir(host: Host, dir: string, gap: GapFn, limit = 5000): string[] {
  const names = host.readDir(dir);
  if (names === null) {
    const err = host.lastError();
    if (err !== 'ENOENT' && err !== 'ENOTDIR') gap(dir, err ?? 'unreadable');
    return [];
  }
  if (names.length > limit) gap(dir, `${names.length} entries; only the first ${limit} examined`);
  return names.sort().slice(0, limit);
}

/**
 * Logical lines of a shell-like file: comments and blanks dropped, backslash continuations
 * joined, each with the number of its first physical line.
 */
export function logicalLines(text: string, limit = MAX_LINES): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const physical = text.split('\n');
  let pending = '';
  let start = 0;
  for (let i = 0; i < physical.length && out.length < limit; i++) {
    let l = physical[i].replace(/\r$/, '');
    if (l.length > 16384) l = l.slice(0, 16384);
    if (pending === '') start = i + 1;
    if (l.endsWith('\\')) {
      pending += `${l.slice(0, -1)} `;
      continue;
    }
    const full = (pending + l).trim();
    pending = '';
    if (full === '' || full.startsWith('#')) continue;
    out.push({ line: start, text: full });
  }
  if (pending.trim() !== '' && out.length < limit) out.push({ line: start, text: pending.trim() });
  return out;
}
