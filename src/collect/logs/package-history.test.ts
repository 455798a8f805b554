import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import sqlite3 from 'node-sqlite3-wasm';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { RootHost } from '../../host/root-host';
import packageHistory from './package-history';
import { collectContext } from '../../../test/helpers/collect-context';

// yum itself cannot run on Debian, so the CentOS 7 history file is written here with the table
// layout yum 3 creates (yum/history.py); the dnf format is tested with real dnf in
// test/rpm-family.test.ts.
const YUM_SCHEMA = [
  'CREATE TABLE trans_beg (tid INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL, rpmdb_version TEXT NOT NULL, loginuid INTEGER)',
  'CREATE TABLE trans_end (tid INTEGER PRIMARY KEY REFERENCES trans_beg, timestamp INTEGER NOT NULL, rpmdb_version TEXT NOT NULL, return_code INTEGER NOT NULL)',
  'CREATE TABLE trans_cmdline (tid INTEGER NOT NULL REFERENCES trans_beg, cmdline TEXT NOT NULL)',
  'CREATE TABLE pkgtups (pkgtupid INTEGER PRIMARY KEY, name TEXT NOT NULL, arch TEXT NOT NULL, epoch TEXT NOT NULL, version TEXT NOT NULL, release TEXT NOT NULL, checksum TEXT)',
  'CREATE TABLE trans_data_pkgs (tid INTEGER NOT NULL REFERENCES trans_beg, pkgtupid INTEGER NOT NULL REFERENCES pkgtups, done BOOL NOT NULL DEFAULT FALSE, state TEXT NOT NULL)',
];

function yumHistory(file: string) {
  const db = new sqlite3.Database(file);
  for (const sql of YUM_SCHEMA) db.run(sql);
  const pkgs: [number, string, string, string][] = [
    [1, 'masscan', '1.3.2', '1.el7'],
    [2, 'audit', '2.8.5', '4.el7'],
    [3, 'openssl', '1.0.2k', '26.el7_9'],
    [4, 'openssl', '1.0.2k', '25.el7_9'],
  ];
  for (const [id, name, v, r] of pkgs) db.run('INSERT INTO pkgtups VALUES (?, ?, ?, ?, ?, ?, ?)', [id, name, 'x86_64', '0', v, r, null]);
  const tx: [number, number, number | null, string, number, [number, string][]][] = [
    [
      1,
      1763500000,
      0,
      'update openssl',
      0,
      [
        [3, 'Update'],
        [4, 'Updated'],
      ],
    ],
    [2, 1763510000, 1000, 'install -y masscan', 0, [[1, 'Install']]],
    [3, 1763510060, 4294967295, 'erase -y audit', 1, [[2, 'Erase']]],
  ];
  for (const [tid, ts, uid, cmd, rc, items] of tx) {
    db.run('INSERT INTO trans_beg VALUES (?, ?, ?, ?)', [tid, ts, '1:abc', uid]);
    db.run('INSERT INTO trans_end VALUES (?, ?, ?, ?)', [tid, ts + 5, '1:def', rc]);
    db.run('INSERT INTO trans_cmdline VALUES (?, ?)', [tid, cmd]);
    for (const [pkg, state] of items) db.run('INSERT INTO trans_data_pkgs VALUES (?, ?, ?, ?)', [tid, pkg, 1, state]);
  }
  db.close();
}

describe('package history collector (yum)', () => {
  const roots: FakeRoot[] = [];
  after(() => {
    for (const r of roots) r.remove();
  });
  const collect = (root: FakeRoot) => {
    const gaps: string[] = [];
    const fact = packageHistory.collect(collectContext(new RootHost(root.dir), {}, (p, r) => gaps.push(`${p}: ${r}`)));
    return { fact, gaps };
  };

  it('reads CentOS 7 yum history files: time, login uid, command line, installed, updated and erased packages', () => {
    const root = new FakeRoot().mkdir('/var/lib/yum/history');
    roots.push(root);
    yumHistory(root.p('/var/lib/yum/history/history-2025-06-01.sqlite'));
    const { fact, gaps } = collect(root);
    assert.deepEqual(gaps, []);
    assert.equal(fact.tool, 'yum');
    assert.equal(fact.total, 3);
    assert.deepEqual(
      fact.transactions.map((t) => [t.id, t.time, t.uid, t.cmdline, t.ok, t.packages.map((p) => `${p.action} ${p.nevra}`)]),
      [
        [1, '2025-11-18T21:06:40.000Z', 0, 'update openssl', true, ['upgrade openssl-1.0.2k-26.el7_9.x86_64']],
        [2, '2025-11-18T23:53:20.000Z', 1000, 'install -y masscan', true, ['install masscan-1.3.2-1.el7.x86_64']],
        [3, '2025-11-18T23:54:20.000Z', null, 'erase -y audit', false, ['remove audit-2.8.5-4.el7.x86_64']],
      ],
    );
  });

  it('a damaged history file is a gap, not a crash', () => {
    const root = new FakeRoot().write('/var/lib/dnf/history.sqlite', 'SQLite format 3\0garbage'.repeat(100));
    roots.push(root);
    const { fact, gaps } = collect(root);
    assert.equal(fact.tool, null);
    assert.match(gaps.join('\n'), /\/var\/lib\/dnf\/history\.sqlite: .*package history not read/);
  });
});
