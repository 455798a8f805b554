declare function loadSqlite(): typeof import('node-sqlite3-wasm');
export = loadSqlite;
