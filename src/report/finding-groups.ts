import type { Finding } from '../model/finding';

/** Findings of one rule at one severity: shown as one block in the terminal. */
export interface FindingGroup {
  rule: string;
  findings: Finding[];
}

/**
 * Groups findings by rule and severity, keeping the order they come in (worst first). A rule that
 * fires 243 times is one block to read, not 243; --json keeps every finding.
 */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.severity}\0${f.rule}`;
    const g = groups.get(key);
    if (g) g.findings.push(f);
    else groups.set(key, { rule: f.rule, findings: [f] });
  }
  return [...groups.values()];
}
