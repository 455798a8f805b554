import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinIntel } from '../../src/intel/intel';
import { LANGS } from '../../src/i18n/lang';
import { runRules } from '../../src/analyze/run-rules';
import type { Finding } from '../../src/model/finding';
import type { Facts } from '../../src/model/facts';
import type { Rule } from '../../src/rules/rule';
import { dataWords, englishWords } from './english-words';
import { fakeSnapshot } from './snapshot';

export interface ValidCase {
  name: string;
  facts: Partial<Facts>;
  referenceTime?: string;
}

type Expect = Partial<Pick<Finding, 'severity' | 'pid' | 'path' | 'user' | 'ip'>> & { evidence?: RegExp; title?: RegExp };

/**
 * ESLint's RuleTester idea: every rule has cases where it must stay silent (benign look-alikes)
 * and cases where it must fire with exactly the expected findings, in both languages.
 */
export function testRule(
  rule: Rule,
  cases: { valid: ValidCase[]; invalid: { name: string; facts: Partial<Facts>; expect: Expect[]; referenceTime?: string }[] },
) {
  describe(`rule ${rule.meta.id}`, () => {
    assert.ok(cases.valid.length > 0, 'a rule needs at least one case where it stays silent');
    assert.ok(cases.invalid.length > 0, 'a rule needs at least one case where it fires');
    const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
    assert.equal(new Set(names).size, names.length, 'duplicate case names');

    for (const c of cases.valid) {
      it(`stays silent: ${c.name}`, () => {
        const r = runRules(fakeSnapshot(c.facts, c.referenceTime), [rule], { intel: builtinIntel(), lang: 'en' });
        assert.deepEqual(r.errors, []);
        assert.deepEqual(
          r.findings.map((f) => `${f.severity}: ${f.title}`),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      it(`fires: ${c.name}`, () => {
        for (const lang of LANGS) {
          const r = runRules(fakeSnapshot(c.facts, c.referenceTime), [rule], { intel: builtinIntel(), lang });
          assert.deepEqual(r.errors, []);
          assert.equal(r.findings.length, c.expect.length, `${lang}: findings ${JSON.stringify(r.findings.map((f) => f.title))}`);
          c.expect.forEach((e, i) => {
            const f = r.findings[i];
            assert.equal(f.rule, rule.meta.id);
            for (const key of ['severity', 'pid', 'path', 'user', 'ip'] as const) {
              if (e[key] !== undefined) assert.equal(f[key], e[key], `${lang}: ${key}`);
            }
            if (e.evidence && lang === 'en') assert.match(f.evidence.join('\n'), e.evidence);
            if (e.title && lang === 'en') assert.match(f.title, e.title);
            for (const text of [f.title, f.detail, f.action])
              assert.doesNotMatch(text, /\{\w+\}/, `${lang}: unfilled placeholder in "${text}"`);
            if (lang === 'zh-CN') {
              // The case's facts are the target's data (names, lines an attacker wrote); any
              // other English word in the Chinese finding is wording a translation missed.
              const exempt = dataWords(c.facts);
              for (const text of [f.title, f.detail, f.action, ...f.evidence]) {
                const words = englishWords(text, exempt);
                assert.deepEqual(words, [], `zh-CN text has English words: ${text}`);
              }
            }
          });
        }
      });
    }
  });
}
