import { callError, cPath, libc } from './libc';

// Extended attributes (security.capability, SELinux labels, user.*) and nanosecond times of an
// entry itself, never a link's target, through the C library (see libc.ts): Node has neither.

const XATTR_NOT_KEPT = new Set(['ENOTSUP', 'EOPNOTSUPP']);
const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;

function loaded() {
  const c = libc();
  if (c === null) throw Object.assign(new Error('extended attributes unavailable: the C library calls did not load'), { code: 'ENOSYS' });
  return c;
}

/** Every extended attribute of the entry itself; {} where the filesystem keeps none. */
export function readXattrs(localPath: string): Record<string, Buffer> {
  const c = loaded();
  const path = cPath(localPath);
  // Sizes can grow between the two calls (another writer): retry a few times on ERANGE.
  for (let attempt = 0; attempt < 4; attempt++) {
    const size = c.llistxattr(path, null, 0);
    if (size < 0) {
      const err = callError(`llistxattr ${localPath}`, c);
      if (XATTR_NOT_KEPT.has(err.code ?? '')) return {};
      throw err;
    }
    const list = Buffer.alloc(size);
    const got = size === 0 ? 0 : c.llistxattr(path, list, size);
    if (got < 0) {
      const err = callError(`llistxattr ${localPath}`, c);
      if (err.code === 'ERANGE') continue;
      throw err;
    }
    const out: Record<string, Buffer> = {};
    for (const name of list.subarray(0, got).toString('latin1').split('\0')) {
      if (name === '') continue;
      const value = readOne(c, path, localPath, name);
      if (value !== null) out[name] = value;
    }
    return out;
  }
  throw Object.assign(new Error(`llistxattr ${localPath}: attributes kept changing`), { code: 'EAGAIN' });
}

function readOne(c: NonNullable<ReturnType<typeof libc>>, path: Buffer, localPath: string, name: string): Buffer | null {
  for (let attempt = 0; attempt < 4; attempt++) {
    const size = c.lgetxattr(path, name, null, 0);
    if (size < 0) {
      const err = callError(`lgetxattr ${localPath} ${name}`, c);
      if (err.code === 'ENODATA') return null; // removed since the list was read
      throw err;
    }
    const value = Buffer.alloc(size);
    const got = size === 0 ? 0 : c.lgetxattr(path, name, value, size);
    if (got >= 0) return value.subarray(0, got);
    const err = callError(`lgetxattr ${localPath} ${name}`, c);
    if (err.code !== 'ERANGE') throw err;
  }
  throw Object.assign(new Error(`lgetxattr ${localPath} ${name}: value kept changing`), { code: 'EAGAIN' });
}

export function writeXattr(localPath: string, name: string, value: Buffer): void {
  const c = loaded();
  if (c.lsetxattr(cPath(localPath), name, value, value.length, 0) !== 0) throw callError(`lsetxattr ${localPath} ${name}`, c);
}

export function removeXattr(localPath: string, name: string): void {
  const c = loaded();
  if (c.lremovexattr(cPath(localPath), name) !== 0) throw callError(`lremovexattr ${localPath} ${name}`, c);
}

/** Sets access and modification times of the entry itself to the nanosecond (utimes takes a double). */
export function writeTimesNs(localPath: string, atimeNs: bigint, mtimeNs: bigint): void {
  const c = loaded();
  const times = Buffer.alloc(32);
  writeTimespec(times, 0, atimeNs);
  writeTimespec(times, 16, mtimeNs);
  if (c.utimensat(AT_FDCWD, cPath(localPath), times, AT_SYMLINK_NOFOLLOW) !== 0) throw callError(`utimensat ${localPath}`, c);
}

/** struct timespec at `offset`: tv_nsec is always 0..999999999, also for times before 1970. */
function writeTimespec(buf: Buffer, offset: number, ns: bigint): void {
  let sec = ns / 1_000_000_000n;
  let nsec = ns % 1_000_000_000n;
  if (nsec < 0n) {
    sec -= 1n;
    nsec += 1_000_000_000n;
  }
  buf.writeBigInt64LE(sec, offset);
  buf.writeBigInt64LE(nsec, offset + 8);
}
