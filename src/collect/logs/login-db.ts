import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import type { Host } from '../../host/host';
import type { LoginSession } from './logins';
import { iso } from './log-time';
import { clip } from './read-log';
import loadSqlite from './sqlite-lazy.cjs';

type Database = import('node-sqlite3-wasm').Database;

// Debian 13 keeps login records in SQLite instead of utmp-format files: wtmpdb
// (/var/lib/wtmpdb/wtmp.db, table wtmp, times in microseconds) and lastlog2
// (/var/lib/lastlog/lastlog2.db, table Lastlog2, times in seconds). Read with a WASM SQLite (no
// native addon, runs in the single executable), never with the box's `wtmpdb`/`lastlog2`.

export const WTMPDB_PATHS = ['/var/lib/wtmpdb/wtmp.db', '/var/log/wtmp.db'];
export const LASTLOG2_PATH = '/var/lib/lastlog/lastlog2.db';

/** wtmpdb's own record types (not utmp's). */
const WTMPDB_BOOT_TIME = 1;
const WTMPDB_USER_PROCESS = 3;

const MAX_DB_BYTES = 256 * 1024 * 1024;
const MAX_ROWS = 200_000;
const IP_LIKE = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]+)$/i;

/** A wtmpdb session is the same fact as a wtmp one. */
export type DbSession = LoginSession;

export interface WtmpDbRead {
  path: string;
  size: number;
  mtime: string | null;
  records: number;
  boots: number;
  sessions: DbSession[];
  firstTime: string | null;
  lastTime: string | null;
}

export interface Lastlog2Entry {
  user: string;
  time: string;
  line: string;
  host: string;
  path: string;
}

type Gap = (p: string, r: string) => void;

/**
 * Runs `fn` on a private copy of a database from the target (with its -wal, so committed but not
 * checkpointed rows are seen). The target's file is never opened by SQLite: no lock, no journal
 * replay, no write on evidence, and no path outside the root.
 */
function withCopy<T>(host: Host, path: string, gap: Gap, fn: (db: Database) => T): { value: T; size: number; mtimeMs: number } | null {
  const st = host.stat(path);
  if (!st) {
    if (host.lastError() !== 'ENOENT') gap(path, host.lastError() ?? 'unreadable');
    return null;
  }
  if (!st.isFile()) {
    gap(path, 'not a regular file');
    return null;
  }
  if (st.size > MAX_DB_BYTES) {
    gap(path, `not read: ${Math.round(st.size / 1048576)} MiB is over the ${MAX_DB_BYTES / 1048576} MiB budget`);
    return null;
  }
  const data = host.readFile(path, MAX_DB_BYTES);
  if (!data) {
    gap(path, host.lastError() ?? 'unreadable');
    return null;
  }
  const wal = host.stat(`${path}-wal`)?.isFile() ? host.readFile(`${path}-wal`, MAX_DB_BYTES) : null;
  const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'hostsweep-db-'));
  const copy = nodePath.join(dir, 'copy.db');
  let db: Database | null = null;
  try {
    fs.writeFileSync(copy, data, { flag: 'wx', mode: 0o600 });
    if (wal) fs.writeFileSync(`${copy}-wal`, wal, { flag: 'wx', mode: 0o600 });
    db = new (loadSqlite().Database)(copy, { fileMustExist: true });
    return { value: fn(db), size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    gap(path, `not read as SQLite: ${clip((e as Error).message, 120)}`);
    return null;
  } finally {
    try {
      db?.close();
    } catch {
      // already failed; the gap says so
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const text = (v: unknown, max = 256) => (typeof v === 'string' ? clip(v, max) : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);
const usToIso = (v: unknown) => {
  const n = num(v);
  return n === null || n <= 0 ? null : iso(Math.floor(n / 1000));
};

/** Sessions and boots from every wtmpdb database present. */
export function readWtmpDbs(host: Host, gap: Gap): WtmpDbRead[] {
  const out: WtmpDbRead[] = [];
  for (const path of WTMPDB_PATHS) {
    const r = withCopy(host, path, gap, (db) =>
      db.all(`SELECT Type, User, Login, Logout, TTY, RemoteHost FROM wtmp ORDER BY Login, ID LIMIT ${MAX_ROWS + 1}`),
    );
    if (!r) continue;
    const rows = r.value;
    if (rows.length > MAX_ROWS) gap(path, `only the oldest ${MAX_ROWS} records read`);
    const read: WtmpDbRead = {
      path,
      size: r.size,
      mtime: iso(r.mtimeMs),
      records: Math.min(rows.length, MAX_ROWS),
      boots: 0,
      sessions: [],
      firstTime: null,
      lastTime: null,
    };
    for (const row of rows.slice(0, MAX_ROWS)) {
      const login = usToIso(row.Login);
      if (login !== null) {
        if (read.firstTime === null) read.firstTime = login;
        read.lastTime = login;
      }
      const type = num(row.Type);
      if (type === WTMPDB_BOOT_TIME) read.boots++;
      else if (type === WTMPDB_USER_PROCESS && text(row.User) !== '') {
        const host = text(row.RemoteHost);
        read.sessions.push({
          user: text(row.User, 64),
          line: text(row.TTY, 64),
          host,
          ip: IP_LIKE.test(host) ? host : '',
          login,
          logout: usToIso(row.Logout),
          path,
        });
      }
    }
    out.push(read);
  }
  return out;
}

/** Last login per account from lastlog2. */
export function readLastlog2(host: Host, gap: Gap): Lastlog2Entry[] | null {
  const r = withCopy(host, LASTLOG2_PATH, gap, (db) => db.all(`SELECT Name, Time, TTY, RHost FROM Lastlog2 LIMIT ${MAX_ROWS}`));
  if (!r) return null;
  const out: Lastlog2Entry[] = [];
  for (const row of r.value) {
    const sec = num(row.Time);
    if (sec === null || sec <= 0) continue;
    const time = iso(sec * 1000);
    if (time === null) continue;
    out.push({ user: text(row.Name, 64), time, line: text(row.TTY, 64), host: text(row.RHost), path: LASTLOG2_PATH });
  }
  return out;
}
