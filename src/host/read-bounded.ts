import fs from 'node:fs';
import { fsPath } from './byte-names';

const SCRATCH = Buffer.allocUnsafe(256 * 1024);

/**
 * Reads at most maxBytes. /proc files report size 0 and attacker files can be huge, so the
 * size from stat is never trusted. With noFollow the final component must not be a symlink.
 */
/**
 * Refuses a FIFO, device or socket before it is opened: opening is already an action on the
 * analyst's machine (a device node in an image can be a watchdog or a tape drive, a FIFO's
 * writer wakes up). The fstat after opening still catches a swap in between.
 */
export function refuseSpecialBeforeOpen(path: string, noFollow: boolean): void {
  if (path.startsWith('/proc/') || path.startsWith('/sys/')) return;
  const st = noFollow ? fs.lstatSync(fsPath(path)) : fs.statSync(fsPath(path));
  if (st.isFile()) return;
  const err = new Error(`not a regular file: ${path}`) as NodeJS.ErrnoException;
  err.code = st.isSymbolicLink() ? 'ELOOP' : 'ENOTREG';
  throw err;
}

export function readBounded(path: string, maxBytes: number, noFollow: boolean): Buffer {
  refuseSpecialBeforeOpen(path, noFollow);
  const flags = fs.constants.O_RDONLY | (noFollow ? fs.constants.O_NOFOLLOW : 0) | fs.constants.O_NONBLOCK;
  const fd = fs.openSync(fsPath(path), flags);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      // FIFOs and devices in an image would block or never end.
      if (!path.startsWith('/proc/') && !path.startsWith('/sys/')) {
        const err = new Error(`not a regular file: ${path}`) as NodeJS.ErrnoException;
        err.code = 'ENOTREG';
        throw err;
      }
    }
    // /proc files report size 0, so reads go through one reused scratch buffer and only the bytes
    // read are copied out: allocating a fresh 64 KiB buffer per tiny /proc file made peak memory
    // grow with the process count.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(SCRATCH.length, maxBytes - total);
      if (want <= 0) break;
      const n = fs.readSync(fd, SCRATCH, 0, want, null);
      if (n <= 0) break;
      chunks.push(Buffer.from(SCRATCH.subarray(0, n)));
      total += n;
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
