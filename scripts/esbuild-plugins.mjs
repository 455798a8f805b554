// esbuild plugins shared by the build and the tests' bundles.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const EMSCRIPTEN_MODULE = 'var Module=typeof Module!="undefined"?Module:{};';

/**
 * node-sqlite3-wasm reads its WebAssembly from a file beside its script at load time. Bundled,
 * that file would have to travel with every copy of hostsweep (and a single executable has no
 * "beside"): hand the module the WebAssembly bytes inlined in the bundle instead.
 */
export const inlineSqliteWasm = {
  name: 'inline-sqlite-wasm',
  setup(build) {
    build.onLoad({ filter: /node-sqlite3-wasm[\\/]dist[\\/]node-sqlite3-wasm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(EMSCRIPTEN_MODULE))
        throw new Error(`${args.path}: Emscripten module header not found; check the node-sqlite3-wasm version`);
      return {
        contents: source.replace(EMSCRIPTEN_MODULE, 'var Module={wasmBinary:require("./node-sqlite3-wasm.wasm")};'),
        loader: 'js',
      };
    });
    build.onLoad({ filter: /node-sqlite3-wasm\.wasm$/ }, (args) => ({ contents: readFileSync(args.path), loader: 'binary' }));
  },
};

/** The built-in YARA rules (src/intel/yara/*.yar) inlined as text, replacing their runtime file reads. */
export const inlineYaraRules = {
  name: 'inline-yara-rules',
  setup(build) {
    build.onLoad({ filter: /src[\\/]intel[\\/]yara[\\/]rule-texts\.ts$/ }, async (args) => {
      const { readdirSync } = await import('node:fs');
      const path = await import('node:path');
      const dir = path.dirname(args.path);
      const files = readdirSync(dir)
        .filter((n) => n.endsWith('.yar'))
        .sort()
        .map((n) => ({ file: n, source: readFileSync(path.join(dir, n), 'utf8') }));
      return {
        contents: `export function ruleTexts() { return ${JSON.stringify(files)}; }`,
        loader: 'ts',
        watchFiles: files.map((f) => path.join(dir, f.file)),
      };
    });
  },
};

/**
 * The source of a module that loads a native addon carried as an SEA asset: written to an
 * unnamed file (O_TMPFILE) and loaded through /proc/self/fd, so nothing is left on the box's disk
 * and no path of ours appears in its directories.
 */
function nativeFromSeaAssetSource(asset) {
  return `
const fs = require('node:fs');
const os = require('node:os');
const bytes = Buffer.from(require('node:sea').getAsset(${JSON.stringify(asset)}));
const O_TMPFILE = 0o20000000 | fs.constants.O_DIRECTORY;
let failure = null;
for (const dir of ['/dev/shm', os.tmpdir(), '/run', '/var/tmp']) {
  let fd = null;
  try {
    fd = fs.openSync(dir, O_TMPFILE | fs.constants.O_RDWR, 0o700);
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done);
    const m = { exports: {} };
    process.dlopen(m, '/proc/self/fd/' + fd);
    module.exports = m.exports;
    failure = null;
    // Kept open: the C library knows a loaded object by the name it was opened as, and a second
    // addon opened as the same /proc/self/fd/N (a reused descriptor) would be handed this one.
    break;
  } catch (e) {
    failure ??= e;
    if (fd !== null) fs.closeSync(fd);
  }
}
if (failure) throw failure;
`;
}

/** The native addons the single executable carries: SEA asset name → file in node_modules. */
export const SEA_NATIVE_ASSETS = {
  'koffi.node': 'node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node',
  'yara-x.node': 'node_modules/@litko/yara-x-linux-x64-gnu/yara-x.linux-x64-gnu.node',
};

/**
 * In the single executable there is no node_modules: koffi's native part (inode flags through
 * FS_IOC_GETFLAGS) travels as an SEA asset (see nativeFromSeaAssetSource).
 */
export const koffiFromSeaAsset = {
  name: 'koffi-from-sea-asset',
  setup(build) {
    // koffi's ES module entry finds its files through import.meta.url, which a CommonJS bundle
    // does not have: take its CommonJS entry.
    build.onResolve({ filter: /^koffi$/ }, () => ({ path: path.resolve('node_modules/koffi/index.cjs') }));
    build.onResolve({ filter: /^@koromix\/koffi-linux-x64$/ }, () => ({ path: 'koffi-native', namespace: 'sea-asset' }));
    build.onLoad({ filter: /^koffi-native$/, namespace: 'sea-asset' }, () => ({
      loader: 'js',
      resolveDir: process.cwd(),
      contents: nativeFromSeaAssetSource('koffi.node'),
    }));
  },
};

/** The YARA-X native module (content rules) travels the same way as koffi's. */
export const yaraFromSeaAsset = {
  name: 'yara-from-sea-asset',
  setup(build) {
    build.onResolve({ filter: /^@litko\/yara-x-linux-x64-gnu$/ }, () => ({ path: 'yara-native', namespace: 'sea-asset' }));
    build.onLoad({ filter: /^yara-native$/, namespace: 'sea-asset' }, () => ({
      loader: 'js',
      resolveDir: process.cwd(),
      contents: nativeFromSeaAssetSource('yara-x.node'),
    }));
  },
};
