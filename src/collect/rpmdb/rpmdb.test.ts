import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { convertToBdb, DB_LOAD, haveRpmTools, installRpms, rpmQueryAll } from '../../../test/helpers/rpm-tree';
import { RootHost } from '../../host/root-host';
import { readBdb } from './bdb';
import { FILE_CONFIG, FILE_GHOST, HeaderError, parseHeader } from './header';
import { readRpmDatabase } from './index';
import { applyWal, readSqliteHeaders } from './sqlite';

const PS = Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(3000, 7)]);
// Enough files that the header outgrows a 512-byte Berkeley DB page and lands on overflow pages.
const MANY = Array.from({ length: 60 }, (_, i) => ({ path: `/usr/share/doc/procps-ng/file-${i}.txt`, content: `doc ${i}\n` }));
const PACKAGES = [
  {
    name: 'procps-ng',
    files: [{ path: '/usr/bin/ps', content: PS, mode: 0o755 }, { path: '/usr/share/doc/procps-ng', dir: true, mode: 0o755 }, ...MANY],
  },
  {
    name: 'openssh-server',
    files: [
      { path: '/usr/sbin/sshd', content: 'sshd binary', mode: 0o755 },
      { path: '/etc/ssh/sshd_config', content: 'PermitRootLogin no\n', mode: 0o600, config: true },
      { path: '/var/log/btmp-ghost', ghost: true, mode: 0o600 },
      // A non-UTF-8 file name, as bytes: rpm stores it unchanged.
      { path: '/usr/share/openssh/caf\u00e9', content: 'x' },
    ],
  },
];

describe('rpm database readers on databases rpm itself wrote', { skip: !haveRpmTools() && 'rpm/rpmbuild not installed' }, () => {
  const root = new FakeRoot('hostsweep-rpmdb-');
  let work = '';
  before(() => {
    work = installRpms(root.dir, PACKAGES);
  });
  after(() => {
    root.remove();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('reads rpmdb.sqlite: names, versions, file paths, sha256 digests, modes, owners and flags', () => {
    const r = readRpmDatabase(new RootHost(root.dir));
    assert.deepEqual(r.problems, []);
    assert.equal(r.db?.format, 'sqlite');
    const byName = new Map(r.db?.packages.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), rpmQueryAll(root.dir));
    const procps = byName.get('procps-ng');
    assert.equal(procps?.version, '1.0');
    assert.equal(procps?.release, '1.el9');
    assert.equal(procps?.digestAlgorithm, 'sha256');
    assert.ok(typeof procps?.installTime === 'number' && procps.installTime > 1_600_000_000);
    const ps = procps?.files.find((f) => f.path === '/usr/bin/ps');
    assert.equal(ps?.digest, createHash('sha256').update(PS).digest('hex'));
    assert.equal(ps?.size, PS.length);
    assert.equal(ps?.mode, 0o100755);
    assert.equal(ps?.user, 'root');
    const ssh = byName.get('openssh-server');
    const conf = ssh?.files.find((f) => f.path === '/etc/ssh/sshd_config');
    assert.ok(conf && (conf.flags & FILE_CONFIG) !== 0 && conf.mode === 0o100600);
    const ghost = ssh?.files.find((f) => f.path === '/var/log/btmp-ghost');
    assert.ok(ghost && (ghost.flags & FILE_GHOST) !== 0 && ghost.digest === '');
    assert.ok(ssh?.files.some((f) => f.path === '/usr/share/openssh/caf\u00e9'));
  });

  for (const pageSize of [512, 65536]) {
    it(`reads a Berkeley DB Packages file with the same headers (${pageSize}-byte pages: ${pageSize === 512 ? 'overflow' : 'inline'} values)`, {
      skip: !fs.existsSync(DB_LOAD) && 'db5.3-util not installed',
    }, () => {
      const bdbRoot = new FakeRoot('hostsweep-rpmbdb-');
      try {
        fs.cpSync(root.p('/var'), bdbRoot.p('/var'), { recursive: true });
        convertToBdb(bdbRoot.dir, pageSize);
        // rpm's own read-only Berkeley DB backend agrees that this is an rpm database.
        assert.deepEqual(rpmQueryAll(bdbRoot.dir, 'bdb_ro'), ['openssh-server', 'procps-ng']);
        const r = readRpmDatabase(new RootHost(bdbRoot.dir));
        assert.deepEqual(r.problems, []);
        assert.equal(r.db?.format, 'bdb');
        assert.equal(r.db?.path, '/var/lib/rpm/Packages');
        const names = r.db?.packages.map((p) => p.name).sort();
        assert.deepEqual(names, ['openssh-server', 'procps-ng']);
        const procps = r.db?.packages.find((p) => p.name === 'procps-ng');
        assert.equal(procps?.files.length, 62);
        assert.equal(procps?.files.find((f) => f.path === '/usr/bin/ps')?.digest, createHash('sha256').update(PS).digest('hex'));
      } finally {
        bdbRoot.remove();
      }
    });
  }

  it('reads a btree-format Berkeley DB too (leaf and overflow pages)', {
    skip: !fs.existsSync(DB_LOAD) && 'db5.3-util not installed',
  }, () => {
    const bdbRoot = new FakeRoot('hostsweep-rpmbdb-');
    try {
      fs.cpSync(root.p('/var'), bdbRoot.p('/var'), { recursive: true });
      convertToBdb(bdbRoot.dir, 512, 'btree');
      const r = readRpmDatabase(new RootHost(bdbRoot.dir));
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.db?.packages.map((p) => p.name).sort(), ['openssh-server', 'procps-ng']);
      assert.equal(r.db?.packages.find((p) => p.name === 'procps-ng')?.files.length, 62);
    } finally {
      bdbRoot.remove();
    }
  });

  it('a truncated or garbled Berkeley DB gives what is readable and never throws past the reader', {
    skip: !fs.existsSync(DB_LOAD) && 'db5.3-util not installed',
  }, () => {
    const bdbRoot = new FakeRoot('hostsweep-rpmbdb-');
    try {
      fs.cpSync(root.p('/var'), bdbRoot.p('/var'), { recursive: true });
      convertToBdb(bdbRoot.dir, 512);
      const file = bdbRoot.p('/var/lib/rpm/Packages');
      const whole = fs.readFileSync(file);
      for (let cut = 512; cut < whole.length; cut += 512) {
        const r = readBdb(whole.subarray(0, cut));
        assert.ok(r.values.length <= 2);
      }
      // Flip bytes all over the file: the walk must stay in bounds.
      const bad = Buffer.from(whole);
      for (let i = 600; i < bad.length; i += 97) bad[i] ^= 0xff;
      fs.writeFileSync(file, bad);
      const r = readRpmDatabase(new RootHost(bdbRoot.dir));
      assert.ok(r.db === null || r.db.packages.length <= 2);
    } finally {
      bdbRoot.remove();
    }
  });
});

describe('rpm header parser', () => {
  it('survives every single-byte corruption of a real header: a package, or HeaderError, never another exception', {
    skip: !haveRpmTools() && 'rpm/rpmbuild not installed',
  }, () => {
    const root = new FakeRoot('hostsweep-rpmfuzz-');
    const work = installRpms(root.dir, [PACKAGES[1]]);
    try {
      let blob: Buffer | null = null;
      const r = readRpmDatabase(new RootHost(root.dir));
      assert.equal(r.db?.packages.length, 1);
      // Recover the raw header through the sqlite reader, then damage it byte by byte.
      readSqliteHeaders(fs.readFileSync(root.p('/var/lib/rpm/rpmdb.sqlite')), null, (b) => {
        blob = Buffer.from(b);
      });
      assert.ok(blob);
      const header: Buffer = blob;
      let parsed = 0;
      let rejected = 0;
      for (let i = 0; i < header.length; i++) {
        for (const v of [0x00, 0xff, header[i] ^ 0x80]) {
          const bad = Buffer.from(header);
          bad[i] = v;
          try {
            parseHeader(bad);
            parsed++;
          } catch (e) {
            assert.ok(e instanceof HeaderError, `byte ${i} = ${v}: ${e}`);
            rejected++;
          }
        }
      }
      assert.ok(parsed > 0 && rejected > 0, `${parsed} parsed, ${rejected} rejected`);
    } finally {
      root.remove();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('rejects malformed headers with HeaderError, not a crash', () => {
    assert.throws(() => parseHeader(Buffer.alloc(4)), HeaderError);
    const huge = Buffer.alloc(16);
    huge.writeUInt32BE(0xffffffff, 0);
    assert.throws(() => parseHeader(huge), HeaderError);
    const lying = Buffer.alloc(8 + 16 + 4);
    lying.writeUInt32BE(1, 0);
    lying.writeUInt32BE(4, 4);
    lying.writeUInt32BE(1000, 8); // NAME
    lying.writeUInt32BE(6, 12); // STRING
    lying.writeUInt32BE(2, 16);
    lying.writeUInt32BE(1, 20);
    lying.write('abcd', 24);
    assert.throws(() => parseHeader(lying), HeaderError);
  });
});

describe('SQLite WAL folding', () => {
  it('leaves a database without WAL as it is, switched to rollback-journal mode', () => {
    const db = Buffer.alloc(1024);
    db.write('SQLite format 3\0', 0);
    db[18] = 2;
    db[19] = 2;
    const out = applyWal(db, null);
    assert.equal(out[18], 1);
    assert.equal(out[19], 1);
    assert.equal(db[18], 2, 'the evidence buffer is not modified');
  });
});
