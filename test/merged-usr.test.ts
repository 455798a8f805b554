import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { renderTerminal } from '../src/report/terminal';
import { FakeRoot } from './helpers/fake-root';
import { scanFixture as scan } from './helpers/scan-fixture';

// On merged-/usr Debian /lib is a link to usr/lib: /lib/libudev.so and /usr/lib/libudev.so are
// one file and must be one finding. Where /lib is a real directory they are two files.

const NOW = new Date('2026-11-20T12:00:00Z');
const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(4096)]);

describe('merged /usr', () => {
  const roots: FakeRoot[] = [];
  after(() => {
    for (const r of roots) r.remove();
  });

  it('a dropped library reachable as /lib/x and /usr/lib/x is reported once', async () => {
    const r = new FakeRoot('hostsweep-usrmerge-').base();
    roots.push(r);
    r.symlink('/lib', 'usr/lib').symlink('/bin', 'usr/bin').symlink('/sbin', 'usr/sbin');
    r.write('/usr/lib/libudev.so', elf(), { mode: 0o755, mtime: NOW });
    const { result } = await scan({ root: r.dir, sampleMs: 0, now: NOW });
    const known = result.findings.filter((f) => f.rule === 'files/known-malware-file');
    assert.deepEqual(
      known.map((f) => f.path),
      ['/usr/lib/libudev.so'],
    );
  });

  it('two real directories keep two findings', async () => {
    const r = new FakeRoot('hostsweep-split-usr-').base();
    roots.push(r);
    r.write('/usr/lib/libudev.so', elf(), { mode: 0o755, mtime: NOW }).write('/lib/libudev.so', elf(), { mode: 0o755, mtime: NOW });
    const { result } = await scan({ root: r.dir, sampleMs: 0, now: NOW });
    const known = result.findings.filter((f) => f.rule === 'files/known-malware-file');
    assert.deepEqual(known.map((f) => f.path).sort(), ['/lib/libudev.so', '/usr/lib/libudev.so']);
  });
});

describe('findings a person can read', () => {
  it('one rule firing a dozen times is one block with a count; --json keeps every finding', async () => {
    const r = new FakeRoot('hostsweep-group-').base();
    try {
      for (let i = 0; i < 12; i++)
        r.write(`/usr/bin/tool${String.fromCharCode(97 + i)}x`, elf(), { mode: 0o755, mtime: new Date('2026-01-01T00:00:00Z') });
      const { result } = await scan({ root: r.dir, sampleMs: 0, now: NOW });
      const mine = result.findings.filter((f) => f.rule === 'files/unowned-system-executable');
      assert.equal(mine.length, 12, 'every finding stays in the JSON document');
      for (const lang of ['en', 'zh-CN'] as const) {
        const text = renderTerminal(result, { lang, color: false, minSeverity: 'info' });
        const headers = text.split('\n').filter((l) => l.includes('files/unowned-system-executable'));
        assert.equal(headers.length, 1, `${lang}: one block, got\n${headers.join('\n')}`);
        const listed = text.split('\n').filter((l) => l.startsWith('    • '));
        assert.equal(listed.length, 5, `${lang}: the next five by title`);
      }
      const en = renderTerminal(result, { lang: 'en', color: false, minSeverity: 'info' });
      assert.match(en, /\(and 11 more like it\)/);
      assert.match(en, /… and 6 more \(all 12 in --json\)/);
      assert.doesNotMatch(en, /\b1 things\b|\b1 findings\b|\b1 rules\b/);
      const zh = renderTerminal(result, { lang: 'zh-CN', color: false, minSeverity: 'info' });
      assert.match(zh, /（另有 11 项同类）/);
      assert.match(zh, /另有 6 项（全部 12 项见 --json）/);
    } finally {
      r.remove();
    }
  });

  it('English counts agree with their nouns; Chinese has no space around a severity', async () => {
    const r = new FakeRoot('hostsweep-plural-').base();
    try {
      const { result } = await scan({ root: r.dir, sampleMs: 0, now: NOW });
      const one = {
        ...result,
        findings: [],
        gaps: result.gaps.slice(0, 1),
        stats: { ...result.stats, suppressed: 1, rulesSkipped: ['x/y'] },
      };
      const en = renderTerminal(one, { lang: 'en', color: false, minSeverity: 'low' });
      assert.match(en, /^1 more that cannot hide anything/m);
      assert.match(en, /^1 finding suppressed/m);
      assert.match(en, /^1 rule not run/m);
      const zh = renderTerminal(one, { lang: 'zh-CN', color: false, minSeverity: 'low' });
      assert.match(zh, /没有低危及以上级别的发现。/);
    } finally {
      r.remove();
    }
  });
});
