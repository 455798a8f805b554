import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGS } from './lang';
import { ui, uiKeys } from './ui';

describe('interface words', () => {
  it('every message id has a non-empty text in every language, with the same placeholders', () => {
    const keys = new Set(uiKeys());
    for (const key of keys) {
      // "…One" keys are English singulars (uiCount); Chinese has one form, its base key.
      if (key.endsWith('One')) {
        assert.ok(keys.has(key.slice(0, -3) as typeof key), `"${key}" has no base key`);
        continue;
      }
      const placeholders = (lang: (typeof LANGS)[number]) => (ui(lang, key).match(/\{\w+\}/g) ?? []).sort();
      for (const lang of LANGS) assert.ok(ui(lang, key)?.length > 0, `${lang} lacks "${key}"`);
      assert.deepEqual(placeholders('zh-CN'), placeholders('en'), `placeholders of "${key}"`);
    }
  });
});
