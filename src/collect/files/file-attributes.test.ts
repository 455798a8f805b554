import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { chattr, chattrSupported, unlockTree } from '../../../test/helpers/chattr';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { RootHost } from '../../host/root-host';
import { attributeCandidates, parseLsattrLine, readAttributes } from './file-attributes';

describe('file attributes collector (lsattr)', () => {
  const root = new FakeRoot();
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

  it('records one gap when lsattr is missing', () => {
    const gaps: string[] = [];
    const fact = readAttributes(new RootHost(root.dir), ['/etc/passwd'], (_p, why) => gaps.push(why), '/nonexistent/lsattr');
    assert.deepEqual(fact, { checked: 0, protected: [] });
    assert.deepEqual(gaps, ['lsattr (e2fsprogs) is not installed: immutable and append-only attributes were not checked']);
  });

  it('parses lsattr lines, paths with spaces included, and rejects junk', () => {
    assert.deepEqual(parseLsattrLine('----i---------e------- /tmp/a b'), { flags: '----i---------e-------', path: '/tmp/a b' });
    assert.equal(parseLsattrLine('lsattr: Operation not supported While reading flags on /x'), null);
    assert.equal(parseLsattrLine(''), null);
  });
});
