import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { safeText } from '../report/sanitize';
import { decodeName, fsPath } from './byte-names';
import { RootHost } from './root-host';

describe('byte-preserving names', () => {
  it('keeps valid UTF-8 as text and turns every other byte into a reversible escape', () => {
    assert.equal(decodeName(Buffer.from('crontab 定时任务 💀')), 'crontab 定时任务 💀');
    const raw = Buffer.from([0x2e, 0xff, 0xfe, 0x41, 0xc3]);
    const name = decodeName(raw);
    assert.equal(name, '.\udcff\udcfeA\udcc3');
    assert.deepEqual(fsPath(name), raw);
    // A valid pair whose low half falls in the escape range is a real character, not a byte.
    assert.equal(fsPath('💀'), '💀');
  });

  it('round-trips every byte sequence, including encoded surrogates and overlong forms', () => {
    let x = 0x9e3779b9;
    for (let n = 0; n < 2000; n++) {
      const len = 1 + (n % 12);
      const b = Buffer.alloc(len);
      for (let i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        b[i] = x & 0xff;
      }
      const back = fsPath(decodeName(b));
      assert.deepEqual(Buffer.from(back), b, b.toString('hex'));
    }
    for (const hex of ['eda080', 'c0af', 'f4908080', 'e0808f', 'ffff', 'e282']) {
      const b = Buffer.from(hex, 'hex');
      assert.deepEqual(Buffer.from(fsPath(decodeName(b))), b, hex);
    }
  });

  it('shows a raw byte as \\xNN on the terminal', () => {
    assert.equal(safeText(decodeName(Buffer.from('/tmp/\xff\xfeA', 'latin1'))), '/tmp/\\xff\\xfeA');
    assert.equal(safeText('💀 \ud800'), '💀 \\u{d800}');
  });

  it('lists, stats and reads a file whose name is not UTF-8 through the Host', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-bytes-'));
    try {
      fs.mkdirSync(path.join(dir, 'tmp'));
      fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/tmp/`), Buffer.from([0xff, 0x78])]), '\x7fELF payload');
      const host = new RootHost(dir);
      const names = host.readDir('/tmp');
      assert.deepEqual(names, ['\udcffx']);
      const p = `/tmp/${names?.[0]}`;
      assert.equal(host.lstat(p)?.isFile(), true);
      assert.equal(host.readText(p), '\x7fELF payload');
      assert.equal(host.hashFile(p, ['sha256'])?.bytes, 12);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
