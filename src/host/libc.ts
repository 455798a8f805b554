import fs from 'node:fs';
import os from 'node:os';
import { fsPath } from './byte-names';

// The few system calls Node does not offer (inode flags, extended attributes, nanosecond times
// without following a link), called in the C library through koffi: a maintained FFI module that
// ships prebuilt binaries for every Linux architecture, glibc and musl, so nothing is compiled on
// install. The alternative, running the box's own lsattr/chattr/getfattr/setfattr/touch, would
// trust the very tools an intruder replaces.

export interface Libc {
  /** ioctl with an int the kernel writes (FS_IOC_GETFLAGS). */
  ioctlRead(fd: number, request: number, out: number[]): number;
  /** ioctl with an int the kernel reads (FS_IOC_SETFLAGS). */
  ioctlWrite(fd: number, request: number, value: number[]): number;
  llistxattr(path: Buffer, list: Buffer | null, size: number): number;
  lgetxattr(path: Buffer, name: string, value: Buffer | null, size: number): number;
  lsetxattr(path: Buffer, name: string, value: Buffer, size: number, flags: number): number;
  lremovexattr(path: Buffer, name: string): number;
  utimensat(dirfd: number, path: Buffer, times: Buffer, flags: number): number;
  errno(): number;
}

let calls: Libc | null = null;
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

/**
 * Loads the C library calls through koffi, once. Asynchronous because the module is imported
 * lazily: when its native part cannot load on some machine, only what needs these calls is lost
 * (and reported), not the whole command.
 */
export async function loadLibc(): Promise<void> {
  if (calls !== null) return;
  const before = mappedFiles();
  try {
    const mod = await import('koffi');
    const koffi = mod.default ?? mod;
    const lib = koffi.load('libc.so.6');
    // Paths are passed as NUL-terminated bytes: names that are not UTF-8 must reach the kernel as they are.
    calls = {
      ioctlRead: lib.func('int ioctl(int fd, unsigned long request, _Out_ int *value)'),
      ioctlWrite: lib.func('int ioctl(int fd, unsigned long request, const int *value)'),
      llistxattr: lib.func('intptr_t llistxattr(const void *path, void *list, size_t size)'),
      lgetxattr: lib.func('intptr_t lgetxattr(const void *path, const char *name, void *value, size_t size)'),
      lsetxattr: lib.func('int lsetxattr(const void *path, const char *name, const void *value, size_t size, int flags)'),
      lremovexattr: lib.func('int lremovexattr(const void *path, const char *name)'),
      utimensat: lib.func('int utimensat(int dirfd, const void *path, const void *times, int flags)'),
      errno: () => koffi.errno(),
    } as Libc;
    loadError = '';
    loadedFiles = newlyMapped(before);
  } catch (e) {
    loadError = (e as Error).message.split('\n')[0];
  }
}

/** The loaded calls, or null when they could not load (see libcUnavailable). */
export function libc(): Libc | null {
  return calls;
}

/** Why the C library calls cannot be made in this process, or null when they can. */
export function libcUnavailable(): string | null {
  return calls === null ? loadError : null;
}

/** Native files loaded into this process by loadLibc (koffi's own binary). */
export function ownNativeFiles(): string[] {
  return loadedFiles;
}

/** A path as the kernel takes it: its original bytes, NUL-terminated. */
export function cPath(localPath: string): Buffer {
  const p = fsPath(localPath);
  return Buffer.concat([typeof p === 'string' ? Buffer.from(p, 'utf8') : p, Buffer.from([0])]);
}

export function errnoName(n: number): string {
  return Object.entries(os.constants.errno).find(([, v]) => v === n)?.[0] ?? `errno ${n}`;
}

/** An Error carrying the failed call's errno name as `code`, like node:fs errors. */
export function callError(what: string, c: Libc): NodeJS.ErrnoException {
  const code = errnoName(c.errno());
  return Object.assign(new Error(`${what}: ${code}`), { code });
}
