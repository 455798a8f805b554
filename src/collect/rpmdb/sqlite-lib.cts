// SQLite's WASM build is loaded on first use: compiling it costs ~100 ms that every start-up and
// every scan of a host without an rpmdb.sqlite would otherwise pay. A .cts file so that both the
// dev runner and the CommonJS bundle see a plain require() (the bundler still inlines it).
import type * as Sqlite from 'node-sqlite3-wasm';

let lib: typeof Sqlite | null = null;

export function sqliteLib(): typeof Sqlite {
  lib ??= require('node-sqlite3-wasm') as typeof Sqlite;
  return lib;
}
