import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeOutputFile } from '../../output/write-file';
import { sqliteLib } from './sqlite-lib.cjs';

// rpmdb.sqlite (RHEL 9 family, Fedora, openEuler): table Packages(hnum, blob), one header a row.
// SQLite's WASM build cannot open a WAL-mode file in place (no shared memory) and must not write
// next to the evidence anyway, so the database is copied into a private directory: the WAL's
// committed frames are folded into the copy and the copy is switched to rollback-journal mode.

const WAL_MAGIC = 0x377f0682;

function walChecksum(data: Buffer, from: number, to: number, bigEndian: boolean, s: [number, number]): [number, number] {
  let [s0, s1] = s;
  for (let i = from; i + 8 <= to; i += 8) {
    const a = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const b = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + a + s1) >>> 0;
    s1 = (s1 + b + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * The database as the last committed transaction left it: the main file with every valid
 * committed WAL frame applied (format from SQLite's "Write-Ahead Log File Format").
 */
export function applyWal(main: Buffer, wal: Buffer | null): Buffer {
  let db = Buffer.from(main);
  if (wal && wal.length >= 32 && (wal.readUInt32BE(0) & ~1) === WAL_MAGIC) {
    const bigEndian = (wal.readUInt32BE(0) & 1) === 1;
    const pageSize = wal.readUInt32BE(8);
    const salt = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
    let sum = walChecksum(wal, 0, 24, bigEndian, [0, 0]);
    const pending = new Map<number, Buffer>();
    if (pageSize >= 512 && pageSize <= 65536 && sum[0] === wal.readUInt32BE(24) && sum[1] === wal.readUInt32BE(28)) {
      for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
        if (wal.readUInt32BE(at + 8) !== salt[0] || wal.readUInt32BE(at + 12) !== salt[1]) break;
        sum = walChecksum(wal, at, at + 8, bigEndian, sum);
        sum = walChecksum(wal, at + 24, at + 24 + pageSize, bigEndian, sum);
        if (sum[0] !== wal.readUInt32BE(at + 16) || sum[1] !== wal.readUInt32BE(at + 20)) break;
        const pgno = wal.readUInt32BE(at + 0);
        if (pgno === 0) break;
        pending.set(pgno, wal.subarray(at + 24, at + 24 + pageSize));
        const commitSize = wal.readUInt32BE(at + 4);
        if (commitSize > 0) {
          // A commit frame: everything up to here is part of the database.
          const size = commitSize * pageSize;
          if (size !== db.length) {
            const resized = Buffer.alloc(size);
            db.copy(resized, 0, 0, Math.min(size, db.length));
            db = resized;
          }
          for (const [n, page] of pending) if (n <= commitSize) page.copy(db, (n - 1) * pageSize);
          pending.clear();
        }
      }
    }
  }
  // File format versions 2/2 mean WAL; 1/1 is the rollback journal the WASM build can open.
  if (db.length >= 100 && db[18] === 2) {
    db[18] = 1;
    db[19] = 1;
  }
  return db;
}

type SqliteDatabase = InstanceType<ReturnType<typeof sqliteLib>['Database']>;

/**
 * Opens a private read-only copy of an SQLite database (main file plus its -wal, both read through
 * the Host) and runs `fn` on it; the copy is removed afterwards, whatever happens.
 */
export function withSqliteCopy<T>(main: Buffer, wal: Buffer | null, fn: (db: SqliteDatabase) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-sqlite-'));
  try {
    const file = path.join(dir, 'copy.sqlite');
    writeOutputFile(file, applyWal(main, wal), { mode: 0o600 });
    const db = new (sqliteLib().Database)(file, { readOnly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every header blob in an rpmdb.sqlite (given with its -wal file when there is one). */
export function readSqliteHeaders(main: Buffer, wal: Buffer | null, each: (blob: Buffer) => void): void {
  withSqliteCopy(main, wal, (db) => {
    const stmt = db.prepare('SELECT blob FROM Packages ORDER BY hnum');
    try {
      for (const row of stmt.iterate()) {
        const blob = (row as { blob: unknown }).blob;
        if (blob instanceof Uint8Array) each(Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength));
      }
    } finally {
      stmt.finalize();
    }
  });
}
