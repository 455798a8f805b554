import fs from 'node:fs';
import YAML from 'yaml';
import type { Finding } from '../model/finding';

/**
 * Site exceptions, kept by the user: a finding is suppressed when every field given in an
 * entry matches. Suppressed findings are counted, never silently dropped.
 *
 *   - rule: process/exe-in-tmp      # "*" or "family/*" allowed
 *     path: /tmp/build-agent/*      # glob with *
 *     reason: CI runner unpacks here
 */
export interface AllowEntry {
  rule: string;
  path?: string;
  user?: string;
  name?: string;
  ip?: string;
  reason?: string;
}

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

  static load(file: string): AllowList {
    const parsed: unknown = YAML.parse(fs.readFileSync(file, 'utf8')) ?? [];
    const list = Array.isArray(parsed) ? parsed : (parsed as { allow?: unknown }).allow;
    if (!Array.isArray(list)) throw new Error(`${file}: expected a list of allow entries`);
    list.forEach((e, i) => {
      if (!e || typeof e !== 'object' || typeof (e as AllowEntry).rule !== 'string') {
        throw new Error(`${file}: entry ${i + 1} needs a "rule"`);
      }
    });
    return new AllowList(list as AllowEntry[]);
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
