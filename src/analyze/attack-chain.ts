import type { Lang } from '../i18n/lang';
import { rt } from '../i18n/report-text';
import attack from '../intel/attack.json';
import type { ChainStep, EntryPoint, ReportFinding, Tactic } from '../model/report';
import { TACTICS } from '../model/report';

// initial access → execution → persistence → … → impact, from the ATT&CK tactics of each finding's
// techniques. A finding sits under the first tactic of its first technique, so it appears once.

const TECHNIQUES = attack.techniques as Record<string, { name: string; tactics: string[] }>;

export function tacticsOf(technique: string): Tactic[] {
  const t = TECHNIQUES[technique] ?? TECHNIQUES[technique.split('.')[0]];
  return (t?.tactics ?? []).filter((x): x is Tactic => (TACTICS as readonly string[]).includes(x));
}

export function techniqueName(technique: string): string | undefined {
  return (TECHNIQUES[technique] ?? TECHNIQUES[technique.split('.')[0]])?.name;
}

/** All tactics of a finding's techniques, in matrix order. */
export function findingTactics(f: { attack: string[] }): Tactic[] {
  const set = new Set(f.attack.flatMap(tacticsOf));
  return TACTICS.filter((t) => set.has(t));
}

function primaryTactic(f: ReportFinding): Tactic | undefined {
  for (const t of f.attack) {
    const first = tacticsOf(t)[0];
    if (first) return first;
  }
  return undefined;
}

export function attackChain(findings: ReportFinding[], entry: EntryPoint | undefined, lang: Lang): ChainStep[] {
  const by = new Map<Tactic, ReportFinding[]>();
  for (const f of findings) {
    const t = primaryTactic(f);
    if (t) by.set(t, [...(by.get(t) ?? []), f]);
  }
  const steps: ChainStep[] = [];
  for (const tactic of TACTICS) {
    const fs = by.get(tactic) ?? [];
    if (tactic === 'initial-access' && fs.length === 0 && entry) {
      steps.push({
        tactic,
        techniques: entry.kind === 'webshell' || entry.kind === 'web-exploit' ? ['T1190'] : ['T1078', 'T1110.001'],
        findings: [],
        firstTime: entry.time,
        basis: 'inferred',
        summary: rt(lang, 'chainInferredAccess', { summary: entry.summary }),
      });
      continue;
    }
    if (fs.length === 0) continue;
    const times = fs.flatMap((f) => (f.time ? [f.time] : [])).sort();
    steps.push({
      tactic,
      techniques: [...new Set(fs.flatMap((f) => f.attack))].sort(),
      findings: fs.map((f) => f.id),
      firstTime: times[0],
      basis: 'seen',
      summary: rt(lang, 'chainSeen', {
        count: fs.length,
        titles: fs
          .slice(0, 3)
          .map((f) => f.title)
          .join('; '),
      }),
    });
  }
  return steps;
}
