export type Lang = 'en' | 'zh-CN';
export const LANGS: Lang[] = ['en', 'zh-CN'];

/** --lang wins; otherwise LC_ALL, LC_MESSAGES, LANG as POSIX orders them. */
export function detectLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const raw = explicit ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(raw) ? 'zh-CN' : 'en';
}

/** "{name} is {state}" with data; unknown placeholders stay visible so a missing value is noticed in tests. */
export function format(template: string, data: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (data[key] === undefined ? all : String(data[key])));
}
