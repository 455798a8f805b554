import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO, scannerBundle } from './helpers/namespace';

// chattr +i/+a and xattrs need a filesystem that keeps them: an ext4 image mounted in a private
// mount namespace, which disappears with it. The scenario runs in a child process inside it.
describe('clean and undo of locked footholds on a real ext4 filesystem (mount namespace)', () => {
  const tools = ['unshare', 'mkfs.ext4', 'truncate', 'mount'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
  const attr = ['/usr/bin/chattr', '/usr/bin/lsattr', '/usr/bin/getfattr', '/usr/bin/setfattr'].every(
    (t) => spawnSync('test', ['-x', t]).status === 0,
  );
  const skip = !tools
    ? 'needs unshare, mkfs.ext4, truncate, mount'
    : !attr
      ? 'needs e2fsprogs and attr'
      : process.getuid?.() !== 0
        ? 'needs root'
        : false;

  it('unlocks, removes and restores immutable, append-only and xattr-marked payloads byte for byte', { skip }, () => {
    const r = spawnSync(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        process.execPath,
        '--import',
        'tsx',
        path.join(REPO, 'test/helpers/locked-clean-scenario.ts'),
        scannerBundle(),
      ],
      { cwd: REPO, encoding: 'utf8', timeout: 600_000 },
    );
    assert.equal(r.status, 0, r.stderr.slice(-4000));
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
    assert.deepEqual(out.flagsBefore, { srstomucra: 'i', keys: 'a', xmrigDir: 'i', xattrs: { 'user.origin': '64726f70706572' } });
    assert.equal(out.cleanStatus, 0, out.cleanOut);
    assert.deepEqual(out.gone, ['/usr/bin/srstomucra', '/tmp/.x/xmrig', '/etc/init.d/srstomucra', '/usr/lib/.cache/kworkerd']);
    assert.equal(out.keysAfter, '');
    // The intruder's lock on a file that stays is cleared; the locked directory is locked again.
    assert.equal(out.crontabFlagsAfter, '');
    assert.equal(out.xmrigDirFlagsAfter, 'i');
    assert.ok(out.archiveBytes > 1000);
    assert.deepEqual(out.remaining, []);
    assert.equal(out.undoStatus, 0, out.undoOut);
    assert.deepEqual(out.diff, []);
    // Flags, xattrs and times went to the kernel directly: the replaced tools in PATH never ran.
    assert.deepEqual(out.fakeToolsRun, []);
    process.stdout.write(
      `# ext4 tree of ${out.entries} entries: clean ${out.cleanMs} ms (with collect, ${out.archiveBytes} B archive), undo ${out.undoMs} ms\n`,
    );
  });
});
