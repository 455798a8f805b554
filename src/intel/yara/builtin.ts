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
