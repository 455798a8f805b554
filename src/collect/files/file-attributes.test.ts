import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chattr, chattrSupported, unlockTree } from '../../../test/helpers/chattr';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { RootHost } from '../../host/root-host';
import { flagLetters, loadInodeFlags } from '../../host/inode-flags';
import { attributeCandidates, readAttributes } from './file-attributes';

describe('file attributes collector (FS_IOC_GETFLAGS)', () => {
  const root = new FakeRoot();
  before(loadInodeFlags);
  after(() => {
    unlockTree(root.dir);
    root.remove();
  });
  root
    .base()
    .write('/etc/crontab', 'SHELL=/bin/sh\n')
    .write('/etc/cron.d/sysstat', '*/10 * * * * root /usr/lib/sysstat/sa1\n')
    .write('/home/dev/.ssh/authorized_keys', 'ssh-ed25519 AAAA dev@laptop\n')
    .write('/usr/bin/top', 'binary', { mode: 0o755 })
    .write('/tmp/.x/miner', '\x7fELF', { mode: 0o755 })
    .symlink('/etc/cron.d/link', '/etc/crontab');
  const support = chattrSupported(root.dir);

  it('reads real immutable and append-only attributes, skipping unflagged files', { skip: support.ok ? false : support.why }, () => {
    chattr('+i', root.p('/etc/crontab'), root.p('/usr/bin/top'));
    chattr('+a', root.p('/home/dev/.ssh/authorized_keys'));
    const host = new RootHost(root.dir);
    const inventory = [
      { path: '/usr/bin/top', kind: 'file', role: 'bin', depth: 1, mode: 0o755 },
      { path: '/tmp/.x/miner', kind: 'file', role: 'tmp', depth: 2, mode: 0o755, magic: 'elf' },
    ];
    const targets = attributeCandidates(host, ['/home/dev'], inventory);
    const gaps: string[] = [];
    const fact = readAttributes(host, targets, (_p, why) => gaps.push(why));
    assert.deepEqual(gaps, []);
    assert.deepEqual(fact.protected.map((a) => [a.path, a.kind, a.immutable, a.appendOnly]).sort(), [
      ['/etc/crontab', 'file', true, false],
      ['/home/dev/.ssh/authorized_keys', 'file', false, true],
      ['/usr/bin/top', 'file', true, false],
    ]);
    // passwd, group, cron.d and its file, the .ssh dir, top and the tmp program were all asked about.
    assert.ok(fact.checked >= 8, `checked ${fact.checked}`);
    chattr('-i', root.p('/etc/crontab'), root.p('/usr/bin/top'));
    chattr('-a', root.p('/home/dev/.ssh/authorized_keys'));
  });

  it('never runs a program from PATH: a fake lsattr first in PATH is not consulted', { skip: support.ok ? false : support.why }, () => {
    // A replaced lsattr that would claim nothing is locked (and leave a trace if it ever ran).
    const bin = root.p('/fake-bin');
    root.write('/fake-bin/lsattr', `#!/bin/sh\ntouch ${bin}/ran\necho "---------------------- $2"\n`, { mode: 0o755 });
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}:${oldPath}`;
    try {
      chattr('+i', root.p('/etc/crontab'));
      const fact = readAttributes(new RootHost(root.dir), ['/etc/crontab'], () => {});
      assert.deepEqual(
        fact.protected.map((a) => [a.path, a.immutable]),
        [['/etc/crontab', true]],
      );
      assert.match(fact.protected[0].flags, /^----i-/);
    } finally {
      process.env.PATH = oldPath;
      chattr('-i', root.p('/etc/crontab'));
    }
    assert.equal(fs.existsSync(`${bin}/ran`), false, 'the fake lsattr was run');
  });

  it('never opens a FIFO or follows a final symlink to read flags', () => {
    spawnSync('mkfifo', [root.p('/etc/cron.d/fifo')]);
    const host = new RootHost(root.dir);
    assert.equal(host.inodeFlags('/etc/cron.d/link'), null);
    assert.equal(host.lastError(), 'ENOTREG');
    assert.equal(host.inodeFlags('/etc/cron.d/fifo'), null);
    assert.equal(host.lastError(), 'ENOTREG');
  });

  it('asks about every file directly in /etc, /usr/local and unit dirs, every inventoried file and every file persistence names', () => {
    root
      .write('/etc/kthreadd', '\x7fELF', { mode: 0o755 })
      .write('/usr/local/lib/libhide.so', '\x7fELF')
      .write('/usr/local/sbin/helper', '#!/bin/sh\n', { mode: 0o755 })
      .write('/usr/lib/systemd/system/dbus-helper.service', '[Service]\nExecStart=/opt/.d/run\n')
      .write('/etc/deep/er/config', 'x');
    const inventory = [{ path: '/home/web/.cache/.x/kswapd0', kind: 'file', role: 'home', depth: 4, mode: 0o755, magic: 'elf' }];
    const targets = new Set(
      attributeCandidates(new RootHost(root.dir), [], inventory, ['/opt/.d/run', '/var/spool/cron/crontabs/web', 'relative/path']),
    );
    for (const p of [
      '/etc/kthreadd',
      '/etc/passwd',
      '/usr/local/lib/libhide.so',
      '/usr/local/sbin/helper',
      '/usr/lib/systemd/system/dbus-helper.service',
      '/home/web/.cache/.x/kswapd0',
      '/opt/.d/run',
      '/var/spool/cron/crontabs/web',
    ])
      assert.ok(targets.has(p), `${p} not asked about`);
    assert.equal(targets.has('/etc/deep/er/config'), false, 'only direct entries of /etc, unless the inventory lists them');
    assert.equal(targets.has('relative/path'), false);
  });

  it('names the flags with lsattr letters in lsattr order', () => {
    assert.equal(flagLetters(0x10 | 0x80000), '----i---------e-------');
    assert.equal(flagLetters(0x20), '-----a----------------');
    assert.equal(flagLetters(0), '-'.repeat(22));
  });
});
