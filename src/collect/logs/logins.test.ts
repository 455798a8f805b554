import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RootHost } from '../../host/root-host';
import type { Gap } from '../../model/gap';
import type { Facts } from '../../model/facts';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { bootRecord, lastlogFile, sshSession, UT, utmpFile, utmpRecord } from '../../../test/helpers/utmp';
import { parseUsers } from '../../../test/helpers/log-users';
import { WTMPDB, writeLastlog2, writeWtmpDb } from '../../../test/helpers/login-db';
import logins from './logins';
import { collectContext } from '../../../test/helpers/collect-context';

function run(root: FakeRoot) {
  const gaps: Gap[] = [];
  const facts: Partial<Facts> = { users: parseUsers() };
  const fact = logins.collect(
    collectContext(new RootHost(root.dir), facts, (path, reason) => gaps.push({ collector: 'logins', path: path ?? '', reason })),
  );
  root.remove();
  return { fact, gaps };
}

describe('logins collector', () => {
  it('pairs logins with logouts, reads btmp failures and lastlog', () => {
    const root = new FakeRoot()
      .write(
        '/var/log/wtmp',
        utmpFile([
          bootRecord('2026-11-18T00:00:00Z'),
          ...sshSession('root', '45.67.89.10', '2026-11-19T03:00:40Z', '2026-11-19T03:30:00Z'),
          { type: UT.USER_PROCESS, user: 'deploy', line: 'tty1', at: '2026-11-19T04:00:00Z' },
        ]),
      )
      .write(
        '/var/log/btmp',
        utmpFile([
          ...Array.from({ length: 4 }, (_, i) => ({
            type: UT.LOGIN_PROCESS,
            user: i % 2 ? 'admin' : 'root',
            line: 'ssh:notty',
            host: '45.67.89.10',
            addr: '45.67.89.10',
            at: `2026-11-19T03:00:0${i}Z`,
          })),
        ]),
      )
      .write('/var/log/lastlog', lastlogFile([{ uid: 0, at: '2026-11-19T03:00:40Z', host: '45.67.89.10' }]));
    const { fact, gaps } = run(root);
    assert.deepEqual(gaps, []);
    assert.equal(fact.boots, 1);
    assert.deepEqual(
      fact.sessions.map((s) => [s.user, s.ip, s.line, s.login, s.logout]),
      [
        ['root', '45.67.89.10', 'pts/0', '2026-11-19T03:00:40.000Z', '2026-11-19T03:30:00.000Z'],
        ['deploy', '', 'tty1', '2026-11-19T04:00:00.000Z', null],
      ],
    );
    assert.deepEqual(fact.failed, [
      {
        host: '45.67.89.10',
        count: 4,
        first: '2026-11-19T03:00:00.000Z',
        last: '2026-11-19T03:00:03.000Z',
        topUsers: [
          { user: 'root', count: 2 },
          { user: 'admin', count: 2 },
        ],
      },
    ]);
    assert.deepEqual(fact.lastlog, [{ user: 'root', uid: 0, time: '2026-11-19T03:00:40.000Z', line: 'pts/0', host: '45.67.89.10' }]);
    assert.equal(fact.wtmp[0].zeroed.count, 0);
    assert.equal(fact.wtmp[0].misaligned, false);
  });

  it('sees zeroed records, cut bytes and time running backwards', () => {
    const wtmp = Buffer.concat([
      utmpFile([
        bootRecord('2026-11-18T00:00:00Z'),
        ...sshSession('deploy', '198.51.100.7', '2026-11-18T09:00:00Z', '2026-11-18T10:00:00Z'),
        'zeroed',
        'zeroed',
        ...sshSession('deploy', '198.51.100.7', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z'),
      ]),
      utmpRecord({ user: 'deploy', host: '198.51.100.7', at: '2026-11-02T09:00:00Z' }),
      Buffer.from('junk'),
    ]);
    const { fact } = run(new FakeRoot().write('/var/log/wtmp', wtmp));
    const f = fact.wtmp[0];
    assert.deepEqual(f.zeroed, { count: 2, first: 3, before: '2026-11-18T10:00:00.000Z', after: '2026-11-19T09:00:00.000Z' });
    assert.equal(f.misaligned, true);
    assert.deepEqual(f.backwards, [{ index: 7, from: '2026-11-19T10:00:00.000Z', to: '2026-11-02T09:00:00.000Z' }]);
  });

  it('never crashes on garbage and reports what is missing', () => {
    const { fact, gaps } = run(
      new FakeRoot().write('/var/log/wtmp', Buffer.alloc(5000, 0xff)).mkdir('/var/log/btmp').write('/var/lib/wtmpdb/wtmp.db', 'x'),
    );
    assert.equal(fact.wtmp[0].records, 13);
    assert.equal(fact.present.lastlog, false);
    assert.deepEqual(
      gaps.map((g) => g.path),
      ['/var/log/btmp', '/var/lib/wtmpdb/wtmp.db'],
    );
  });

  it('reads Debian 13 wtmpdb and lastlog2 databases as login records', () => {
    const root = new FakeRoot();
    writeWtmpDb(root.p('/var/lib/wtmpdb/wtmp.db'), [
      { type: WTMPDB.BOOT_TIME, user: 'reboot', login: '2026-11-18T00:00:00Z', tty: '~', service: 'systemd' },
      {
        type: WTMPDB.USER_PROCESS,
        user: 'root',
        login: '2026-11-19T03:00:40Z',
        logout: '2026-11-19T03:30:00Z',
        tty: 'pts/0',
        host: '45.67.89.10',
        service: 'sshd',
      },
      { type: WTMPDB.USER_PROCESS, user: 'deploy', login: '2026-11-19T04:00:00Z', tty: 'tty1', service: 'login' },
      { type: WTMPDB.USER_PROCESS, user: 'x\u001b]0;pwn\u0007', login: '2026-11-19T05:00:00Z', tty: 'pts/1', host: 'evil.example' },
    ]);
    writeLastlog2(root.p('/var/lib/lastlog/lastlog2.db'), [
      { name: 'root', at: '2026-11-19T03:00:40Z', tty: 'pts/0', host: '45.67.89.10', service: 'sshd' },
      { name: 'ghost', at: '2026-11-19T06:00:00Z', tty: 'pts/2', host: '203.0.113.4' },
    ]);
    const { fact, gaps } = run(root);
    assert.deepEqual(gaps, []);
    assert.equal(fact.present.wtmp, true);
    assert.equal(fact.present.lastlog, true);
    assert.equal(fact.boots, 1);
    assert.deepEqual(
      fact.sessions.map((s) => [s.user, s.ip, s.host, s.line, s.login, s.logout, s.path]),
      [
        ['root', '45.67.89.10', '45.67.89.10', 'pts/0', '2026-11-19T03:00:40.000Z', '2026-11-19T03:30:00.000Z', '/var/lib/wtmpdb/wtmp.db'],
        ['deploy', '', '', 'tty1', '2026-11-19T04:00:00.000Z', null, '/var/lib/wtmpdb/wtmp.db'],
        ['x?]0;pwn?', '', 'evil.example', 'pts/1', '2026-11-19T05:00:00.000Z', null, '/var/lib/wtmpdb/wtmp.db'],
      ],
    );
    assert.deepEqual(
      fact.wtmp.map((f) => [f.path, f.records, f.firstTime, f.lastTime]),
      [['/var/lib/wtmpdb/wtmp.db', 4, '2026-11-18T00:00:00.000Z', '2026-11-19T05:00:00.000Z']],
    );
    assert.deepEqual(fact.lastlog, [
      { user: 'root', uid: 0, time: '2026-11-19T03:00:40.000Z', line: 'pts/0', host: '45.67.89.10', path: '/var/lib/lastlog/lastlog2.db' },
      {
        user: 'ghost',
        uid: -1,
        time: '2026-11-19T06:00:00.000Z',
        line: 'pts/2',
        host: '203.0.113.4',
        path: '/var/lib/lastlog/lastlog2.db',
      },
    ]);
  });

  it('reports a wtmpdb file that is not a usable database, and never follows a symlink out of the root', () => {
    const root = new FakeRoot().write('/var/log/wtmp.db', 'SQLite format 3\u0000 but then garbage'.repeat(50));
    root.symlink('/var/lib/lastlog/lastlog2.db', '/etc/passwd');
    const { fact, gaps } = run(root);
    assert.deepEqual(fact.sessions, []);
    assert.deepEqual(
      gaps.map((g) => g.path),
      ['/var/log/wtmp.db'],
    );
    assert.match(gaps[0].reason, /not read as SQLite/);
    assert.deepEqual(fact.lastlog, []);
  });
});
