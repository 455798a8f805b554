import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFilterScript, shellWords } from './filter-script';

describe('reading a script that replaced a system program', () => {
  it('splits shell words with quotes and escapes', () => {
    assert.deepEqual(shellWords(`grep -v "a b" 'c|d' e\\ f`), ['grep', '-v', 'a b', 'c|d', 'e f']);
  });

  it('finds grep -v, grep -e, sed /x/d and awk !/x/ filters and the program behind them', () => {
    const r = analyzeFilterScript([
      '#!/bin/sh',
      'BIN=/usr/bin/.netstat',
      "${BIN} \"$@\" | grep -v -e 3333 -e 45.9.148.99 | sed '/xmr/d' | awk '!/kinsing/'",
    ]);
    assert.deepEqual(r.filtering, [2]);
    assert.deepEqual(r.hides, ['3333', '45.9.148.99', 'xmr', 'kinsing']);
    assert.equal(r.real, '/usr/bin/.netstat');
  });

  it('does not call a plain grep, a comment or an || a filter', () => {
    const r = analyzeFilterScript(['#!/bin/sh', '# ps | grep -v x', 'ps.real "$@" | grep root', 'test -x /a || exit 1']);
    assert.deepEqual(r, { filtering: [], hides: [], real: null });
  });
});
