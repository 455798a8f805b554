// Bundles the CLI into one CommonJS file (Node 20 SEA needs CJS; no top-level await in src).
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
  banner: { js: '#!/usr/bin/env node' },
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
if (!process.argv.includes('--quiet')) console.log(`dist/hostsweep.cjs ${(bytes / 1024).toFixed(0)} KiB`);
