import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../model/finding';
import { fakeProcess, fakeSnapshot } from '../../test/helpers/snapshot';
import { OutputPathError } from '../output/write-file';
import { evidenceRunDir, preserveExecutables, safeName } from './preserve-executables';

function finding(over: Partial<Finding>): Finding {
  return {
    rule: 'process/known-miner-name',
    severity: 'critical',
    category: 'process',
    title: 't',
    detail: 'd',
    action: 'a',
    evidence: [],
    attack: ['T1496'],
    ...over,
  };
}

describe('preserveExecutables', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-evidence-'));
  const children: number[] = [];
  after(() => {
    for (const pid of children) process.kill(pid, 'SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('copies a running program whose file was deleted, with its sha256, mode 0600 and a safe name', () => {
    const original = fs.readFileSync(fs.realpathSync('/bin/sleep'));
    const dropped = path.join(work, 'kdevtmpfsi');
    fs.writeFileSync(dropped, original, { mode: 0o755 });
    const child = spawn(dropped, ['30'], { stdio: 'ignore' });
    assert.ok(child.pid);
    children.push(child.pid);
    // Wait until the kernel has switched the child to the new image, then delete the file.
    const deadline = Date.now() + 5000;
    while (!fs.readlinkSync(`/proc/${child.pid}/exe`).startsWith(dropped) && Date.now() < deadline)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    fs.unlinkSync(dropped);

    const snapshot = fakeSnapshot({ processes: [fakeProcess({ pid: child.pid, name: '../kdev tmpfsi', exe: dropped, exeDeleted: true })] });
    const miner = finding({ pid: child.pid });
    const second = finding({ pid: child.pid, rule: 'process/deleted-executable', severity: 'high' });
    const lowOnly = finding({ pid: process.pid, severity: 'low' });
    const gone = finding({ pid: 4_000_000, severity: 'high' });
    const noPid = finding({ path: '/etc/crontab' });
    const dir = path.join(work, 'evidence');
    const m = preserveExecutables([miner, second, lowOnly, gone, noPid], snapshot, dir);

    const expectedHash = createHash('sha256').update(original).digest('hex');
    assert.deepEqual(
      m.executables.map((e) => ({ pid: e.pid, file: e.file, sha256: e.sha256, bytes: e.bytes, rules: e.rules, error: e.error })),
      [
        {
          pid: child.pid,
          file: `${child.pid}-__kdev_tmpfsi.bin`,
          sha256: expectedHash,
          bytes: original.length,
          rules: ['process/known-miner-name', 'process/deleted-executable'],
          error: undefined,
        },
        { pid: 4_000_000, file: null, sha256: null, bytes: 0, rules: ['process/known-miner-name'], error: 'ENOENT' },
      ],
    );
    assert.match(m.executables[0].exe ?? '', /kdevtmpfsi \(deleted\)$/);
    const copy = path.join(dir, `${child.pid}-__kdev_tmpfsi.bin`);
    assert.equal(fs.statSync(copy).mode & 0o777, 0o600);
    assert.equal(createHash('sha256').update(fs.readFileSync(copy)).digest('hex'), expectedHash);
    assert.match(miner.evidence.join('\n'), new RegExp(`executable sha256 ${expectedHash}`));
    assert.match(second.evidence.join('\n'), new RegExp(expectedHash));
    assert.deepEqual(lowOnly.evidence, []);
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    assert.equal(written.schema, 'hostsweep/evidence-executables@1');
    assert.equal(written.executables.length, 2);
  });

  it('copies nothing for an offline image', () => {
    const snapshot = { ...fakeSnapshot({}), target: { kind: 'root' as const, root: '/mnt/disk', hostname: 'img' } };
    const m = preserveExecutables([finding({ pid: process.pid })], snapshot, path.join(work, 'offline'));
    assert.deepEqual(m.executables, []);
    assert.ok(fs.existsSync(path.join(work, 'offline', 'manifest.json')));
  });

  it('copies the same program once for many processes, and stays under the total size cap', () => {
    const program = path.join(work, 'xmr');
    fs.copyFileSync(fs.realpathSync('/bin/sleep'), program);
    fs.chmodSync(program, 0o755);
    const pids = [0, 1, 2].map(() => {
      const child = spawn(program, ['30'], { stdio: 'ignore' });
      children.push(child.pid as number);
      return child.pid as number;
    });
    const deadline = Date.now() + 5000;
    while (pids.some((p) => !fs.readlinkSync(`/proc/${p}/exe`).startsWith(program)) && Date.now() < deadline)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    const size = fs.statSync(program).size;
    const snapshot = fakeSnapshot({ processes: pids.map((pid) => fakeProcess({ pid, name: 'xmr', exe: program })) });
    const dir = path.join(work, 'dedup');
    const m = preserveExecutables(
      pids.map((pid) => finding({ pid })),
      snapshot,
      dir,
    );
    assert.deepEqual(
      m.executables.map((e) => [e.file, e.duplicate ?? false]),
      [
        [`${pids[0]}-xmr.bin`, false],
        [`${pids[0]}-xmr.bin`, true],
        [`${pids[0]}-xmr.bin`, true],
      ],
    );
    assert.equal(m.totalBytes, size, 'counted once');
    assert.deepEqual(fs.readdirSync(dir).sort(), [`${pids[0]}-xmr.bin`, 'manifest.json']);

    const capped = preserveExecutables([finding({ pid: pids[0] })], snapshot, path.join(work, 'capped'), { maxTotalBytes: size - 1 });
    assert.equal(capped.executables[0].error, 'size-cap');
    assert.equal(capped.executables[0].file, null);
    assert.deepEqual(fs.readdirSync(path.join(work, 'capped')), ['manifest.json'], 'no partial copy left behind');
  });

  it('puts a run into a new subdirectory when the evidence directory is not empty, and refuses a symlink', () => {
    const dir = path.join(work, 'runs');
    assert.equal(evidenceRunDir(dir), dir, 'a new directory is used as is');
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}');
    const now = new Date('2026-11-20T08:00:00.123Z');
    const first = evidenceRunDir(dir, now);
    assert.equal(first, path.join(dir, 'run-20261120T080000Z'));
    assert.equal(evidenceRunDir(dir, now), path.join(dir, 'run-20261120T080000Z-1'));
    assert.equal(fs.statSync(first).mode & 0o777, 0o700);
    assert.equal(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), '{}', 'the earlier run is untouched');
    const link = path.join(work, 'evidence-link');
    fs.symlinkSync(dir, link);
    assert.throws(() => evidenceRunDir(link), OutputPathError);
  });

  it('makes attacker-chosen names safe file names', () => {
    assert.equal(safeName('../../etc/passwd'), '__.._etc_passwd');
    assert.equal(safeName('.hidden'), '_hidden');
    assert.equal(safeName('名字\n\0'), '____');
    assert.equal(safeName(''), 'unnamed');
    assert.equal(safeName('x'.repeat(200)).length, 64);
  });
});
