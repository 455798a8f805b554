import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Snapshot } from '../src/model/facts';
import type { ScanResult } from '../src/model/scan-result';
import { sshd, syslogLines } from './helpers/auth-log';
import { FakeRoot } from './helpers/fake-root';
import { scannerBundle } from './helpers/namespace';

// The user's --intel files reach collection (what is read), and a saved snapshot judged with
// other intel reaches another verdict: collectors keep the facts, rules apply the limits.

function hostsweep(args: string[]) {
  const r = spawnSync(process.execPath, [scannerBundle(), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('intel reaches the collectors and the verdict', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-intel-reach-'));
  const file = (name: string, text: string) => {
    const p = path.join(work, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const dropper = '/var/lib/app-data/bin/deep/kthreadd-helper';
  const root = new FakeRoot()
    .base()
    .write('/etc/timezone', 'Etc/UTC\n')
    // Deeper than the walk of /var/lib goes: only a path the intel names is looked at there.
    .write(dropper, '#!/bin/sh\nexec /tmp/x\n', { mode: 0o755, mtime: new Date('2026-11-19T10:00:00Z') })
    // Two failed passwords from one address: below any built-in brute-force limit.
    .write(
      '/var/log/auth.log',
      syslogLines(new Date('2026-11-19T09:00:00Z'), [
        sshd.failed('root', '203.0.113.7', 40001),
        sshd.failed('admin', '203.0.113.7', 40002),
      ]),
      { mtime: new Date('2026-11-19T09:00:05Z') },
    );
  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
    root.remove();
  });

  const scanTo = (name: string, extra: string[]) => {
    const snap = path.join(work, name);
    const r = hostsweep(['scan', '--root', root.dir, '--json', '--fail-on', 'critical', '--snapshot', snap, ...extra]);
    assert.notEqual(r.status, 2, r.stderr);
    return { result: JSON.parse(r.stdout) as ScanResult, snapshot: JSON.parse(fs.readFileSync(snap, 'utf8')) as Snapshot };
  };

  it('a path named by --intel files.knownPaths is inventoried and judged; without it the walk never reaches it', () => {
    const intel = file('known-path.yaml', `files:\n  knownPaths: [${dropper}]\n`);
    const plain = scanTo('plain.json', []);
    assert.equal(
      plain.snapshot.facts.fileInventory?.entries.some((e) => e.path === dropper),
      false,
    );
    assert.deepEqual(
      plain.result.findings.filter((f) => JSON.stringify(f).includes(dropper)).map((f) => [f.rule, f.title]),
      [],
    );

    const told = scanTo('told.json', ['--intel', intel]);
    const entry = told.snapshot.facts.fileInventory?.entries.find((e) => e.path === dropper);
    assert.ok(entry, 'the intel path is in the inventory');
    assert.equal(entry.kind, 'file');
    const hit = told.result.findings.find((f) => f.rule === 'files/known-malware-file');
    assert.ok(hit, JSON.stringify(told.result.findings.map((f) => f.rule)));
    assert.ok(JSON.stringify(hit).includes(dropper));
  });

  it('auth sources below the built-in limit stay in the snapshot, so analyze with a lower limit reports them', () => {
    const plain = scanTo('auth.json', []);
    const source = plain.snapshot.facts.authLog?.sources.find((s) => s.ip === '203.0.113.7');
    assert.equal(source?.attempts, 2);
    assert.equal(
      plain.result.findings.some((f) => f.rule === 'logs/ssh-bruteforce'),
      false,
    );

    const analyze = (extra: string[]) => {
      const r = hostsweep(['analyze', path.join(work, 'auth.json'), '--json', '--fail-on', 'critical', ...extra]);
      assert.notEqual(r.status, 2, r.stderr);
      return (JSON.parse(r.stdout) as ScanResult).findings.filter((f) => f.rule === 'logs/ssh-bruteforce');
    };
    assert.deepEqual(analyze([]), []);
    const strict = file('strict.yaml', 'logs:\n  sshBruteForceMinAttempts: 2\n');
    const found = analyze(['--intel', strict]);
    assert.equal(found.length, 1);
    assert.match(found[0].title, /203\.0\.113\.7/);
  });
});
