import type { Lang } from './lang';
import { PHRASES } from './phrase-catalog';

// Reasons, labels and verdicts that rules compose from parts and pass as data (into a message
// placeholder or an evidence line). Each is a message id with both languages, so a Chinese
// finding never carries an English fragment. Plain strings stay what they are: the target's own
// data (paths, names, command lines, quoted file lines).

export type PhraseId = keyof typeof PHRASES;

export interface Phrase {
  phrase: PhraseId;
  params?: Record<string, PhraseValue>;
}

/** Wording that comes with its own translations (intel data such as command patterns). */
export interface Localized {
  localized: Partial<Record<Lang, string>> & { en: string };
}

export type PhraseValue = string | number | Phrase | Localized | PhraseValue[] | undefined;

export function phrase(id: PhraseId, params?: Record<string, PhraseValue>): Phrase {
  return params ? { phrase: id, params } : { phrase: id };
}

export function localized(en: string, zh?: string): Localized {
  return { localized: zh ? { en, 'zh-CN': zh } : { en } };
}

/** "1 job" / "3 jobs" / "3 个任务": a count with its noun in the right form. */
export function countOf(noun: 'jobs', count: number): Phrase {
  return phrase(count === 1 ? `count.${noun}.one` : `count.${noun}`, { count });
}

/** "a, b and c" / "a、b和c". */
export function andList(items: PhraseValue[]): PhraseValue {
  if (items.length <= 1) return items[0] ?? '';
  return phrase('join.and', { head: items.slice(0, -1), last: items[items.length - 1] });
}

/** Arrays are lists, joined by the language's separator ("a, b" / "a、b"). */
const SEPARATOR: Record<Lang, string> = { en: ', ', 'zh-CN': '、' };
const SEMICOLON: Record<Lang, string> = { en: '; ', 'zh-CN': '；' };

export function renderValue(v: PhraseValue, lang: Lang): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => renderValue(x, lang)).join(SEPARATOR[lang]);
  if ('phrase' in v && v.phrase === 'join.semicolon') {
    const items = v.params?.items;
    return Array.isArray(items) ? items.map((x) => renderValue(x, lang)).join(SEMICOLON[lang]) : renderValue(items, lang);
  }
  if ('localized' in v) return v.localized[lang] ?? v.localized.en;
  const template: string = PHRASES[v.phrase][lang];
  return template.replace(/\{(\w+)\}/g, (all, key: string) => {
    const p = v.params?.[key];
    return p === undefined ? all : renderValue(p, lang);
  });
}
