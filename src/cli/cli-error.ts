import { format, type Lang } from '../i18n/lang';
import { type UiKey, ui, uiKeys } from '../i18n/ui';

const UI_EN = new Set<string>(uiKeys());
import { describeIssue, InputError, type IssueWords } from '../model/input-error';
import { OutputPathError } from '../output/write-file';

/** An error the user can fix, worded in their language; the CLI prints it and exits 2. */
export class CliError extends Error {
  constructor(
    readonly key: UiKey,
    readonly data: Record<string, string | number> = {},
    /** Data values that are themselves message ids, worded in the error's language (joined when a list). */
    readonly words: Record<string, UiKey[]> = {},
  ) {
    super(format(ui('en', key), { ...data, ...wordsIn('en', words) }));
    this.name = 'CliError';
  }

  text(lang: Lang): string {
    return format(ui(lang, this.key), { ...this.data, ...wordsIn(lang, this.words) });
  }
}

function wordsIn(lang: Lang, words: Record<string, UiKey[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(words).map(([k, keys]) => [k, keys.map((w) => ui(lang, w)).join(ui(lang, 'listJoin'))]));
}

/** The message of any error, in the user's language where we know its words. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof CliError) return e.text(lang);
  if (e instanceof InputError) {
    const words: IssueWords = {
      entry: ui(lang, 'input.entry'),
      key: ui(lang, 'input.key'),
      join: ui(lang, 'input.join'),
      colon: ui(lang, 'input.colon'),
      unknownKey: ui(lang, 'input.unknownKey'),
      message: (id, data) => (UI_EN.has(id) ? format(ui(lang, id as UiKey), data) : undefined),
    };
    return e.issues.map((i) => `${e.file}${words.colon}${describeIssue(i, words)}`).join('\n');
  }
  if (e instanceof OutputPathError) return format(ui(lang, `output.${e.problem}` as UiKey), { file: e.file });
  return (e as Error).message;
}
