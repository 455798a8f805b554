// Byte statistics that tell packed or encrypted code from ordinary machine code. Compiled
// x86-64/arm64 code and its data sit around 5.5–6.5 bits per byte (the most compressed
// distro libraries reach ~7.1); UPX output and encrypted payloads are 7.5–8.

/** Shannon entropy in bits per byte (0–8). */
export function shannonEntropy(buf: Uint8Array): number {
  if (buf.length === 0) return 0;
  const counts = new Uint32Array(256);
  for (let i = 0; i < buf.length; i++) counts[buf[i]]++;
  let h = 0;
  for (let b = 0; b < 256; b++) {
    const c = counts[b];
    if (c === 0) continue;
    const p = c / buf.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface ElfSummary {
  bits: 32 | 64;
  /** Section header count: packers drop the section table, so 0 is typical of them. */
  sectionHeaders: number;
}

export function isElf(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x7f && buf[1] === 0x45 && buf[2] === 0x4c && buf[3] === 0x46;
}

export function elfSummary(buf: Buffer): ElfSummary | null {
  if (!isElf(buf) || buf.length < 64) return null;
  const bits = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : null;
  const little = buf[5] === 1;
  if (bits === null || (buf[5] !== 1 && buf[5] !== 2)) return null;
  const off = bits === 64 ? 0x3c : 0x30;
  const sectionHeaders = little ? buf.readUInt16LE(off) : buf.readUInt16BE(off);
  return { bits, sectionHeaders };
}

/** Packer signatures found near the start or the end of the file (where UPX writes them). */
export function packerMagic(buf: Buffer, magics: string[], window = 4096): string | null {
  const head = buf.subarray(0, window);
  const tail = buf.subarray(Math.max(0, buf.length - window));
  for (const m of magics) if (head.includes(m) || tail.includes(m)) return m;
  return null;
}
