// Parsers for /proc/net/{tcp,udp,raw}{,6} and /proc/net/dev.

export const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

export interface RawSocket {
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
  state: string;
  txQueue: number;
  rxQueue: number;
  uid: number;
  inode: number;
}

/** Little-endian 32-bit words as the kernel prints them. */
export function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    const n = Number.parseInt(hex, 16);
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
  }
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(Number.parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  // IPv4-mapped ::ffff:a.b.c.d reads better as plain IPv4.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return bytes.slice(12).join('.');
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return compressIpv6(groups);
}

function compressIpv6(groups: string[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}

export function parseNetTable(text: string, udpLike: boolean): RawSocket[] {
  const out: RawSocket[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].trim().split(/\s+/);
    if (f.length < 10) continue;
    const [lAddr, lPort] = f[1].split(':');
    const [rAddr, rPort] = f[2].split(':');
    const [tx, rx] = f[4].split(':');
    const st = f[3].toUpperCase();
    out.push({
      local: decodeAddress(lAddr),
      localPort: Number.parseInt(lPort, 16),
      remote: decodeAddress(rAddr),
      remotePort: Number.parseInt(rPort, 16),
      state: udpLike ? (st === '07' ? 'UNCONN' : st === '01' ? 'ESTABLISHED' : st) : (TCP_STATES[st] ?? st),
      txQueue: Number.parseInt(tx, 16),
      rxQueue: Number.parseInt(rx, 16),
      uid: Number(f[7]),
      inode: Number(f[9]),
    });
  }
  return out;
}

export interface InterfaceCounters {
  name: string;
  rxBytes: number;
  rxPackets: number;
  txBytes: number;
  txPackets: number;
}

export function parseNetDev(text: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = [];
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (f.length < 16) continue;
    out.push({ name, rxBytes: f[0], rxPackets: f[1], txBytes: f[8], txPackets: f[9] });
  }
  return out;
}
