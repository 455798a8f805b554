import type { Intel } from '../intel/intel';
import type { Lang } from '../i18n/lang';
import type { PhraseValue } from '../i18n/phrases';
import type { Category, Severity } from '../model/finding';
import type { FactName, Snapshot } from '../model/facts';

export interface MessageText {
  title: string;
  /** Why it matters. */
  detail: string;
  /** What to do next. */
  action: string;
}

export type Messages = Record<string, Record<Lang, MessageText>>;

/** Sigma-style header, ESLint-style messages. Checked by test/rule-meta.test.ts. */
export interface RuleMeta {
  /** "family/kebab-name", equal to the file path under src/rules without extension. */
  id: string;
  category: Category;
  severity: Severity;
  /** ATT&CK technique ids ("T1496", "T1053.003"). */
  attack: string[];
  status: 'stable' | 'experimental';
  description: string;
  falsePositives: string[];
  references?: string[];
  /** Facts the rule reads; it is skipped (not run on empty data) when one is unavailable. */
  uses: FactName[];
  messages: Messages;
}

export interface Report {
  messageId: string;
  /** Placeholder values: the target's data as plain strings, composed wording as phrases. */
  data?: Record<string, PhraseValue>;
  severity?: Severity;
  /** Quoted lines and values as plain strings; labels and verdicts as phrases. */
  evidence: PhraseValue[];
  path?: string;
  pid?: number;
  user?: string;
  ip?: string;
  time?: string;
  /** ATT&CK ids of this finding when narrower than the rule's (a content rule's own). */
  attack?: string[];
  /**
   * A finding that yields to a more specific rule: when a finding of one of `rules` names the
   * same file, this one is not shown on its own; its `evidence` (the quoted text) is added to
   * that finding, whose severity becomes the higher of the two. A rule id ending in "/" names
   * its whole family.
   */
  defer?: { rules: readonly string[]; evidence: PhraseValue[] };
}

export interface RuleContext {
  snapshot: Snapshot;
  intel: Intel;
  /** The reference "now" for recency checks. */
  now: Date;
  /** Things changed at or after this are "recent" (--since; default a week before now). */
  since: Date;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
