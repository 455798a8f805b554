import { z } from 'zod';
import type { Finding } from '../model/finding';
import { type InputIssue, InputError, parseInput } from '../model/input-error';
import { readYaml } from '../model/read-yaml';

/**
 * Site exceptions, kept by the user: a finding is suppressed when every field given in an
 * entry matches. Suppressed findings are counted, never silently dropped. An entry must narrow
 * the rule down by at least one field, unless it says `all: true`: a typo such as `pth:` must
 * never widen an exception to a whole rule family.
 *
 *   - rule: process/exe-in-tmp      # "*" or "family/*" allowed
 *     path: /tmp/build-agent/*      # glob with *
 *     reason: CI runner unpacks here
 */
export const AllowEntrySchema = z
  .strictObject({
    rule: z.string().min(1),
    path: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    ip: z.string().min(1).optional(),
    reason: z.string().optional(),
    /** Suppress every finding of the rule(s), wherever it is. */
    all: z.literal(true).optional(),
  })
  .refine((e) => e.all === true || [e.path, e.user, e.name, e.ip].some((v) => v !== undefined), {
    message: 'names no path, user, name or ip besides "rule"; add one, or "all: true" to allow the rule everywhere',
    params: { id: 'input.allowTooWide' },
  });

/** A list of entries, or a mapping with the list under `allow`. */
export const AllowListSchema = z.array(AllowEntrySchema);
export const AllowFileSchema = z.strictObject({ allow: AllowListSchema });

export type AllowEntry = z.infer<typeof AllowEntrySchema>;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export class AllowList {
  private readonly entries: { entry: AllowEntry; rule: RegExp; path?: RegExp; name?: RegExp }[];

  constructor(entries: AllowEntry[]) {
    this.entries = entries.map((entry) => ({
      entry,
      rule: globToRegExp(entry.rule),
      path: entry.path ? globToRegExp(entry.path) : undefined,
      name: entry.name ? globToRegExp(entry.name) : undefined,
    }));
  }

  /** Reads and checks an allow-list file; `ruleIds` are the rules an entry may name. */
  static load(file: string, ruleIds: readonly string[]): AllowList {
    const raw = readYaml(file) ?? [];
    // Not a union: zod would then report "invalid input" instead of the entry and key at fault.
    const entries = Array.isArray(raw) ? parseInput(AllowListSchema, raw, file) : parseInput(AllowFileSchema, raw, file).allow;
    const issues: InputIssue[] = [];
    entries.forEach((e, i) => {
      const re = globToRegExp(e.rule);
      if (!ruleIds.some((id) => re.test(id)))
        issues.push({
          section: '',
          entry: i + 1,
          key: 'rule',
          message: `no rule matches "${e.rule}" (see "hostsweep rules")`,
          messageId: 'input.noSuchRule',
          data: { rule: e.rule },
        });
    });
    if (issues.length > 0) throw new InputError(file, issues);
    return new AllowList(entries);
  }

  matches(f: Finding): AllowEntry | null {
    for (const e of this.entries) {
      if (!e.rule.test(f.rule)) continue;
      if (e.path && !(f.path && e.path.test(f.path))) continue;
      if (e.name && !(f.process && e.name.test(f.process.name))) continue;
      if (e.entry.user && f.user !== e.entry.user) continue;
      if (e.entry.ip && f.ip !== e.entry.ip) continue;
      return e.entry;
    }
    return null;
  }
}
