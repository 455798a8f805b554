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
