// Berkeley DB "Packages" (CentOS 7, RHEL 8): rpm stores one header per record, keyed by a 4-byte
// package number (0 is a counter, not a package). The file is read page by page without libdb:
// every hash or btree leaf page lists its items, and big values continue on overflow pages.
// Layout from Berkeley DB's dbinc/db_page.h; everything is little-endian on x86 and arm.

const HASH_MAGIC = 0x061561;
const BTREE_MAGIC = 0x053162;
const PAGE_HEADER = 26;

const P_LBTREE = 5;
const P_OVERFLOW = 7;
const P_HASH = 13;

const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const B_KEYDATA = 1;
const B_OVERFLOW = 3;

export class BdbError extends Error {}

export interface BdbRecords {
  kind: 'hash' | 'btree';
  /** Values stored under a non-zero key, in file order. */
  values: Buffer[];
  /** Items that could not be read (broken overflow chains, out-of-range offsets). */
  broken: number;
}

function readOverflow(db: Buffer, pageSize: number, first: number, total: number): Buffer | null {
  const out = Buffer.alloc(total);
  let written = 0;
  const seen = new Set<number>();
  for (let pg = first; pg !== 0 && written < total; ) {
    // A loop in the chain (corruption or a crafted file) must not hang the scan.
    if (seen.has(pg)) return null;
    seen.add(pg);
    const start = pg * pageSize;
    if (start + pageSize > db.length || db[start + 25] !== P_OVERFLOW) return null;
    const len = Math.min(db.readUInt16LE(start + 22), pageSize - PAGE_HEADER, total - written);
    db.copy(out, written, start + PAGE_HEADER, start + PAGE_HEADER + len);
    written += len;
    pg = db.readUInt32LE(start + 16);
  }
  return written === total ? out : null;
}

/**
 * One item on a page: inline bytes or an overflow reference. Hash and btree pages both keep an
 * offset table after the page header and the items packed from the page's end downwards.
 */
function item(db: Buffer, page: number, pageSize: number, index: number, hash: boolean): Buffer | null | 'deleted' {
  const inp = page + PAGE_HEADER + index * 2;
  const off = db.readUInt16LE(inp);
  if (off < PAGE_HEADER || off + 3 > pageSize) return null;
  const at = page + off;
  // Hash items start with their type byte; btree items with a 2-byte length, then the type,
  // whose top bit (B_DELETE) marks an item deleted but not yet compacted away.
  if (!hash && (db[at + 2] & 0x80) !== 0) return 'deleted';
  const type = hash ? db[at] : db[at + 2];
  if (type === (hash ? H_OFFPAGE : B_OVERFLOW)) {
    if (off + 12 > pageSize) return null;
    return readOverflow(db, pageSize, db.readUInt32LE(at + 4), db.readUInt32LE(at + 8));
  }
  if (hash && type === H_KEYDATA) {
    // A hash item runs up to the previous item (items are stored from the page's end down).
    const end = index === 0 ? pageSize : db.readUInt16LE(inp - 2);
    if (end <= off || end > pageSize) return null;
    return db.subarray(at + 1, page + end);
  }
  if (!hash && type === B_KEYDATA) {
    const len = db.readUInt16LE(at);
    if (off + 3 + len > pageSize) return null;
    return db.subarray(at + 3, at + 3 + len);
  }
  return null;
}

/** Every key/value pair of a Berkeley DB hash or btree file, read from its pages. */
export function readBdb(db: Buffer): BdbRecords {
  if (db.length < 512) throw new BdbError('shorter than one page');
  const magic = db.readUInt32LE(12);
  if (magic !== HASH_MAGIC && magic !== BTREE_MAGIC) {
    if (db.readUInt32BE(12) === HASH_MAGIC || db.readUInt32BE(12) === BTREE_MAGIC)
      throw new BdbError('big-endian Berkeley DB (from another architecture) is not supported');
    throw new BdbError(`not a Berkeley DB hash or btree file (magic 0x${magic.toString(16)})`);
  }
  const pageSize = db.readUInt32LE(20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw new BdbError(`bad page size ${pageSize}`);
  if (db[24] !== 0) throw new BdbError('encrypted Berkeley DB is not supported');
  // With page checksums the offset table moves; rpm never enables them, so refuse rather than misread.
  if ((db[26] & 0x01) !== 0) throw new BdbError('Berkeley DB with page checksums is not supported');
  const hash = magic === HASH_MAGIC;
  const wanted = hash ? P_HASH : P_LBTREE;
  const pages = Math.floor(db.length / pageSize);
  const values: Buffer[] = [];
  let broken = 0;
  for (let pg = 1; pg < pages; pg++) {
    const page = pg * pageSize;
    if (db[page + 25] !== wanted) continue;
    const entries = db.readUInt16LE(page + 20);
    if (PAGE_HEADER + entries * 2 > pageSize) {
      broken++;
      continue;
    }
    for (let i = 0; i + 1 < entries; i += 2) {
      const key = item(db, page, pageSize, i, hash);
      const value = item(db, page, pageSize, i + 1, hash);
      if (key === 'deleted' || value === 'deleted') continue;
      if (key === null || value === null) {
        broken++;
        continue;
      }
      if (key.length === 4 && key.readUInt32LE(0) === 0) continue;
      values.push(value);
    }
  }
  return { kind: hash ? 'hash' : 'btree', values, broken };
}
