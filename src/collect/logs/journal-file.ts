import { decompressField, OBJECT_COMPRESSED_XZ } from './journal-decompress';

// Native reader for systemd journal files (systemd's "Journal File Format"): a header, then a
// contiguous arena of 8-byte aligned objects (DATA, FIELD, ENTRY, hash tables, ENTRY_ARRAY, TAG).
// Entries are read by walking the arena front to back rather than through the entry arrays and
// hash tables: that needs only the objects themselves, keeps append order, and on a truncated or
// partly overwritten file yields every entry before the damage (what `journalctl` would also
// salvage). journalctl is never run: on a compromised box it may be replaced.

const SIGNATURE = 'LPKSHHRH';
export const HEADER_MIN = 208;

const INCOMPATIBLE_XZ = 1;
const INCOMPATIBLE_LZ4 = 2;
const INCOMPATIBLE_KEYED_HASH = 4;
const INCOMPATIBLE_ZSTD = 8;
const INCOMPATIBLE_COMPACT = 16;
const INCOMPATIBLE_KNOWN = 31;

const OBJECT_DATA = 1;
const OBJECT_ENTRY = 3;
const OBJECT_TAG = 7;
const OBJECT_HEADER = 16;
const ENTRY_HEADER = 64;

/** Longest field value kept; auth messages are short, a forged field must not cost memory. */
const MAX_FIELD_BYTES = 64 * 1024;

export interface JournalHeader {
  compact: boolean;
  compression: ('xz' | 'lz4' | 'zstd')[];
  keyedHash: boolean;
  /** Flags this reader does not know: entries are still walked, but may be misread. */
  unknownFlags: number;
  /** 0 offline (closed cleanly), 1 online (being written, or the writer died), 2 archived. */
  state: number;
  headerSize: number;
  /** End of the last object the header knows of: how much of the file holds data. */
  usedEnd: number;
  entries: number;
  headRealtimeUs: number;
  tailRealtimeUs: number;
}

function u64(buf: Buffer, off: number): number {
  return buf.readUInt32LE(off) + buf.readUInt32LE(off + 4) * 4294967296;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Parses the header, or says why the file is not a journal. Needs the first HEADER_MIN bytes. */
export function parseJournalHeader(buf: Buffer): JournalHeader | string {
  if (buf.length < HEADER_MIN) return `too short for a journal header (${buf.length} bytes)`;
  if (buf.toString('latin1', 0, 8) !== SIGNATURE) return 'not a journal file (bad signature)';
  const incompatible = buf.readUInt32LE(12);
  const headerSize = u64(buf, 88);
  const arenaSize = u64(buf, 96);
  const tailObject = u64(buf, 136);
  if (headerSize < HEADER_MIN || headerSize > 1 << 20 || headerSize % 8 !== 0) return `implausible header size ${headerSize}`;
  const compression: JournalHeader['compression'] = [];
  if (incompatible & INCOMPATIBLE_XZ) compression.push('xz');
  if (incompatible & INCOMPATIBLE_LZ4) compression.push('lz4');
  if (incompatible & INCOMPATIBLE_ZSTD) compression.push('zstd');
  // The tail object's own size is read later (it needs more of the file); until then the arena
  // size bounds what the header claims.
  const usedEnd = tailObject >= headerSize ? tailObject : headerSize + arenaSize;
  return {
    compact: (incompatible & INCOMPATIBLE_COMPACT) !== 0,
    compression,
    keyedHash: (incompatible & INCOMPATIBLE_KEYED_HASH) !== 0,
    unknownFlags: incompatible & ~INCOMPATIBLE_KNOWN,
    state: buf[16],
    headerSize,
    usedEnd,
    entries: u64(buf, 152),
    headRealtimeUs: u64(buf, 184),
    tailRealtimeUs: u64(buf, 192),
  };
}

/** The end of the tail object (the header only gives its start). */
export function tailObjectEnd(header: JournalHeader, tail: Buffer): number {
  if (tail.length < OBJECT_HEADER) return header.usedEnd;
  const size = u64(tail, 8);
  return size >= OBJECT_HEADER && size < 2 ** 40 ? header.usedEnd + align8(size) : header.usedEnd;
}

export interface JournalEntry {
  seqnum: number;
  realtimeUs: number;
  fields: Map<string, string>;
}

export interface JournalReadOptions {
  /** Fields decoded for every entry (they repeat across entries, so their values are cached). */
  keyFields: readonly string[];
  /** Fields decoded only when `want` accepts the entry's key fields (e.g. MESSAGE). */
  lazyFields: readonly string[];
  want(fields: Map<string, string>): boolean;
  visit(entry: JournalEntry): void;
  /** performance.now() after which the walk stops (reported as `stoppedAt`). */
  deadline?: number;
}

export interface JournalReadResult {
  entries: number;
  /** Entries whose fields were all decoded and passed to visit. */
  visited: number;
  /** Why the walk ended before the last object the header promised, or null. */
  problem: string | null;
  /** Offset where the walk stopped (for gaps: how much of the file was read). */
  stoppedAt: number;
  /** Fields that could not be decoded: XZ-compressed, or a corrupt compressed payload. */
  undecoded: { xz: number; corrupt: number; lastError: string | null };
}

const SKIP = -1;
/** A compressed DATA object that could not be decoded (XZ, or a corrupt payload). */
const UNDECODABLE = -2;

/**
 * Walks every entry object of a journal file held in `buf` (the file from offset 0). `end` is
 * where the header says the objects stop; a shorter buffer means the file was cut.
 */
export function readJournalEntries(buf: Buffer, header: JournalHeader, end: number, opts: JournalReadOptions): JournalReadResult {
  const keyNames = opts.keyFields.map((n) => Buffer.from(`${n}=`));
  const lazyNames = opts.lazyFields.map((n) => Buffer.from(`${n}=`));
  const dataStart = header.compact ? 72 : 64;
  const itemSize = header.compact ? 4 : 16;
  const limit = Math.min(end, buf.length);
  // (offset / 8) → 0 not seen yet, else kind + 3: 1 undecodable, 2 skip, k + 3 for keyNames[k],
  // k + 3 + keyNames.length for lazyNames[k]. A typed array, not a Map: a journal has hundreds of thousands of DATA objects and
  // every entry refers to ~25 of them.
  const kindCache = new Uint8Array(Math.ceil(limit / 8) + 1);
  const valueCache = new Map<number, string>();
  const result: JournalReadResult = {
    entries: 0,
    visited: 0,
    problem: null,
    stoppedAt: header.headerSize,
    undecoded: { xz: 0, corrupt: 0, lastError: null },
  };

  /** Payload of a DATA object: the bytes, decompressed when flagged; null when unreadable. */
  // Why a compressed object could not be decoded; counted only when a wanted entry uses it (a long
  // kernel message nobody asked for is no gap).
  const failures = new Map<number, string>();
  const payload = (o: number): Buffer | null => {
    if (o < header.headerSize || o + dataStart > buf.length || o % 8 !== 0 || buf[o] !== OBJECT_DATA) return null;
    const size = u64(buf, o + 8);
    if (size < dataStart || o + size > buf.length) return null;
    const flags = buf[o + 1];
    const raw = buf.subarray(o + dataStart, o + size);
    if (flags === 0) return raw;
    const d = decompressField(flags, raw, MAX_FIELD_BYTES);
    if ('error' in d) {
      if (failures.size < 100_000) failures.set(o, flags & OBJECT_COMPRESSED_XZ ? 'xz' : d.error);
      return null;
    }
    return Buffer.from(d.data.buffer, d.data.byteOffset, d.data.length);
  };

  const kindOf = (o: number): number => {
    if (o >= limit || o % 8 !== 0) return SKIP;
    const hit = kindCache[o / 8];
    if (hit !== 0) return hit - 3;
    const p = payload(o);
    let kind = p === null && failures.has(o) ? UNDECODABLE : SKIP;
    if (p) {
      for (let k = 0; k < keyNames.length && kind === SKIP; k++) if (startsWith(p, keyNames[k])) kind = k;
      for (let k = 0; k < lazyNames.length && kind === SKIP; k++) if (startsWith(p, lazyNames[k])) kind = k + keyNames.length;
      if (kind !== SKIP && kind < keyNames.length) valueCache.set(o, p.toString('utf8', keyNames[kind].length));
    }
    kindCache[o / 8] = kind + 3;
    return kind;
  };

  const deadline = opts.deadline ?? Number.POSITIVE_INFINITY;
  let p = header.headerSize;
  while (p < limit) {
    if (p + OBJECT_HEADER > buf.length) break;
    const type = buf[p];
    const size = u64(buf, p + 8);
    if (type === 0 && size === 0) break; // unused space after the last object
    if (type < OBJECT_DATA || type > OBJECT_TAG || size < OBJECT_HEADER || p + size > buf.length) {
      result.problem = p + size > buf.length && type >= OBJECT_DATA && type <= OBJECT_TAG ? 'cut off' : `corrupt object at offset ${p}`;
      break;
    }
    if (type === OBJECT_ENTRY && size >= ENTRY_HEADER) {
      result.entries++;
      if ((result.entries & 1023) === 0 && performance.now() > deadline) {
        result.problem = 'time budget spent';
        break;
      }
      const fields = new Map<string, string>();
      const lazy: number[] = [];
      const bad: number[] = [];
      const n = Math.floor((size - ENTRY_HEADER) / itemSize);
      for (let i = 0; i < n; i++) {
        const at = p + ENTRY_HEADER + i * itemSize;
        const o = header.compact ? buf.readUInt32LE(at) : u64(buf, at);
        const kind = kindOf(o);
        if (kind === SKIP) continue;
        if (kind === UNDECODABLE) bad.push(o);
        else if (kind < keyNames.length) fields.set(opts.keyFields[kind], valueCache.get(o) ?? '');
        else lazy.push(o);
      }
      if (opts.want(fields)) {
        for (const o of bad) {
          const why = failures.get(o) ?? 'unknown';
          if (why === 'xz') result.undecoded.xz++;
          else {
            result.undecoded.corrupt++;
            result.undecoded.lastError = why;
          }
        }
        for (const o of lazy) {
          const pl = payload(o);
          if (!pl) continue;
          const k = kindOf(o) - keyNames.length;
          fields.set(opts.lazyFields[k], pl.toString('utf8', lazyNames[k].length));
        }
        result.visited++;
        opts.visit({ seqnum: u64(buf, p + 16), realtimeUs: u64(buf, p + 24), fields });
      }
    }
    p += align8(size);
  }
  result.stoppedAt = p;
  if (result.problem === null && p < end) result.problem = buf.length < end ? 'cut off' : `unreadable object at offset ${p}`;
  return result;
}

function startsWith(b: Buffer, prefix: Buffer): boolean {
  if (b.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (b[i] !== prefix[i]) return false;
  return true;
}
