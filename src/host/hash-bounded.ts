import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fsPath } from './byte-names';
import { refuseSpecialBeforeOpen } from './read-bounded';

const CHUNK = Buffer.allocUnsafe(1024 * 1024);

/** md5 and sha256 for evidence; the others because rpm packages may record file digests with them. */
export type HashAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface FileHashes {
  bytes: number;
  /** True when the file was longer than maxBytes and only its start was hashed. */
  truncated: boolean;
  md5?: string;
  sha1?: string;
  sha224?: string;
  sha256?: string;
  sha384?: string;
  sha512?: string;
}

/**
 * Hashes a file in chunks through one reused buffer, so hashing binaries never holds a whole
 * file in memory. Regular files only; the final component is never followed when noFollow.
 */
export function hashBounded(path: string, algorithms: HashAlgorithm[], maxBytes: number, noFollow: boolean): FileHashes {
  refuseSpecialBeforeOpen(path, noFollow);
  const fd = fs.openSync(fsPath(path), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (noFollow ? fs.constants.O_NOFOLLOW : 0));
  try {
    if (!fs.fstatSync(fd).isFile()) {
      const err = new Error(`not a regular file: ${path}`) as NodeJS.ErrnoException;
      err.code = 'ENOTREG';
      throw err;
    }
    const hashes = algorithms.map((a) => createHash(a));
    let bytes = 0;
    for (;;) {
      const n = fs.readSync(fd, CHUNK, 0, Math.min(CHUNK.length, maxBytes - bytes), null);
      if (n <= 0) break;
      for (const h of hashes) h.update(CHUNK.subarray(0, n));
      bytes += n;
      if (bytes >= maxBytes) break;
    }
    const truncated = bytes >= maxBytes && fs.readSync(fd, CHUNK, 0, 1, null) > 0;
    const out: FileHashes = { bytes, truncated };
    algorithms.forEach((a, i) => {
      out[a] = hashes[i].digest('hex');
    });
    return out;
  } finally {
    fs.closeSync(fd);
  }
}
