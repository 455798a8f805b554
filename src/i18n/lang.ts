import { type PhraseValue, renderValue } from './phrases';

export type Lang = 'en' | 'zh-CN';
export const LANGS: Lang[] = ['en', 'zh-CN'];

/** --lang wins; otherwise LC_ALL, LC_MESSAGES, LANG as POSIX orders them (an empty one is unset, as POSIX says). */
export function detectLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const raw = explicit || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(raw) ? 'zh-CN' : 'en';
}

/**
 * "{name} is {state}" with data; unknown placeholders stay visible so a missing value is noticed
 * in tests. A value may be a phrase (a message id with its own data), rendered in `lang`;
 * `phrases` translates plain data values that are known indicator wording (such as a command
 * pattern's description) into the message language.
 */
export function format(
  template: string,
  data: Record<string, PhraseValue>,
  phrases?: ReadonlyMap<string, string>,
  lang: Lang = 'en',
): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => {
    const v = data[key];
    if (v === undefined) return all;
    return (typeof v === 'string' && phrases?.get(v)) || renderValue(v, lang);
  });
}
