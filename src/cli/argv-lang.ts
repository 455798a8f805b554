import { detectLang, type Lang } from '../i18n/lang';

/** The language asked for on the command line (or by the environment), before commander has parsed it. */
export function argvLangGuess(argv: string[] = process.argv): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const explicit = i < 0 ? undefined : argv[i].startsWith('--lang=') ? argv[i].slice(7) : argv[i + 1];
  return detectLang(explicit === 'en' || explicit === 'zh-CN' ? explicit : undefined);
}
