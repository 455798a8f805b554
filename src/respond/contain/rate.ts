// Rates as operators type them. Bits use tc's words (kbit = 1000 bit/s), bytes use B/s; an
// ambiguous unit is refused rather than guessed, because a factor of 8 is the difference between
// stopping a flood and cutting the operator off.

const BIT_UNITS: Record<string, number> = { bit: 1, kbit: 1e3, mbit: 1e6, gbit: 1e9, bps: 1, kbps: 1e3, mbps: 1e6, gbps: 1e9 };
const BYTE_UNITS: Record<string, number> = {
  'b/s': 1,
  'kb/s': 1e3,
  'mb/s': 1e6,
  'gb/s': 1e9,
  'kib/s': 1024,
  'mib/s': 1024 ** 2,
  'gib/s': 1024 ** 3,
};

/** Smallest and largest rates accepted, in bytes per second. */
export const MIN_RATE = 1000;
export const MAX_RATE = 100e9 / 8;

/**
 * Bytes per second from "10mbit", "500kbit", "1MB/s", "2MiB/s", "10Mbps" (megabits). Returns null
 * for anything else. "Mbps" is bits, "MB/s" bytes: the capital B with "/s" is what marks bytes.
 */
export function parseRate(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z/]+)\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  const unit = m[2];
  let bytes: number | null = null;
  if (/B\/s$/.test(unit) && BYTE_UNITS[unit.toLowerCase()] !== undefined) bytes = value * BYTE_UNITS[unit.toLowerCase()];
  else if (!unit.includes('B') && BIT_UNITS[unit.toLowerCase().replace('/s', 'ps')] !== undefined)
    bytes = (value * BIT_UNITS[unit.toLowerCase().replace('/s', 'ps')]) / 8;
  if (bytes === null || !Number.isFinite(bytes)) return null;
  bytes = Math.round(bytes);
  return bytes >= MIN_RATE && bytes <= MAX_RATE ? bytes : null;
}

/** "10 Mbit/s (1,250,000 B/s)" style text for plans: both units, so nobody has to convert. */
export function describeRate(bytesPerSec: number): string {
  const bits = bytesPerSec * 8;
  const [v, u] = bits >= 1e9 ? [bits / 1e9, 'Gbit/s'] : bits >= 1e6 ? [bits / 1e6, 'Mbit/s'] : [bits / 1e3, 'kbit/s'];
  return `${Number(v.toFixed(2))} ${u} (${bytesPerSec} B/s)`;
}
