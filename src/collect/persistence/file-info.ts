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

/** Longest logical line kept whole: pattern matching stays bounded on attacker-sized lines. */
export const MAX_LINE_CHARS = 16384;

/**
 * A line no longer than max: an overlong one keeps its start and its end, because padding is put
 * before a payload (`* * * * * root <20 KB of spaces> curl …|sh`) and a line cut at its start
 * alone hides exactly the part that runs.
 */
export function boundLine(l: string, max = MAX_LINE_CHARS): { text: string; cut: number } {
  if (l.length <= max) return { text: l, cut: 0 };
  const half = Math.floor(max / 2);
  return { text: `${l.slice(0, half)} … ${l.slice(l.length - half)}`, cut: l.length - 2 * half };
}

/** Told when a file was not examined whole: which line, and why. */
export type CutFn = (line: number, reason: string) => void;

/**
 * Logical lines of a shell-like file: comments and blanks dropped, backslash continuations
 * joined, each with the number of its first physical line. What is cut (the middle of an overlong
 * line, lines past the limit) is told to onCut, so it becomes a gap instead of a silent hole.
 */
export function logicalLines(text: string, limit = MAX_LINES, onCut?: CutFn): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const physical = text.split('\n');
  let pending = '';
  /** Real length of the joined line, and whether `pending` holds only its ends. */
  let pendingLength = 0;
  let pendingCut = false;
  let start = 0;
  const push = (line: number, full: string, length: number, joinedCut: boolean) => {
    const b = boundLine(full);
    if (b.cut > 0 || joinedCut) {
      onCut?.(line, `line ${line} is ${length} characters long: only its first and last ${MAX_LINE_CHARS / 2} were examined`);
    }
    out.push({ line, text: b.text });
  };
  let i = 0;
  for (; i < physical.length && out.length < limit; i++) {
    const l = physical[i].replace(/\r$/, '');
    if (pending === '') {
      start = i + 1;
      pendingLength = 0;
      pendingCut = false;
    }
    if (l.endsWith('\\')) {
      // Continuations are bounded as they are joined, so a million of them cannot build a huge string.
      pendingLength += l.length;
      const b = boundLine(`${pending}${l.slice(0, -1)} `, 2 * MAX_LINE_CHARS);
      pending = b.text;
      pendingCut ||= b.cut > 0;
      continue;
    }
    const full = (pending + l).trim();
    const length = pendingLength + l.length;
    pending = '';
    if (full === '' || full.startsWith('#')) continue;
    push(start, full, Math.max(length, full.length), pendingCut);
  }
  if (pending.trim() !== '' && out.length < limit) push(start, pending.trim(), pendingLength, pendingCut);
  else if (out.length >= limit && physical.slice(i).some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) {
    onCut?.(i + 1, `more than ${limit} lines: only the first ${limit} were examined`);
  }
  return out;
}
