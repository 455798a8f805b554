import { decompress as zstdDecompress } from 'fzstd';
import { decompressBlock as lz4DecompressBlock } from 'lz4js';

// Journal DATA objects larger than journald's threshold (512 bytes by default) are stored
// compressed, flagged per object. Pure-JS decoders so the same code runs in the single
// executable: fzstd (zstd frames) and lz4js (bare LZ4 blocks). XZ (systemd before LZ4/ZSTD
// became defaults) has no synchronous pure-JS/WASM decoder on npm: such fields are counted, and
// the caller reports them as a gap instead of guessing.

export const OBJECT_COMPRESSED_XZ = 1;
export const OBJECT_COMPRESSED_LZ4 = 2;
export const OBJECT_COMPRESSED_ZSTD = 4;

export type Decoded = { data: Uint8Array; clipped: boolean } | { error: string };

/** Size the zstd frame header declares, or null when absent or not a zstd frame. */
function zstdContentSize(src: Uint8Array): number | null {
  if (src.length < 6 || src[0] !== 0x28 || src[1] !== 0xb5 || src[2] !== 0x2f || src[3] !== 0xfd) return null;
  const fhd = src[4];
  const fcsFlag = fhd >> 6;
  const single = (fhd >> 5) & 1;
  const dictBytes = [0, 1, 2, 4][fhd & 3];
  const fcsBytes = [single, 2, 4, 8][fcsFlag];
  if (fcsBytes === 0) return null;
  const at = 5 + (single ? 0 : 1) + dictBytes;
  if (at + fcsBytes > src.length) return null;
  let v = 0;
  for (let i = fcsBytes - 1; i >= 0; i--) v = v * 256 + src[at + i];
  return fcsBytes === 2 ? v + 256 : v;
}

/**
 * Decompresses one field payload. Output is capped at `maxOut` bytes: a forged size must not
 * allocate gigabytes; `clipped` says the field was longer.
 */
export function decompressField(flags: number, src: Uint8Array, maxOut: number): Decoded {
  try {
    if (flags & OBJECT_COMPRESSED_ZSTD) {
      const declared = zstdContentSize(src);
      const size = declared === null ? maxOut : Math.min(declared, maxOut);
      const out = zstdDecompress(src, new Uint8Array(size));
      return { data: out, clipped: declared === null ? out.length >= maxOut : declared > maxOut };
    }
    if (flags & OBJECT_COMPRESSED_LZ4) {
      // systemd prefixes the block with its decompressed size (64-bit little-endian).
      if (src.length < 9) return { error: 'lz4: too short' };
      const lo = src[0] | (src[1] << 8) | (src[2] << 16) | (src[3] << 24);
      const hi = src[4] | (src[5] << 8) | (src[6] << 16) | (src[7] << 24);
      const declared = (lo >>> 0) + (hi >>> 0) * 4294967296;
      if (declared === 0) return { error: 'lz4: zero size' };
      const size = Math.min(declared, maxOut);
      const out = new Uint8Array(size);
      const end = lz4DecompressBlock(src, out, 8, src.length - 8, 0);
      if (!Number.isFinite(end) || (declared <= maxOut && end !== declared)) return { error: 'lz4: corrupt block' };
      return { data: out, clipped: declared > maxOut };
    }
    if (flags & OBJECT_COMPRESSED_XZ) return { error: 'xz' };
    return { error: `unknown compression flags ${flags}` };
  } catch (e) {
    return { error: (e as Error).message.slice(0, 80) };
  }
}
