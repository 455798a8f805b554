import type { z } from 'zod';

// A user's file (allow-list, intel, snapshot) that does not match its schema. The message names
// the file, the entry number and the key, so a typo is found in seconds.

export interface InputIssue {
  /** Dotted path of the list or section, e.g. "commands.patterns"; empty at the top. */
  section: string;
  /** 1-based number of the list entry, when inside a list. */
  entry?: number;
  key?: string;
  /** The key is not one the schema knows (a typo, most often). */
  unknownKey?: boolean;
  /** English text (or zod's, in the language it was configured with). */
  message: string;
  /** A message id (src/i18n/ui.ts) the CLI words in the user's language instead of `message`. */
  messageId?: string;
  data?: Record<string, string>;
}

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly issues: InputIssue[],
  ) {
    super(issues.map((i) => `${file}${ENGLISH.colon}${describeIssue(i, ENGLISH)}`).join('\n'));
    this.name = 'InputError';
  }
}

/** The words used to place an issue, per language (the CLI passes the user's). */
export interface IssueWords {
  entry: string;
  key: string;
  join: string;
  /** Between the place and the message. */
  colon: string;
  unknownKey: string;
  /** Wording of a messageId, when known. */
  message?: (id: string, data: Record<string, string>) => string | undefined;
}

export const ENGLISH: IssueWords = { entry: 'entry {n}', key: 'key "{k}"', join: ', ', colon: ': ', unknownKey: 'unknown key' };

export function describeIssue(i: InputIssue, words: IssueWords): string {
  const where = [
    i.section,
    i.entry === undefined ? '' : words.entry.replace('{n}', String(i.entry)),
    i.key === undefined ? '' : words.key.replace('{k}', i.key),
  ].filter((x) => x !== '');
  const message = i.unknownKey
    ? words.unknownKey
    : ((i.messageId !== undefined ? words.message?.(i.messageId, i.data ?? {}) : undefined) ?? i.message);
  return where.length === 0 ? message : `${where.join(words.join)}${words.colon}${message}`;
}

/** Zod issues as issues a person can place: the last list index becomes the entry number. */
export function inputIssues(error: z.ZodError, maxIssues = 10): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const extras = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const extra of extras) {
      const full = extra === undefined ? path : [...path, extra];
      let li = full.length - 1;
      while (li >= 0 && typeof full[li] !== 'number') li--;
      const tail = full.slice(li + 1).map(String);
      const placed: InputIssue =
        li >= 0
          ? { section: full.slice(0, li).join('.'), entry: (full[li] as number) + 1, message: issue.message }
          : { section: tail.slice(0, -1).join('.'), message: issue.message };
      const key = li >= 0 ? tail.join('.') : tail.at(-1);
      if (key) placed.key = key;
      if (extra !== undefined) placed.unknownKey = true;
      const params = issue.code === 'custom' ? (issue.params as { id?: string } | undefined) : undefined;
      if (params?.id) placed.messageId = params.id;
      out.push(placed);
      if (out.length >= maxIssues) return out;
    }
  }
  return out;
}

/** Parses `value` with `schema`, or throws an InputError naming `file`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(file, inputIssues(r.error));
  return r.data;
}
