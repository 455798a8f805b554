// rpm's own "ndb" format (Packages.db; openSUSE, some Fedora spins): a slot table after a 32-byte
// header points at blobs of 16-byte blocks, each blob a 16-byte header then one rpm header.
// Layout from rpm's lib/backend/ndb/rpmpkg.c; little-endian.

const DB_MAGIC = 0x506d7052; // "RpmP"
const SLOT_MAGIC = 0x746f6c53; // "Slot"
const BLOB_MAGIC = 0x53626c42; // "BlbS"
const PAGE = 4096;
const SLOT = 16;
const BLOCK = 16;

export class NdbError extends Error {}

export function readNdb(db: Buffer): { values: Buffer[]; broken: number } {
  if (db.length < 32 || db.readUInt32LE(0) !== DB_MAGIC) throw new NdbError('not an rpm ndb Packages.db');
  if (db.readUInt32LE(4) !== 0) throw new NdbError(`unknown ndb version ${db.readUInt32LE(4)}`);
  const slotPages = db.readUInt32LE(12);
  if (slotPages === 0 || slotPages > 2048 || slotPages * PAGE > db.length) throw new NdbError(`bad slot page count ${slotPages}`);
  const values: Buffer[] = [];
  let broken = 0;
  // The first two slot positions hold the database header itself.
  for (let at = 32; at + SLOT <= slotPages * PAGE; at += SLOT) {
    if (db.readUInt32LE(at) !== SLOT_MAGIC) continue;
    const pkg = db.readUInt32LE(at + 4);
    if (pkg === 0) continue;
    const blob = db.readUInt32LE(at + 8) * BLOCK;
    if (blob + 16 > db.length || db.readUInt32LE(blob) !== BLOB_MAGIC || db.readUInt32LE(blob + 4) !== pkg) {
      broken++;
      continue;
    }
    const len = db.readUInt32LE(blob + 12);
    if (blob + 16 + len > db.length) {
      broken++;
      continue;
    }
    values.push(db.subarray(blob + 16, blob + 16 + len));
  }
  return { values, broken };
}
