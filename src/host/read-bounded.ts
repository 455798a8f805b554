import fs from 'node:fs';

/**
 * Reads at most maxBytes. /proc files report size 0 and attacker files can be huge, so the
 * size from stat is never trusted. With noFollow the final component must not be a symlink.
 */
export function readBounded(path: string, maxBytes: number, noFollow: boolean): Buffer {
  const flags = fs.constants.O_RDONLY | (noFollow ? fs.constants.O_NOFOLLOW : 0) | fs.constants.O_NONBLOCK;
  const fd = fs.openSync(path, flags);
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
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = st.size > 0 ? Math.min(st.size + 1, maxBytes, 1 << 20) : 65536;
    for (;;) {
      const want = Math.min(chunkSize, maxBytes - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const n = fs.readSync(fd, buf, 0, want, null);
      if (n <= 0) break;
      chunks.push(n === want ? buf : buf.subarray(0, n));
      total += n;
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
