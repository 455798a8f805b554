import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { scanFixture as scan } from './helpers/scan-fixture';
import { FakeRoot } from './helpers/fake-root';

// Offline (--root) rootkit checks on a built tree: packed executables among ordinary ones, and
// kernel module files with rootkit names, no owner, or a DKMS origin.

const REL = '5.10.0-28-amd64';

/** An ELF header followed by the given body: enough for the magic and section-count checks. */
function elf(body: Buffer, sectionHeaders = 0): Buffer {
  const h = Buffer.alloc(64);
  h.write('\x7fELF', 0, 'latin1');
  h[4] = 2;
  h[5] = 1;
  h[6] = 1;
  h.writeUInt16LE(sectionHeaders, 0x3c);
  return Buffer.concat([h, body]);
}

describe('rootkit checks on an offline root', () => {
  const root = new FakeRoot().base();
  after(() => root.remove());

  const ordinaryProgram = fs.readFileSync(fs.realpathSync('/bin/ls'));
  const upx = elf(Buffer.concat([Buffer.alloc(0xec - 64, 1), Buffer.from('UPX!'), Buffer.alloc(16_000, 7)]));
  root
    .write('/tmp/.x/kworkerds', elf(randomBytes(300_000)), { mode: 0o755 })
    .write('/var/tmp/upxd', upx, { mode: 0o755 })
    .write('/tmp/build-1234/ls', ordinaryProgram, { mode: 0o755 })
    .write('/tmp/notes.gz', randomBytes(50_000))
    .write('/usr/bin/ls', ordinaryProgram, { mode: 0o755 })
    .write(`/lib/modules/${REL}/kernel/fs/ext4/ext4.ko`, elf(Buffer.alloc(4000, 3), 40))
    .write(`/lib/modules/${REL}/kernel/drivers/net/diamorphine.ko`, elf(Buffer.alloc(4000, 5), 30))
    .write(`/lib/modules/${REL}/updates/dkms/zfs.ko`, elf(Buffer.alloc(4000, 6), 40))
    .write(`/lib/modules/${REL}/extra/xt_conn.ko.xz`, randomBytes(3000))
    .write(`/lib/modules/${REL}/modules.dep`, 'kernel/fs/ext4/ext4.ko:\n')
    .mkdir('/var/lib/dkms/zfs/2.1.11')
    .write('/etc/modules', '# /etc/modules: kernel modules to load at boot time.\nloop\n')
    .write('/etc/modules-load.d/netfilter.conf', 'br_netfilter\nreptile   # hides everything\n')
    .write('/var/lib/dpkg/info/coreutils.list', '/.\n/bin\n/bin/ls\n/usr/bin/ls\n')
    .write(`/var/lib/dpkg/info/linux-image-${REL}.list`, `/lib/modules/${REL}/kernel/fs/ext4/ext4.ko\n`);

  it('flags packed executables and rootkit module files, and nothing ordinary', async () => {
    const { result } = await scan({ root: root.dir, sampleMs: 0 });
    const rk = result.findings
      .filter((f) => f.rule.startsWith('rootkit/'))
      .map((f) => `${f.rule} ${f.severity} ${f.path}`)
      .sort();
    assert.deepEqual(rk, [
      `rootkit/known-rootkit-module critical /etc/modules-load.d/netfilter.conf`,
      `rootkit/known-rootkit-module critical /lib/modules/${REL}/kernel/drivers/net/diamorphine.ko`,
      'rootkit/packed-executable medium /tmp/.x/kworkerds',
      'rootkit/packed-executable medium /var/tmp/upxd',
      `rootkit/unowned-kernel-module low /lib/modules/${REL}/extra/xt_conn.ko.xz`,
    ]);
    const packed = result.findings.find((f) => f.rule === 'rootkit/packed-executable' && f.path === '/tmp/.x/kworkerds');
    assert.match(packed?.title ?? '', /entropy (7\.9\d|8\.00) bits\/byte, no section table/);
    assert.match(packed?.evidence.join('\n') ?? '', /sha256 [0-9a-f]{64}/);
    const upxFinding = result.findings.find((f) => f.rule === 'rootkit/packed-executable' && f.path === '/var/tmp/upxd');
    assert.match(upxFinding?.title ?? '', /packer signature "UPX!"/);
    assert.deepEqual(result.stats.ruleErrors, []);
  });

  it('records the live-only views as gaps offline instead of guessing', async () => {
    const { result } = await scan({ root: root.dir, sampleMs: 0 });
    const gaps = result.gaps
      .filter((g) => ['hiddenProcesses', 'scannerIntegrity'].includes(g.collector))
      .map((g) => g.collector)
      .sort();
    assert.deepEqual(gaps, ['hiddenProcesses', 'scannerIntegrity']);
  });
});
