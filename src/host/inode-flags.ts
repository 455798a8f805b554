import fs from 'node:fs';
import { fsPath } from './byte-names';
import { callError, type Libc, libc, libcUnavailable, loadLibc, ownNativeFiles } from './libc';

// chattr +i / +a are read and set with the kernel's FS_IOC_GETFLAGS / FS_IOC_SETFLAGS ioctls (see
// libc.ts). Running the box's own lsattr would trust the very tools an intruder replaces; a fake
// lsattr first in PATH was once run as root and believed.

/** _IOR('f', 1, long) and _IOW('f', 2, long) on 64-bit Linux. The kernel uses an int through the pointer. */
const FS_IOC_GETFLAGS = 0x80086601;
const FS_IOC_SETFLAGS = 0x40086602;

export const FS_APPEND_FL = 0x20;
export const FS_IMMUTABLE_FL = 0x10;

/** lsattr's letters, in lsattr's order, so a person can compare with `lsattr -d` on a clean machine. */
const LETTERS: [number, string][] = [
  [0x1, 's'],
  [0x2, 'u'],
  [0x8, 'S'],
  [0x10000, 'D'],
  [0x10, 'i'],
  [0x20, 'a'],
  [0x40, 'd'],
  [0x80, 'A'],
  [0x4, 'c'],
  [0x800, 'E'],
  [0x4000, 'j'],
  [0x1000, 'I'],
  [0x8000, 't'],
  [0x20000, 'T'],
  [0x80000, 'e'],
  [0x800000, 'C'],
  [0x2000000, 'x'],
  [0x40000000, 'F'],
  [0x10000000, 'N'],
  [0x20000000, 'P'],
  [0x100000, 'V'],
  [0x400, 'm'],
];

/** The flag column lsattr would print ("----i---------e-----------"). */
export function flagLetters(flags: number): string {
  return LETTERS.map(([bit, letter]) => ((flags & bit) !== 0 ? letter : '-')).join('');
}

/**
 * Loads the ioctl (koffi, once). When its native part cannot load on some machine, only the
 * attribute check is lost (and reported as a gap), not the whole scan.
 */
export const loadInodeFlags = loadLibc;

/** Why inode flags cannot be read in this process, or null when they can. */
export const inodeFlagsUnavailable = libcUnavailable;

export { ownNativeFiles };

function unavailable(): Error {
  return Object.assign(new Error(`inode flags unavailable: ${libcUnavailable()}`), { code: 'ENOSYS' });
}

/**
 * Opens a regular file or directory at an analyst-side path for an ioctl. The final component is
 * never followed, and nothing but a regular file or directory is opened (opening a device or FIFO
 * is already an action on the machine).
 */
function withEntry<T>(localPath: string, use: (fd: number, c: Libc) => T): T {
  const c = libc();
  if (c === null) throw unavailable();
  const p = fsPath(localPath);
  const before = fs.lstatSync(p);
  if (!before.isFile() && !before.isDirectory())
    throw Object.assign(new Error(`not a file or directory: ${localPath}`), { code: 'ENOTREG' });
  const fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW | fs.constants.O_NOCTTY);
  try {
    const st = fs.fstatSync(fd);
    if (st.ino !== before.ino || st.dev !== before.dev)
      throw Object.assign(new Error(`replaced while opening: ${localPath}`), { code: 'EAGAIN' });
    return use(fd, c);
  } finally {
    fs.closeSync(fd);
  }
}

/** The inode flags of a regular file or directory; ENOTTY / EOPNOTSUPP where the filesystem keeps none (tmpfs, some FUSE mounts). */
export function readInodeFlags(localPath: string): number {
  return withEntry(localPath, (fd, c) => {
    const out = [0];
    if (c.ioctlRead(fd, FS_IOC_GETFLAGS, out) !== 0) throw callError(`FS_IOC_GETFLAGS on ${localPath}`, c);
    return out[0] >>> 0;
  });
}

/** Sets the inode flags of a regular file or directory (all of them: read first and change the bits you mean). */
export function writeInodeFlags(localPath: string, flags: number): void {
  withEntry(localPath, (fd, c) => {
    if (c.ioctlWrite(fd, FS_IOC_SETFLAGS, [flags | 0]) !== 0) throw callError(`FS_IOC_SETFLAGS on ${localPath}`, c);
  });
}

/** The bit of each lsattr letter. */
export function flagBit(letter: string): number {
  return LETTERS.find(([, l]) => l === letter)?.[0] ?? 0;
}
