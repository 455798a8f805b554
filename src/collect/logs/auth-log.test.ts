import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { RootHost } from '../../host/root-host';
import type { Gap } from '../../model/gap';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { repeat, sshd } from '../../../test/helpers/auth-log';
import { collectAuthLog } from './auth-log';

function run(root: FakeRoot) {
  const gaps: Gap[] = [];
  const fact = collectAuthLog(new RootHost(root.dir), (path, reason) => gaps.push({ collector: 'authLog', path, reason }));
  return { fact, gaps };
}

describe('authLog collector', () => {
  it('reads rotated and gzipped files oldest first, with the year rolling over', () => {
    const root = new FakeRoot().write('/etc/timezone', 'Etc/UTC\n');
    // December lines in a file last written in January belong to the previous year.
    root.write(
      '/var/log/auth.log.2.gz',
      zlib.gzipSync(repeat(6, (i) => `Dec 31 23:59:5${i} web1 ${sshd.failed('root', '203.0.113.5')}\n`).join('')),
      { mtime: new Date('2027-01-01T06:25:00Z') },
    );
    root.write('/var/log/auth.log.1', repeat(6, (i) => `Jan  1 00:00:0${i} web1 ${sshd.failed('root', '203.0.113.5')}\n`).join(''), {
      mtime: new Date('2027-01-07T06:25:00Z'),
    });
    root.write('/var/log/auth.log', `Jan  8 10:00:00 web1 ${sshd.accepted('root', '203.0.113.5')}\n`, {
      mtime: new Date('2027-01-08T10:00:00Z'),
    });
    const { fact, gaps } = run(root);
    root.remove();
    assert.deepEqual(gaps, []);
    assert.deepEqual(
      fact.files.map((f) => [f.path, f.firstTime, f.lastTime]),
      [
        ['/var/log/auth.log.2.gz', '2026-12-31T23:59:50.000Z', '2026-12-31T23:59:55.000Z'],
        ['/var/log/auth.log.1', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:05.000Z'],
        ['/var/log/auth.log', '2027-01-08T10:00:00.000Z', '2027-01-08T10:00:00.000Z'],
      ],
    );
    assert.equal(fact.sources[0].attempts, 12);
    assert.equal(fact.accepted[0].attemptsBefore, 12);
    assert.equal(fact.accepted[0].firstFailure, '2026-12-31T23:59:50.000Z');
  });

  it('converts classic stamps from the target zone (RHEL secure, Asia/Shanghai)', () => {
    const root = new FakeRoot().symlink('/etc/localtime', '../usr/share/zoneinfo/Asia/Shanghai');
    root.write('/var/log/secure', `Nov 25 12:00:01 db1 ${sshd.accepted('root', '192.0.2.1', 'publickey')}\n`, {
      mtime: new Date('2026-11-25T05:00:00Z'),
    });
    const { fact } = run(root);
    root.remove();
    assert.equal(fact.timeZone, 'Asia/Shanghai');
    assert.equal(fact.accepted[0].time, '2026-11-25T04:00:01.000Z');
    assert.equal(fact.accepted[0].method, 'publickey');
  });

  it('survives binary junk, NULs, huge lines and escape sequences, and clips evidence', () => {
    // sshd clips user names to 100 characters; a longer "sshd" line is forged and ignored.
    const evil = `Nov 19 03:00:00 web1 sshd[1]: Invalid user \u001b[31m${'A'.repeat(95)} from 203.0.113.9 port 22\n`;
    const forged = `Nov 19 03:00:00 web1 sshd[1]: Invalid user ${'B'.repeat(9000)} from 198.18.0.1 port 22\n`;
    const junk = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0x00, 0x0a]), Buffer.alloc(3000, 0xc3), Buffer.from('\n')]);
    const root = new FakeRoot().write('/etc/timezone', 'Not/AZone; rm -rf /\n');
    root.write(
      '/var/log/auth.log',
      Buffer.concat([junk, Buffer.from(evil.repeat(4)), Buffer.from(forged.repeat(4)), Buffer.from(`${'x'.repeat(200_000)}\n`)]),
      { mtime: new Date('2026-11-20T00:00:00Z') },
    );
    const { fact } = run(root);
    root.remove();
    assert.equal(fact.timeZone, null);
    assert.equal(fact.sources.length, 1);
    assert.equal(fact.sources[0].ip, '203.0.113.9');
    assert.ok(fact.sources[0].examples.every((e) => e.length < 400 && !e.includes('\u001b')));
    assert.ok(fact.sources[0].topUsers[0].user.length <= 65);
  });

  it('records a gap for journald-only systems and a corrupt gzip', () => {
    const root = new FakeRoot().mkdir('/var/log/journal/0123456789abcdef').write('/var/log/secure-20261101.gz', 'not gzip');
    const { fact, gaps } = run(root);
    root.remove();
    assert.deepEqual(fact.files, []);
    assert.deepEqual(
      gaps.map((g) => g.path),
      ['/var/log/secure-20261101.gz', '/var/log/journal'],
    );
    assert.match(gaps[1].reason, /journal files are not parsed/);
  });
});
