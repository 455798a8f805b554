import fs from 'node:fs';
import { flagBit, flagLetters, readInodeFlags, writeInodeFlags } from '../host/inode-flags';
import { readXattrs, removeXattr, writeTimesNs, writeXattr } from '../host/xattrs';
import { ActionError } from './action';

// Everything about a file that undo must put back besides its bytes: inode flags (immutable,
// append-only…), extended attributes (security.capability, SELinux labels, user.*) and
// nanosecond times. Node has no ioctl or xattr calls; they go to the kernel through the C library
// (src/host/libc.ts, loaded by applyPlan and undoRun), never through the box's chattr, setfattr
// or touch, which an intruder may have replaced.

/** The inode flags chattr can set back; lsattr shows more (e, extents; I, indexed) that are not settable. */
const SETTABLE = 'aAcCdDijPsStTux';
const SETTABLE_BITS = [...SETTABLE].reduce((m, c) => m | flagBit(c), 0);

/** A flag or xattr call failed: undo could not promise to restore what it cannot read or set. */
export class MetadataToolError extends ActionError {
  constructor(what: string) {
    super({ en: what, 'zh-CN': `无法读取或设置文件属性：${what}` });
  }
}

function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new MetadataToolError((e as Error).message);
  }
}

/** tmpfs, overlayfs, NFS: "Inappropriate ioctl" / "Operation not supported" — no flags to keep. */
const NO_FLAGS = new Set(['ENOTTY', 'ENOTSUP', 'EOPNOTSUPP', 'EINVAL']);

/**
 * Settable inode flags of a regular file or directory as chattr letters ("ia"), or '' when the
 * filesystem has none. Symbolic links and special files have no flags.
 */
export function getFlags(local: string): string {
  const st = fs.lstatSync(local);
  if (!st.isFile() && !st.isDirectory()) return '';
  let flags: number;
  try {
    flags = readInodeFlags(local);
  } catch (e) {
    if (NO_FLAGS.has((e as NodeJS.ErrnoException).code ?? '')) return '';
    throw new MetadataToolError((e as Error).message);
  }
  return flagLetters(flags & SETTABLE_BITS).replace(/-/g, '');
}

/** Sets exactly `flags` among the settable ones (what is not named is cleared); `now` saves a read. */
export function setFlags(local: string, flags: string, now = getFlags(local)): void {
  if ([...flags].sort().join('') === [...now].sort().join('')) return;
  const want = [...flags].reduce((m, c) => m | flagBit(c), 0);
  call(() => writeInodeFlags(local, (readInodeFlags(local) & ~SETTABLE_BITS) | want));
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
  const raw = call(() => readXattrs(local));
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, value.toString('hex')]));
}

/** Makes the entry's extended attributes exactly `want`; `have` saves a read (a file just created has none). */
export function setXattrs(local: string, want: Record<string, string>, have = getXattrs(local)): void {
  for (const name of Object.keys(have)) if (!(name in want)) call(() => removeXattr(local, name));
  for (const [name, hex] of Object.entries(want)) {
    if (have[name] === hex) continue;
    call(() => writeXattr(local, name, Buffer.from(hex, 'hex')));
  }
}

/** Nanosecond time as "seconds.nanoseconds" from a bigint stat field (before 1970: "-2.999999995"). */
export function nsString(ns: bigint): string {
  let sec = ns / 1_000_000_000n;
  let frac = ns % 1_000_000_000n;
  if (frac < 0n) {
    sec -= 1n;
    frac += 1_000_000_000n;
  }
  return `${sec}.${frac.toString().padStart(9, '0')}`;
}

function nsFromString(s: string): bigint {
  const [sec, frac = '0'] = s.split('.');
  return BigInt(sec) * 1_000_000_000n + BigInt(frac.padEnd(9, '0').slice(0, 9));
}

/** Sets access and modification times of the entry itself to the nanosecond. */
export function setTimes(local: string, atime: string, mtime: string): void {
  call(() => writeTimesNs(local, nsFromString(atime), nsFromString(mtime)));
}
