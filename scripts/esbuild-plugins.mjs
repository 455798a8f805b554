// esbuild plugins shared by the build and the tests' bundles.
import { readFileSync } from 'node:fs';

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
