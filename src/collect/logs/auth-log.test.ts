import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { RootHost } from '../../host/root-host';
import type { Gap } from '../../model/gap';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { repeat, sshd } from '../../../test/helpers/auth-log';
import { bootNoise, type JournalFixtureEntry, writeJournal } from '../../../test/helpers/journal';
import { collectAuthLog } from './auth-log';

const JDIR = '/var/log/journal/0f1e2d3c4b5a69788796a5b4c3d2e1f0';

function journalAttack(n: number, from = 0): JournalFixtureEntry[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + from;
    return {
      at: new Date(Date.parse('2026-11-19T03:00:00Z') + i * 1000).toISOString(),
      ident: 'sshd',
      pid: 2000 + i,
      message: `Failed password for root from 45.67.89.10 port ${51000 + i} ssh2`,
    };
  });
}

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

  it('records a corrupt gzip as a gap; an empty journal folder is no gap', () => {
    const root = new FakeRoot().mkdir('/var/log/journal/0123456789abcdef').write('/var/log/secure-20261101.gz', 'not gzip');
    const { fact, gaps } = run(root);
    root.remove();
    assert.deepEqual(fact.files, []);
    assert.deepEqual(
      gaps.map((g) => g.path),
      ['/var/log/secure-20261101.gz'],
    );
  });

  it('reads SSH events from the journal when there is no text log', () => {
    const root = new FakeRoot().write('/etc/timezone', 'Asia/Shanghai\n');
    writeJournal(root.p(`${JDIR}/system.journal`), [
      ...bootNoise('2026-11-19T02:00:00Z', 30),
      ...journalAttack(12),
      { at: '2026-11-19T03:01:00Z', ident: 'sshd', pid: 2999, message: 'Accepted password for root from 45.67.89.10 port 52000 ssh2' },
    ]);
    const { fact, gaps } = run(root);
    root.remove();
    assert.deepEqual(gaps, []);
    assert.deepEqual(
      fact.files.map((f) => [f.path, f.sshdEvents]),
      [[`${JDIR}/system.journal`, 13]],
    );
    assert.equal(fact.sources[0].ip, '45.67.89.10');
    assert.equal(fact.sources[0].attempts, 12);
    // Journal times are UTC instants: the target's zone does not shift them.
    assert.equal(fact.accepted[0].time, '2026-11-19T03:01:00.000Z');
    assert.equal(fact.accepted[0].attemptsBefore, 12);
    assert.equal(fact.accepted[0].path, `${JDIR}/system.journal`);
    assert.match(fact.accepted[0].line, /^2026-11-19T03:01:00.000Z web1 sshd\[2999\]: Accepted password for root from 45.67.89.10/);
  });

  it('counts an event once when rsyslog copied it from the journal into auth.log', () => {
    const root = new FakeRoot().write('/etc/timezone', 'Etc/UTC\n');
    const events = journalAttack(8);
    // rsyslog folds the two identical last lines into "message repeated 1 times".
    events.push({ ...events[7], at: '2026-11-19T03:00:09Z' });
    writeJournal(root.p(`${JDIR}/system.journal`), [
      ...events,
      // Only in the journal: the attacker cleaned these lines from auth.log.
      ...journalAttack(3, 100),
    ]);
    const text = events.slice(0, 8).map((e) => `Nov 19 ${e.at.slice(11, 19)} web1 sshd[${e.pid}]: ${e.message}\n`);
    text.push(`Nov 19 03:00:09 web1 sshd[${events[7].pid}]: message repeated 1 times: [ ${events[7].message}]\n`);
    root.write('/var/log/auth.log', text.join(''), { mtime: new Date('2026-11-19T04:00:00Z') });
    const { fact } = run(root);
    root.remove();
    assert.equal(fact.totalAttempts, 9 + 3);
    assert.equal(fact.sources[0].failedPasswords, 12);
  });
});
