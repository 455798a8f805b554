import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { ActionError } from './action';

// Everything about a file that undo must put back besides its bytes: inode flags (immutable,
// append-only…), extended attributes (security.capability, SELinux labels, user.*) and
// nanosecond times. Node has no ioctl or xattr calls, so until a non-PATH route exists these go
// through e2fsprogs and attr tools run by absolute path (never through $PATH, never a shell).
// Keep every such call in this module so it can be replaced in one place.

const LSATTR = '/usr/bin/lsattr';
const CHATTR = '/usr/bin/chattr';
const GETFATTR = '/usr/bin/getfattr';
const SETFATTR = '/usr/bin/setfattr';
const TOUCH = '/usr/bin/touch';

/** The inode flags chattr can set back; lsattr shows more (e, extents; I, indexed) that are not settable. */
const SETTABLE = 'aAcCdDijPsStTux';

function run(bin: string, args: string[]): string {
  return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000, maxBuffer: 64 * 1024 * 1024 });
}

/** A flag or xattr tool is missing or failed: undo could not promise to restore what it cannot read. */
export class MetadataToolError extends ActionError {
  constructor(what: string) {
    super({ en: what, 'zh-CN': `无法读取或设置文件属性：${what}` });
  }
}

function tool(bin: string, args: string[]): string {
  try {
    return run(bin, args);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new MetadataToolError(`${bin}: not installed`);
    throw new MetadataToolError(`${bin} ${args.slice(0, -1).join(' ')}: ${(err.stderr ?? err.message).trim()}`);
  }
}

/**
 * Settable inode flags of a regular file or directory as chattr letters ("ia"), or '' when the
 * filesystem has none. Symbolic links and special files have no flags.
 */
export function getFlags(local: string): string {
  const st = fs.lstatSync(local);
  if (!st.isFile() && !st.isDirectory()) return '';
  let outText: string;
  try {
    outText = run(LSATTR, ['-d', local]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new MetadataToolError(`${LSATTR} is not installed`);
    // tmpfs, overlayfs, NFS: "Inappropriate ioctl" / "Operation not supported" — no flags to keep.
    if (/Inappropriate ioctl|Operation not supported/.test(err.stderr ?? '')) return '';
    throw new MetadataToolError(`${LSATTR} -d: ${(err.stderr ?? err.message).trim()}`);
  }
  const column = outText.split(' ')[0] ?? '';
  return [...new Set(column.replace(/-/g, ''))].filter((c) => SETTABLE.includes(c)).join('');
}

/** Sets exactly `flags` among the settable ones (what is not named is cleared); `now` saves a read. */
export function setFlags(local: string, flags: string, now = getFlags(local)): void {
  const add = [...flags].filter((c) => !now.includes(c)).join('');
  const remove = [...now].filter((c) => !flags.includes(c)).join('');
  if (remove !== '') tool(CHATTR, [`-${remove}`, local]);
  if (add !== '') tool(CHATTR, [`+${add}`, local]);
}

/** Clears the flags that stop a change (immutable, append-only) and returns what was set before. */
export function unlock(local: string): string {
  const before = getFlags(local);
  if (before.includes('i') || before.includes('a')) setFlags(local, before.replace(/[ia]/g, ''), before);
  return before;
}

/** All extended attributes of the entry itself (not a link's target), values hex-encoded. */
export function getXattrs(local: string): Record<string, string> {
  const st = fs.lstatSync(local);
  if (st.isSymbolicLink()) return {}; // user.* is not allowed on links; security.* on links is rare
  let outText: string;
  try {
    outText = run(GETFATTR, ['--absolute-names', '-h', '-d', '-m', '-', '-e', 'hex', local]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new MetadataToolError(`${GETFATTR} is not installed (package attr)`);
    if (/Operation not supported/.test(err.stderr ?? '')) return {};
    throw new MetadataToolError(`${GETFATTR}: ${(err.stderr ?? err.message).trim()}`);
  }
  const out: Record<string, string> = {};
  for (const line of outText.split('\n')) {
    const m = /^([^#=][^=]*)=0x([0-9a-f]*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** Makes the entry's extended attributes exactly `want`; `have` saves a read (a file just created has none). */
export function setXattrs(local: string, want: Record<string, string>, have = getXattrs(local)): void {
  for (const name of Object.keys(have)) if (!(name in want)) tool(SETFATTR, ['-h', '-x', name, local]);
  for (const [name, hex] of Object.entries(want)) {
    if (have[name] === hex) continue;
    tool(SETFATTR, ['-h', '-n', name, '-v', `0x${hex}`, local]);
  }
}

/** Nanosecond time as "seconds.nanoseconds" from a bigint stat field. */
export function nsString(ns: bigint): string {
  const sec = ns / 1_000_000_000n;
  const frac = ns % 1_000_000_000n;
  return `${sec}.${frac.toString().padStart(9, '0')}`;
}

function nsFromString(s: string): bigint {
  const [sec, frac = '0'] = s.split('.');
  return BigInt(sec) * 1_000_000_000n + BigInt(frac.padEnd(9, '0').slice(0, 9));
}

/**
 * Sets access and modification times to the nanosecond. utimes takes a double (about 240 ns
 * resolution today), so when that misses, touch with "@sec.nsec" sets the exact value.
 */
export function setTimes(local: string, atime: string, mtime: string): void {
  const a = nsFromString(atime);
  const m = nsFromString(mtime);
  const st = fs.lstatSync(local, { bigint: true });
  const toSec = (ns: bigint) => Number(ns) / 1e9;
  if (st.isSymbolicLink()) fs.lutimesSync(local, toSec(a), toSec(m));
  else fs.utimesSync(local, toSec(a), toSec(m));
  const after = fs.lstatSync(local, { bigint: true });
  if (after.mtimeNs === m && after.atimeNs === a) return;
  // touch -h: the entry itself; -c: never create. mtime and atime are separate calls.
  tool(TOUCH, ['-h', '-c', '-m', '-d', `@${mtime}`, local]);
  tool(TOUCH, ['-h', '-c', '-a', '-d', `@${atime}`, local]);
}
