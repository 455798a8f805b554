import { ruleTexts } from './rule-texts';

export interface RuleSource {
  /** Where the rules came from, for error messages ("hostsweep.yar", "/root/rules/x.yar"). */
  file: string;
  source: string;
}

/** hostsweep's own YARA rules (the .yar files in this directory). */
export function builtinRuleSources(): RuleSource[] {
  return ruleTexts();
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
