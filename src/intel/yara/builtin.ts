import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface RuleSource {
  /** Where the rules came from, for error messages ("hostsweep.yar", "/root/rules/x.yar"). */
  file: string;
  source: string;
}

/**
 * hostsweep's own YARA rules (the .yar files beside this module). The build replaces this body
 * with the files' text (scripts/esbuild-plugins.mjs), so a bundle or single executable needs no
 * files beside it.
 */
export function builtinRuleSources(): RuleSource[] {
  const dir = import.meta.dirname;
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yar'))
    .sort()
    .map((n) => ({ file: n, source: readFileSync(path.join(dir, n), 'utf8') }));
}

/** English description → zh-CN wording of every built-in rule (their `description` and `zh` meta). */
export function builtinRuleTranslations(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { source } of builtinRuleSources()) {
    for (const block of source.split(/^rule\s+/m).slice(1)) {
      const en = /^\s*description\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(block)?.[1];
      const zh = /^\s*zh\s*=\s*"((?:[^"\\]|\\.)*)"/m.exec(block)?.[1];
      if (en && zh) out[en] = zh;
    }
  }
  return out;
}
