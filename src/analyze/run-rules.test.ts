import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeSnapshot } from '../../test/helpers/snapshot';
import { builtinIntel } from '../intel/intel';
import type { Severity } from '../model/finding';
import { defineRule, type Report } from '../rules/rule';
import { runRules } from './run-rules';

// One file, one alarm: a finding that defers to a more specific rule is folded into that rule's
// finding on the same file, and stands alone when there is none.

const text = { title: '{path}', detail: 'd', action: 'a' };
function rule(id: string, reports: (Report & { severity: Severity })[]) {
  return defineRule({
    meta: {
      id,
      category: 'file_ioc',
      severity: 'low',
      attack: [id === 'test/content' ? 'T1505.003' : 'T1053.003'],
      status: 'experimental',
      description: id,
      falsePositives: [],
      uses: [],
      messages: { m: { en: text, 'zh-CN': text } },
    },
    check({ report }) {
      for (const r of reports) report(r);
    },
  });
}

const content = (path: string, severity: Severity = 'critical') =>
  rule('test/content', [
    {
      messageId: 'm',
      data: { path },
      path,
      severity,
      evidence: [`path: ${path}`, 'match 1: <?php @eval($_POST[1]);'],
      defer: { rules: ['test/line', 'family/'], evidence: ['match 1: <?php @eval($_POST[1]);'] },
    },
  ]);
const specific = (id: string, path: string, severity: Severity = 'low') =>
  rule(id, [{ messageId: 'm', data: { path }, path, severity, evidence: ['line 3: specific evidence'] }]);

const run = (...rules: ReturnType<typeof rule>[]) => runRules(fakeSnapshot({}), rules, { intel: builtinIntel(), lang: 'en' }).findings;

describe('deferring findings', () => {
  it('fold into the more specific finding on the same file, which takes the higher severity and the quote', () => {
    const findings = run(specific('test/line', '/var/www/x.php'), content('/var/www/x.php'));
    assert.equal(findings.length, 1);
    assert.equal(findings[0].rule, 'test/line');
    assert.equal(findings[0].severity, 'critical');
    assert.deepEqual(findings[0].evidence, ['line 3: specific evidence', 'match 1: <?php @eval($_POST[1]);']);
    assert.deepEqual(findings[0].attack, ['T1053.003', 'T1505.003']);
  });

  it('keep the specific severity when it is the higher one, whatever the rule order', () => {
    const findings = run(content('/var/www/x.php', 'medium'), specific('family/one', '/var/www/x.php', 'critical'));
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.rule}`),
      ['critical family/one'],
    );
  });

  it('match the other spelling of a merged-/usr path', () => {
    const findings = run(specific('test/line', '/usr/bin/x'), content('/bin/x'));
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['test/line'],
    );
  });

  it('stand alone when the specific rule names another file, or another rule names the same file', () => {
    const findings = run(specific('test/line', '/var/www/y.php'), specific('test/other', '/var/www/x.php'), content('/var/www/x.php'));
    assert.deepEqual(findings.map((f) => `${f.severity} ${f.rule} ${f.path}`).sort(), [
      'critical test/content /var/www/x.php',
      'low test/line /var/www/y.php',
      'low test/other /var/www/x.php',
    ]);
  });
});
