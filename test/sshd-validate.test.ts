import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ActionError } from '../src/respond/action';
import { validateSshdConfig, withSettings } from '../src/respond/actions/sshd-config-set';

// harden --apply checks a new sshd_config with the real `sshd -t -f` before it replaces the old one.
// sshd runs in its own mount namespace (private /run/sshd, an /etc/passwd with the sshd user bound
// over the real one for that namespace only), so nothing on this machine changes.
// The binary: /usr/sbin/sshd (CI installs openssh-server), or HOSTSWEEP_TEST_SSHD_ROOT, a directory
// where the openssh-server and libwrap0 packages were unpacked with dpkg-deb -x.

const unpacked = process.env.HOSTSWEEP_TEST_SSHD_ROOT;
const sshd = unpacked ? path.join(unpacked, 'usr/sbin/sshd') : '/usr/sbin/sshd';
const available = fs.existsSync(sshd);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-sshd-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function wrapper(): string {
  const passwd = path.join(dir, 'passwd');
  fs.writeFileSync(passwd, `${fs.readFileSync('/etc/passwd', 'utf8')}sshd:x:64999:65534::/run/sshd:/usr/sbin/nologin\n`);
  const lib = unpacked ? path.join(unpacked, 'usr/lib/x86_64-linux-gnu') : '';
  const script = path.join(dir, 'sshd-ns');
  fs.writeFileSync(
    script,
    `#!/bin/bash\nexec /usr/bin/unshare --mount /bin/bash -c 'mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && mount --bind ${passwd} /etc/passwd && LD_LIBRARY_PATH=${lib} exec ${sshd} "$@"' sshd "$@"\n`,
    { mode: 0o755 },
  );
  return script;
}

describe('sshd -t validation', {
  skip: available ? false : `no sshd at ${sshd} (install openssh-server, or set HOSTSWEEP_TEST_SSHD_ROOT)`,
}, () => {
  const key = path.join(dir, 'hostkey');
  spawnSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  const base = `HostKey ${key}\nInclude ${dir}/none.d/*.conf\nPermitRootLogin yes\nPasswordAuthentication yes\n`;

  it('accepts the hardened file and rejects a broken one, naming the problem', async () => {
    const sshdNs = wrapper();
    const good = path.join(dir, 'good.conf');
    fs.writeFileSync(
      good,
      withSettings(
        base,
        [
          { key: 'PermitRootLogin', value: 'prohibit-password' },
          { key: 'MaxAuthTries', value: '3' },
        ],
        'run1',
      ),
    );
    await validateSshdConfig(good, sshdNs);
    const bad = path.join(dir, 'bad.conf');
    fs.writeFileSync(bad, withSettings(base, [{ key: 'PermitRootLogin', value: 'maybe' }], 'run1'));
    await assert.rejects(validateSshdConfig(bad, sshdNs), (e: unknown) => {
      assert.ok(e instanceof ActionError);
      assert.match(e.reason.en, /sshd -t rejected the new configuration, nothing was changed: .*unsupported option "maybe"/);
      assert.match(e.reason['zh-CN'], /sshd -t 拒绝了新配置/);
      return true;
    });
  });
});

describe('the hardened block', () => {
  const base = 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n';
  it('a second harden run replaces its own block instead of stacking another', () => {
    const once = withSettings(base, [{ key: 'MaxAuthTries', value: '3' }], 'run1');
    const twice = withSettings(once, [{ key: 'MaxAuthTries', value: '2' }], 'run2');
    assert.equal(twice.match(/hostsweep harden: begin/g)?.length, 1);
    assert.ok(twice.endsWith(base));
    assert.match(twice, /^# hostsweep harden: begin \(run run2;.*\nMaxAuthTries 2\n# hostsweep harden: end\n/);
  });
});
