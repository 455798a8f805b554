// npm run bench:respond [-- --runs N]: median wall time of the response commands on the planted
// multi-foothold tree of the tests, run as users run them (the bundled CLI under plain node):
// collect (and archive size), clean dry run (scan + plan), clean --yes (scan, apply, scan again)
// and undo. Every run gets a fresh tree in a temporary directory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeRoot } from '../test/helpers/fake-root';
import { NOW, plantFootholds } from '../test/helpers/footholds';
import { bundleScript, median, numberOption } from './bench-lib';

const runs = numberOption('--runs', 5);
const here = path.dirname(new URL(import.meta.url).pathname);
const bundle = bundleScript(path.join(here, '../src/cli/main.ts'), path.join(here, '..', 'dist', 'bench-respond.cjs'));

function timed(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bundle, ...argv], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

const samples: Record<string, number[]> = { collect: [], 'clean (dry run)': [], 'clean --yes': [], undo: [] };
let archiveBytes = 0;
for (let i = 0; i < runs; i++) {
  const root = new FakeRoot();
  plantFootholds(root);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-bench-'));
  const now = ['--now', NOW.toISOString()];
  try {
    samples.collect.push(timed(['collect', '--root', root.dir, '-o', path.join(work, 'ir.tar.gz'), ...now]));
    archiveBytes = fs.statSync(path.join(work, 'ir.tar.gz')).size;
    samples['clean (dry run)'].push(timed(['clean', '--root', root.dir, '--state', path.join(work, 'state'), ...now]));
    samples['clean --yes'].push(timed(['clean', '--root', root.dir, '--state', path.join(work, 'state'), '--yes', '--no-collect', ...now]));
    samples.undo.push(timed(['undo', '--root', root.dir, '--state', path.join(work, 'state')]));
  } finally {
    root.remove();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
for (const [name, xs] of Object.entries(samples))
  console.log(
    `${name.padEnd(16)} median ${Math.round(median(xs))} ms (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))}, ${xs.length} runs)`,
  );
console.log(`collect archive of the planted tree: ${archiveBytes} bytes`);
