import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../model/finding';
import { fakeProcess, fakeSnapshot } from '../../test/helpers/snapshot';
import { preserveExecutables, safeName } from './preserve-executables';

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

  it('makes attacker-chosen names safe file names', () => {
    assert.equal(safeName('../../etc/passwd'), '__.._etc_passwd');
    assert.equal(safeName('.hidden'), '_hidden');
    assert.equal(safeName('名字\n\0'), '____');
    assert.equal(safeName(''), 'unnamed');
    assert.equal(safeName('x'.repeat(200)).length, 64);
  });
});
