// node --test on Node 20 does not expand globs, so the test files are listed here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// Live scenarios run in namespaces and compile stand-ins: say what is missing instead of failing
// a hundred tests one by one.
const TOOLS = {
  gcc: 'gcc libc6-dev',
  unshare: 'util-linux',
  setpriv: 'util-linux',
  ip: 'iproute2',
  chattr: 'e2fsprogs',
  'mkfs.ext4': 'e2fsprogs',
  rpmbuild: 'rpm',
  'db5.3_load': 'db5.3-util',
  chromium: 'chromium',
  dnf: 'dnf',
  createrepo_c: 'createrepo-c',
};
const missing = Object.keys(TOOLS).filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
// Not on PATH: journal files for the journald tests are written with it.
if (!existsSync('/lib/systemd/systemd-journal-remote')) {
  missing.push('systemd-journal-remote');
  TOOLS['systemd-journal-remote'] = 'systemd-journal-remote';
}
const pkgs = [...new Set(missing.map((t) => TOOLS[t]))].join(' ');
const root = process.getuid?.() === 0;
if (!root) {
  // A plain user runs every test that needs no privilege; the rest are listed as skipped, each
  // with its reason, in the runner's summary. CI runs as root and runs them all.
  console.error('not root: tests that need namespaces, mounts or device nodes are skipped (marked # SKIP with the reason).');
  if (missing.length > 0) console.error(`also missing: ${missing.join(', ')} (apt-get install -y ${pkgs})`);
} else if (missing.length > 0) {
  console.error(`missing: ${missing.join(', ')} — apt-get install -y ${pkgs}`);
  process.exit(1);
}

if (/^\/(tmp|var\/tmp|dev\/shm)\//.test(`${process.cwd()}/`) && root)
  console.error(
    'this checkout is in a temporary directory, which namespace tests replace with an empty one: run them from a checkout elsewhere (.ci/run makes a copy).',
  );

const filter = process.argv.slice(2);
// tsx strips types without checking them: the type check and lint are part of the full test run.
if (filter.length === 0) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('type check failed');
    process.exit(1);
  }
  const lint = spawnSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'check', '.'], { stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('lint/format check failed: run npm run lint:fix');
    process.exit(1);
  }
}
const files = [...find('src'), ...find('test')].sort().filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
