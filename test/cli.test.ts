import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { scannerBundle } from './helpers/namespace';
import { FakeRoot } from './helpers/fake-root';

function hostsweep(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [scannerBundle(), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hostsweep CLI', () => {
  const root = new FakeRoot().base().write('/etc/hosts', '127.0.0.1 localhost\n45.9.148.21 pool.supportxmr.com\n');
  const clean = new FakeRoot().base().write('/etc/hosts', '127.0.0.1 localhost\n');
  after(() => {
    root.remove();
    clean.remove();
  });

  it('exit 1 when a finding is at or above --fail-on, 0 below it, 0 when clean', () => {
    assert.equal(hostsweep(['scan', '--root', root.dir]).status, 1);
    assert.equal(hostsweep(['scan', '--root', root.dir, '--fail-on', 'critical']).status, 0);
    assert.equal(hostsweep(['scan', '--root', clean.dir]).status, 0);
  });

  it('exit 2 with a one-line error when the scan cannot run', () => {
    const r = hostsweep(['scan', '--root', path.join(clean.dir, 'missing')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^hostsweep: .*missing/);
    assert.equal(hostsweep(['scan', '--fail-on', 'bogus']).status, 2);
  });

  it('--json prints the versioned scan document', () => {
    const r = hostsweep(['scan', '--root', root.dir, '--json']);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.schema, 'hostsweep/scan@1');
    assert.equal(doc.target.kind, 'root');
    assert.equal(doc.host, 'fixture-host');
    const f = doc.findings.find((x: { rule: string }) => x.rule === 'network/pool-domain');
    assert.deepEqual(
      { severity: f.severity, category: f.category, path: f.path, attack: f.attack },
      { severity: 'high', category: 'network', path: '/etc/hosts', attack: ['T1496'] },
    );
    assert.ok(
      doc.gaps.some((g: { collector: string }) => g.collector === 'processes'),
      'live-only facts are gaps offline',
    );
    assert.ok(doc.stats.rulesSkipped.includes('process/known-miner-name'));
  });

  it('speaks Chinese with --lang zh-CN or a zh LANG, English otherwise', () => {
    assert.match(
      hostsweep(['scan', '--root', root.dir, '--lang', 'zh-CN']).stdout,
      /\/etc\/hosts 将矿池 pool\.supportxmr\.com 指向 45\.9\.148\.21/,
    );
    assert.match(hostsweep(['scan', '--root', root.dir], { LANG: 'zh_CN.UTF-8' }).stdout, /处置/);
    assert.match(hostsweep(['scan', '--root', root.dir], { LANG: 'C.UTF-8' }).stdout, /\/etc\/hosts maps mining pool/);
  });

  it('no colour codes unless asked (not a TTY, NO_COLOR), colours with FORCE_COLOR', () => {
    assert.equal(hostsweep(['scan', '--root', root.dir]).stdout.includes('\x1b['), false);
    assert.equal(hostsweep(['scan', '--root', root.dir], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes('\x1b['), false);
    assert.ok(hostsweep(['scan', '--root', root.dir], { FORCE_COLOR: '1' }).stdout.includes('\x1b['));
  });

  it('an allow-list entry suppresses the finding and the output counts it', () => {
    const allow = path.join(root.dir, '..', `${path.basename(root.dir)}-allow.yaml`);
    fs.writeFileSync(allow, '- rule: network/*\n  path: /etc/hosts\n  reason: lab pool mirror\n');
    const r = hostsweep(['scan', '--root', root.dir, '--allow', allow, '--json']);
    fs.rmSync(allow);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.findings.filter((f: { rule: string }) => f.rule === 'network/pool-domain').length, 0);
    assert.equal(doc.stats.suppressed, 1);
    assert.equal(r.status, 0);
  });

  it('a user intel file adds indicators without editing the rules', () => {
    const extra = path.join(clean.dir, '..', `${path.basename(clean.dir)}-intel.yaml`);
    fs.writeFileSync(extra, 'pools:\n  domains: [evil-pool.example]\n');
    clean.write('/etc/hosts', '127.0.0.1 localhost\n203.0.113.9 eu.evil-pool.example\n');
    const r = hostsweep(['scan', '--root', clean.dir, '--intel', extra, '--json']);
    fs.rmSync(extra);
    clean.write('/etc/hosts', '127.0.0.1 localhost\n');
    assert.ok(JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'network/pool-domain'));
  });

  it('a snapshot saved on the victim is judged the same way elsewhere, and re-judged with --now', () => {
    const snap = path.join(root.dir, '..', `${path.basename(root.dir)}-snapshot.json`);
    const titles = (out: string) => JSON.parse(out).findings.map((f: { rule: string; title: string }) => `${f.rule} ${f.title}`);
    const scanned = hostsweep(['scan', '--root', root.dir, '--json', '--snapshot', snap]);
    const same = hostsweep(['analyze', snap, '--json']);
    const later = hostsweep(['analyze', snap, '--json', '--now', '2030-01-01T00:00:00Z']);
    fs.rmSync(snap);
    assert.equal(same.status, 1);
    assert.deepEqual(titles(same.stdout), titles(scanned.stdout));
    assert.ok(
      titles(same.stdout).some((t: string) => t.startsWith('files/recent-changes')),
      'the fixture files are recent when scanned',
    );
    const doc = JSON.parse(later.stdout);
    assert.equal(doc.referenceTime, '2030-01-01T00:00:00.000Z');
    assert.deepEqual(
      titles(later.stdout),
      titles(scanned.stdout).filter((t: string) => !t.startsWith('files/recent-changes')),
      'years later nothing is recent',
    );
    assert.equal(doc.host, 'fixture-host');
  });

  it('analyze refuses a file that is not a snapshot', () => {
    const bogus = path.join(clean.dir, '..', `${path.basename(clean.dir)}-bogus.json`);
    fs.writeFileSync(bogus, '{"schema":"something-else"}');
    const r = hostsweep(['analyze', bogus]);
    fs.rmSync(bogus);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a hostsweep snapshot/);
  });

  it('lists the rules', () => {
    const r = hostsweep(['rules']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^process\/fake-kernel-thread\s+critical\s+T1036\.004/m);
  });
});
