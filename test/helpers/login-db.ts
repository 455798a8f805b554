import fs from 'node:fs';
import path from 'node:path';
import sqlite from 'node-sqlite3-wasm';

// CommonJS module without named-export hints: take the class from its default export.
const { Database } = sqlite;

// Real Debian 13 login databases, with the schemas wtmpdb and lastlog2 create.

export const WTMPDB_SCHEMA =
  'CREATE TABLE wtmp(ID INTEGER PRIMARY KEY, Type INTEGER, User TEXT NOT NULL, Login INTEGER, Logout INTEGER, TTY TEXT, RemoteHost TEXT, Service TEXT)';
export const LASTLOG2_SCHEMA = 'CREATE TABLE Lastlog2(Name TEXT PRIMARY KEY, Time INTEGER NOT NULL, TTY TEXT, RHost TEXT, Service TEXT)';

/** wtmpdb's record types. */
export const WTMPDB = { BOOT_TIME: 1, USER_PROCESS: 3 } as const;

export interface WtmpDbRow {
  type: number;
  user: string;
  login: string;
  logout?: string;
  tty?: string;
  host?: string;
  service?: string;
}

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

export function writeWtmpDb(file: string, rows: WtmpDbRow[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.exec(WTMPDB_SCHEMA);
    for (const r of rows)
      db.run('INSERT INTO wtmp (Type, User, Login, Logout, TTY, RemoteHost, Service) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        r.type,
        r.user,
        us(r.login),
        r.logout ? us(r.logout) : null,
        r.tty ?? null,
        r.host ?? null,
        r.service ?? null,
      ]);
  } finally {
    db.close();
  }
}

export function writeLastlog2(file: string, rows: { name: string; at: string; tty?: string; host?: string; service?: string }[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.exec(LASTLOG2_SCHEMA);
    for (const r of rows)
      db.run('INSERT INTO Lastlog2 (Name, Time, TTY, RHost, Service) VALUES (?, ?, ?, ?, ?)', [
        r.name,
        Math.floor(Date.parse(r.at) / 1000),
        r.tty ?? null,
        r.host ?? null,
        r.service ?? null,
      ]);
  } finally {
    db.close();
  }
}
