// node-sqlite3-wasm compiles its WebAssembly as soon as it is required; only Debian 13 login
// databases need it, so it is required on first use (and a missing .wasm becomes a gap for those
// files instead of stopping every scan). CommonJS so that bundlers still include the module.
module.exports = function loadSqlite() {
  return require('node-sqlite3-wasm');
};
