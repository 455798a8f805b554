import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ActionError } from './action';
import type { ActionContext } from './action';
import { getFlags, getXattrs, nsString, setFlags, setTimes, setXattrs, unlock } from './file-metadata';

// The state of one directory entry, captured before a change and put back by undo: bytes (in the
// quarantine store), type, link value, mode, owner, atime/mtime to the nanosecond, xattrs and
// inode flags. restoreEntry is idempotent and works from any half-done state.

export interface EntryState {
  /** Target path ("/etc/cron.d/x"). */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'absent';
  /** Quarantine key of the bytes (files). */
  sha256?: string;
  size?: number;
  linkTarget?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  atime?: string;
  mtime?: string;
  xattrs?: Record<string, string>;
  flags?: string;
}

const MAX_QUARANTINE = 512 * 1024 * 1024;

function lstatOrNull(local: string): fs.BigIntStats | null {
  try {
    return fs.lstatSync(local, { bigint: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Reads a regular file without following a final link and without blocking on a FIFO. */
function readNoFollow(local: string): Buffer {
  const fd = fs.openSync(local, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`${local}: not a regular file`);
    if (st.size > MAX_QUARANTINE) throw new Error(`${local}: larger than ${MAX_QUARANTINE} bytes`);
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Captures the entry at a target path. Times are read before the bytes (reading may move atime).
 * With content, a regular file's bytes go to the quarantine store. Devices, FIFOs and sockets
 * are refused: hostsweep never changes them.
 */
export function captureEntry(ctx: ActionContext, targetPath: string, content: boolean): EntryState {
  const local = ctx.target.local(targetPath);
  const st = lstatOrNull(local);
  if (!st) return { path: targetPath, type: 'absent' };
  const common = {
    path: targetPath,
    mode: Number(st.mode & 0o7777n),
    uid: Number(st.uid),
    gid: Number(st.gid),
    atime: nsString(st.atimeNs),
    mtime: nsString(st.mtimeNs),
  };
  if (st.isSymbolicLink()) return { ...common, type: 'symlink', linkTarget: fs.readlinkSync(local) };
  if (st.isDirectory()) return { ...common, type: 'dir', xattrs: getXattrs(local), flags: getFlags(local) };
  if (!st.isFile())
    throw new ActionError({
      en: `${targetPath} is a device, FIFO or socket; hostsweep does not change those`,
      'zh-CN': `${targetPath} 是设备、管道或套接字文件，hostsweep 不修改此类文件`,
    });
  const xattrs = getXattrs(local);
  const flags = getFlags(local);
  const state: EntryState = { ...common, type: 'file', size: Number(st.size), xattrs, flags };
  if (content) {
    const bytes = readNoFollow(local);
    state.sha256 = ctx.journal.storeBytes(bytes);
    state.size = bytes.length;
    ctx.journal.indexQuarantined({ ...state });
  }
  return state;
}

export function parentOf(targetPath: string): string {
  return path.posix.dirname(targetPath);
}

/** A temporary name beside `local` for an atomic replace (dot-prefixed, unique). */
export function siblingTemp(local: string, tag: string): string {
  return path.join(path.dirname(local), `.${path.basename(local).slice(0, 80)}.hostsweep-${tag}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes bytes to a new file beside `local` (O_EXCL|O_NOFOLLOW: never an existing name or a link),
 * synced to disk, then gives it the owner and mode when given; returns its path for the rename.
 */
export function writeSiblingTemp(
  local: string,
  tag: string,
  bytes: Buffer | string,
  owner?: { uid: number; gid: number; mode: number },
): string {
  const tmp = siblingTemp(local, tag);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
  try {
    fs.writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (owner) {
    fs.chownSync(tmp, owner.uid, owner.gid);
    fs.chmodSync(tmp, owner.mode);
  }
  return tmp;
}

/** Runs fn with the directory's immutable/append-only flags cleared, then puts them back. */
export function withUnlockedDir<T>(dirLocal: string, fn: () => T): T {
  const before = unlock(dirLocal);
  try {
    return fn();
  } finally {
    if (/[ia]/.test(before)) setFlags(dirLocal, before, before.replace(/[ia]/g, ''));
  }
}

function setOwnerModeXattrs(local: string, s: EntryState, fresh: boolean): void {
  if (s.uid !== undefined && s.gid !== undefined) fs.lchownSync(local, s.uid, s.gid);
  if (s.type !== 'symlink' && s.mode !== undefined) fs.chmodSync(local, s.mode);
  if (s.type !== 'symlink') setXattrs(local, s.xattrs ?? {}, fresh ? {} : undefined);
}

/** Removes whatever is at local (a file or link; unlocking it first). */
export function removeEntry(local: string): void {
  const st = lstatOrNull(local);
  if (!st) return;
  if (st.isDirectory()) throw new ActionError({ en: `${local}: is a directory`, 'zh-CN': `${local}：是目录` });
  if (st.isFile()) unlock(local);
  fs.unlinkSync(local);
}

/**
 * Makes the entry at s.path what it was: content (from quarantine), type, owner, mode, xattrs,
 * times, then flags last (an immutable file refuses every other change).
 */
export function restoreEntry(ctx: ActionContext, s: EntryState): void {
  const local = ctx.target.local(s.path);
  const dirLocal = path.dirname(local);
  withUnlockedDir(dirLocal, () => {
    removeTemps(local, 'restore');
    const cur = lstatOrNull(local);
    // A file created here has no xattrs and no flags yet: nothing to read back before setting them.
    let fresh = false;
    let flagsNow: string | undefined;
    if (s.type === 'absent') {
      if (cur) removeEntry(local);
      return;
    }
    if (s.type === 'dir') {
      if (cur && !cur.isDirectory()) removeEntry(local);
      if (!cur || !cur.isDirectory()) {
        fs.mkdirSync(local, { mode: 0o700 });
        fresh = true;
      }
    } else if (s.type === 'symlink') {
      const same = cur?.isSymbolicLink() && fs.readlinkSync(local) === s.linkTarget;
      if (!same) {
        const tmp = siblingTemp(local, 'restore');
        fs.symlinkSync(s.linkTarget as string, tmp);
        if (cur?.isFile()) unlock(local);
        fs.renameSync(tmp, local);
      }
    } else {
      let same = false;
      if (cur?.isFile() && s.sha256) {
        try {
          same = ctx.journal.loadBytes(s.sha256).equals(readNoFollow(local));
        } catch {
          same = false;
        }
      }
      if (!same) {
        if (!s.sha256)
          throw new ActionError({ en: `${s.path}: no stored copy to restore`, 'zh-CN': `${s.path}：隔离区中没有可恢复的副本` });
        const bytes = ctx.journal.loadBytes(s.sha256);
        const tmp = writeSiblingTemp(local, 'restore', bytes);
        if (cur?.isFile()) unlock(local);
        if (cur?.isDirectory())
          throw new ActionError({
            en: `${s.path}: a directory now stands where the file was`,
            'zh-CN': `${s.path}：原文件位置现在是一个目录`,
          });
        fs.renameSync(tmp, local);
        fresh = true;
      } else {
        flagsNow = unlock(local).replace(/[ia]/g, '');
      }
    }
    setOwnerModeXattrs(local, s, fresh);
    if (s.atime && s.mtime) setTimes(local, s.atime, s.mtime);
    if (s.type !== 'symlink') {
      if (fresh) {
        if (s.flags) setFlags(local, s.flags, '');
      } else setFlags(local, s.flags ?? '', flagsNow);
    }
  });
}

/** Puts back a directory's owner, mode, xattrs, times and flags (not its contents). */
export function restoreDirMeta(ctx: ActionContext, s: EntryState): void {
  if (s.type !== 'dir') return;
  const local = ctx.target.local(s.path);
  const cur = lstatOrNull(local);
  if (!cur?.isDirectory()) return;
  const flagsNow = unlock(local).replace(/[ia]/g, '');
  setOwnerModeXattrs(local, s, false);
  if (s.atime && s.mtime) setTimes(local, s.atime, s.mtime);
  setFlags(local, s.flags ?? '', flagsNow);
}

/** Removes leftover temporary files an interrupted action of this run may have left beside local. */
export function removeTemps(local: string, tag: string): void {
  const dir = path.dirname(local);
  const prefix = `.${path.basename(local).slice(0, 80)}.hostsweep-${tag}-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(prefix)) withUnlockedDir(dir, () => removeEntry(path.join(dir, n)));
}
