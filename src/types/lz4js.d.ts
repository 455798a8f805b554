// lz4js ships no types; only the raw block functions are used (journal LZ4 fields are bare blocks).
declare module 'lz4js' {
  /** Decodes one LZ4 block from src[sIndex, sIndex+sLength) into dst at dIndex; returns the end index in dst. */
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
  /** Encodes src[sIndex, sIndex+sLength) as one LZ4 block into dst; returns its length (tests only). */
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
}
