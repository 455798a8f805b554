// Native parsers for the binary login records (glibc x86-64 layout, also used by aarch64):
// struct utmp is 384 bytes, struct lastlog 292 bytes indexed by UID. `last`, `lastb` and
// `lastlog` would read the same bytes, but they may be replaced on a compromised box.

export const UTMP_SIZE = 384;
export const LASTLOG_SIZE = 292;

export const UT = {
  EMPTY: 0,
  RUN_LVL: 1,
  BOOT_TIME: 2,
  NEW_TIME: 3,
  OLD_TIME: 4,
  INIT_PROCESS: 5,
  LOGIN_PROCESS: 6,
  USER_PROCESS: 7,
  DEAD_PROCESS: 8,
  ACCOUNTING: 9,
} as const;

export interface UtmpRecord {
  index: number;
  type: number;
  pid: number;
  line: string;
  user: string;
  host: string;
  /** IPv4 or IPv6 from ut_addr_v6, or '' when unset. */
  addr: string;
  sec: number;
  /** The whole record is NUL bytes: what utmp cleaners leave behind. */
  zeroed: boolean;
}

/** A NUL-terminated fixed-size field; control characters replaced (attackers write these too). */
function cString(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  const stop = end < 0 || end > start + len ? start + len : end;
  return buf.toString('utf8', start, stop).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function address(buf: Buffer, off: number): string {
  const words = [0, 1, 2, 3].map((i) => buf.readUInt32BE(off + i * 4));
  if (words.every((w) => w === 0)) return '';
  if (words[1] === 0 && words[2] === 0 && words[3] === 0) return [0, 1, 2, 3].map((i) => buf[off + i]).join('.');
  const parts: string[] = [];
  for (let i = 0; i < 8; i++) parts.push(buf.readUInt16BE(off + i * 2).toString(16));
  return parts.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

export function parseUtmp(buf: Buffer): UtmpRecord[] {
  const out: UtmpRecord[] = [];
  const count = Math.floor(buf.length / UTMP_SIZE);
  for (let i = 0; i < count; i++) {
    const o = i * UTMP_SIZE;
    let zeroed = true;
    for (let k = o; k < o + UTMP_SIZE; k += 4) {
      if (buf.readUInt32LE(k) !== 0) {
        zeroed = false;
        break;
      }
    }
    out.push({
      index: i,
      type: buf.readInt16LE(o),
      pid: buf.readInt32LE(o + 4),
      line: cString(buf, o + 8, 32),
      user: cString(buf, o + 44, 32),
      host: cString(buf, o + 76, 256),
      addr: address(buf, o + 348),
      sec: buf.readUInt32LE(o + 340),
      zeroed,
    });
  }
  return out;
}

export interface LastlogEntry {
  uid: number;
  sec: number;
  line: string;
  host: string;
}

/** Entries with a login time, for the UIDs asked for (the file is sparse and indexed by UID). */
export function parseLastlog(buf: Buffer, uids: number[]): LastlogEntry[] {
  const out: LastlogEntry[] = [];
  for (const uid of uids) {
    const o = uid * LASTLOG_SIZE;
    if (uid < 0 || o + LASTLOG_SIZE > buf.length) continue;
    const sec = buf.readUInt32LE(o);
    if (sec === 0) continue;
    out.push({ uid, sec, line: cString(buf, o + 4, 32), host: cString(buf, o + 36, 256) });
  }
  return out;
}
