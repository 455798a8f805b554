import fs from 'node:fs';
import os from 'node:os';
import { fsPath } from './byte-names';

// chattr +i / +a are read with the kernel's FS_IOC_GETFLAGS ioctl, called through koffi (a
// maintained FFI module that ships prebuilt binaries for every Linux architecture, glibc and musl,
// so nothing is compiled on install). Running the box's own lsattr would trust the very tools an
// intruder replaces; a fake lsattr first in PATH was once run as root and believed.

/** _IOR('f', 1, long) on 64-bit Linux. The kernel reads and writes an int through the pointer. */
const FS_IOC_GETFLAGS = 0x80086601;

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

type Ioctl = (fd: number, request: number, out: number[]) => number;
let ioctl: Ioctl | null = null;
let errno: () => number = () => 0;
let loadError = 'not loaded yet';
/** Shared objects that appeared in our memory map while koffi loaded: the scanner's own, not a hook. */
let loadedFiles: string[] = [];

/** The files mapped into this process (to tell our own native modules from an injected hook). */
export function mappedFiles(): Set<string> {
  try {
    // The scanner's own memory map: plain fs, this is not the target.
    return new Set(
      fs
        .readFileSync('/proc/self/maps', 'utf8')
        .split('\n')
        .map((l) => l.split(/\s+/).slice(5).join(' '))
        .filter((p) => p.startsWith('/')),
    );
  } catch {
    return new Set();
  }
}

/**
 * What appeared in our memory map since `before`: a native module we just loaded and what it
 * pulled in. Any name, because the single executable loads its addons from unnamed files
 * ("/dev/shm/#4828161 (deleted)"), spelled as the scanner-integrity collector reads them.
 */
export function newlyMapped(before: Set<string>): string[] {
  return [...mappedFiles()].filter((p) => !before.has(p)).map((p) => p.replace(/ \(deleted\)$/, ''));
}

/** Native files loaded into this process by loadInodeFlags (koffi's own binary). */
export function ownNativeFiles(): string[] {
  return loadedFiles;
}

/**
 * Loads the libc ioctl through koffi, once. Asynchronous because the module is imported lazily:
 * when its native part cannot load on some machine, only the attribute check is lost (and
 * reported as a gap), not the whole scan.
 */
export async function loadInodeFlags(): Promise<void> {
  if (ioctl !== null) return;
  const before = mappedFiles();
  try {
    const mod = await import('koffi');
    const koffi = mod.default ?? mod;
    const libc = koffi.load('libc.so.6');
    ioctl = libc.func('int ioctl(int fd, unsigned long request, _Out_ int *flags)') as Ioctl;
    errno = () => koffi.errno();
    loadError = '';
    loadedFiles = newlyMapped(before);
  } catch (e) {
    loadError = (e as Error).message.split('\n')[0];
  }
}

/** Why inode flags cannot be read in this process, or null when they can. */
export function inodeFlagsUnavailable(): string | null {
  return ioctl === null ? loadError : null;
}

function errnoName(n: number): string {
  return Object.entries(os.constants.errno).find(([, v]) => v === n)?.[0] ?? `errno ${n}`;
}

/**
 * The inode flags of a regular file or directory at an analyst-side path. The final component is
 * never followed, and nothing but a regular file or directory is opened (opening a device or FIFO
 * is already an action on the machine).
 */
export function readInodeFlags(localPath: string): number {
  const call = ioctl;
  if (call === null) throw Object.assign(new Error(`inode flags unavailable: ${loadError}`), { code: 'ENOSYS' });
  const p = fsPath(localPath);
  const before = fs.lstatSync(p);
  if (!before.isFile() && !before.isDirectory())
    throw Object.assign(new Error(`not a file or directory: ${localPath}`), { code: 'ENOTREG' });
  const fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW | fs.constants.O_NOCTTY);
  try {
    const st = fs.fstatSync(fd);
    if (st.ino !== before.ino || st.dev !== before.dev)
      throw Object.assign(new Error(`replaced while opening: ${localPath}`), { code: 'EAGAIN' });
    const out = [0];
    if (call(fd, FS_IOC_GETFLAGS, out) !== 0) {
      // ENOTTY / EOPNOTSUPP: the filesystem keeps no such flags (tmpfs, some FUSE mounts).
      const code = errnoName(errno());
      throw Object.assign(new Error(`FS_IOC_GETFLAGS on ${localPath}: ${code}`), { code });
    }
    return out[0] >>> 0;
  } finally {
    fs.closeSync(fd);
  }
}
