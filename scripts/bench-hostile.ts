// Timings of hostile inputs that the tests check for behaviour only (a wall-clock limit in a test
// fails on a loaded machine, not on a slow parser): run by `npm run bench`, or alone with
// `node --import tsx scripts/bench-hostile.ts`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loginDefsUidMin } from '../src/collect/accounts/account-files';
import { parseSudoersText } from '../src/collect/accounts/sudoers';
import { matchCommand } from '../src/analyze/command-patterns';
import { loadIntel } from '../src/intel/intel';
import { scan } from '../src/scan';

function time(label: string, fn: () => unknown): void {
  const t0 = performance.now();
  fn();
  console.log(`${label}\t${(performance.now() - t0).toFixed(0)} ms`);
}

async function timeScan(label: string, build: (dir: string) => void): Promise<void> {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'hostsweep-bench-'));
  try {
    fs.mkdirSync(path.join(dir, 'etc'));
    fs.writeFileSync(path.join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    build(dir);
    const t0 = performance.now();
    const { result } = await scan({ root: dir, sampleMs: 0 });
    console.log(`${label}\t${(performance.now() - t0).toFixed(0)} ms (collect ${result.stats.timings.collectMs} ms)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log('hostile input\ttime');
  time('login.defs, 200k blank lines', () => loginDefsUidMin(`${'\n'.repeat(100_000)}UID_MIN\n${'\n'.repeat(100_000)}`));
  time('sudoers, 100k-blank line', () => parseSudoersText(`a${' '.repeat(100_000)}b c = ALL\n`, '/etc/sudoers'));
  const intel = loadIntel();
  time('200 crafted 8000-char command lines', () => {
    for (let i = 0; i < 200; i++) matchCommand(intel, 'curl '.repeat(1600));
  });
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)]);
  await timeScan('scan: 10,000 junk executables in /tmp', (dir) => {
    fs.mkdirSync(path.join(dir, 'tmp'));
    for (let i = 0; i < 10_000; i++) fs.writeFileSync(path.join(dir, `tmp/j${i}`), `junk ${i}\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'tmp/kthreaddk'), elf, { mode: 0o755 });
  });
  await timeScan('scan: 200,000 entries in one /tmp directory', (dir) => {
    fs.mkdirSync(path.join(dir, 'tmp/.cache'), { recursive: true });
    for (let i = 0; i < 200_000; i++) fs.closeSync(fs.openSync(path.join(dir, `tmp/.cache/${i}`), 'w'));
  });
}

main();
