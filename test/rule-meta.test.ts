import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CATEGORIES, SEVERITIES } from '../src/model/finding';
import { RULES } from '../src/rules/registry';
import { LANGS } from '../src/i18n/lang';
import { rulesMarkdown } from '../scripts/gen-docs';

// Rule metadata is a contract: this is the linter that keeps it (Sigma's tests, ESLint's Makefile checks).
const RULE_DIR = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../src/rules');

function ruleFiles(): string[] {
  const out: string[] = [];
  for (const family of fs.readdirSync(RULE_DIR)) {
    const dir = path.join(RULE_DIR, family);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      if (src.includes('defineRule({')) out.push(`${family}/${f.slice(0, -3)}`);
    }
  }
  return out.sort();
}

describe('rule metadata', () => {
  it('every rule file is registered, once, under its path as id', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
    assert.deepEqual([...ids].sort(), ruleFiles());
  });

  it('docs/rules.md is generated from the current metadata (npm run docs)', () => {
    const docs = fs.readFileSync(path.join(RULE_DIR, '../../docs/rules.md'), 'utf8');
    assert.equal(docs, rulesMarkdown());
  });

  for (const { meta } of RULES) {
    it(`${meta.id}: header, messages in every language, fixtures beside it`, () => {
      assert.match(meta.id, /^[a-z]+\/[a-z0-9-]+$/);
      assert.ok(CATEGORIES.includes(meta.category), `category ${meta.category}`);
      assert.ok(SEVERITIES.includes(meta.severity));
      assert.ok(meta.attack.length > 0, 'needs an ATT&CK technique');
      for (const t of meta.attack) assert.match(t, /^T\d{4}(\.\d{3})?$/);
      assert.ok(meta.description.length > 20, 'needs a description');
      assert.ok(meta.falsePositives.length > 0, 'needs known false positives (or "None known")');
      assert.ok(meta.uses.length > 0, 'must say which facts it reads');
      const ids = Object.keys(meta.messages);
      assert.ok(ids.length > 0);
      for (const id of ids) {
        for (const lang of LANGS) {
          const m = meta.messages[id][lang];
          assert.ok(m, `${id} lacks ${lang}`);
          for (const k of ['title', 'detail', 'action'] as const) assert.ok(m[k].trim().length > 0, `${id}.${lang}.${k} empty`);
          // Both languages must use the same placeholders, or one of them shows "{x}" to the user.
          const en = new Set(`${meta.messages[id].en.title}${meta.messages[id].en.detail}${meta.messages[id].en.action}`.match(/\{\w+\}/g));
          const other = new Set(`${m.title}${m.detail}${m.action}`.match(/\{\w+\}/g));
          assert.deepEqual([...other].sort(), [...en].sort(), `${id}.${lang} placeholders differ from en`);
        }
      }
      const testFile = path.join(RULE_DIR, `${meta.id}.test.ts`);
      assert.ok(fs.existsSync(testFile), `missing fixture test ${meta.id}.test.ts`);
      const src = fs.readFileSync(path.join(RULE_DIR, `${meta.id}.ts`), 'utf8');
      for (const id of ids) assert.ok(src.includes(`'${id}'`), `message ${id} is never reported`);
    });
  }
});
