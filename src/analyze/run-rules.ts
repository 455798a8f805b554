import type { Intel } from '../intel/intel';
import { format, type Lang } from '../i18n/lang';
import { type Finding, severityRank } from '../model/finding';
import type { Snapshot } from '../model/facts';
import type { Rule } from '../rules/rule';
import type { AllowList } from './allowlist';
import { pathSpellings } from '../model/path-name';
import { commandLine, processByPid, processChain, userName } from './facts-index';
import { judgeLockedFiles } from './locked-files';

export interface RuleRunResult {
  findings: Finding[];
  suppressed: { rule: string; reason: string }[];
  /** Rules that could not run because a fact they need is missing (e.g. processes offline). */
  skipped: string[];
  errors: { rule: string; error: string }[];
}

export interface RunOptions {
  intel: Intel;
  lang: Lang;
  allow?: AllowList;
  /** Start of the "recent" window; default DEFAULT_WINDOW_DAYS before the reference time. */
  since?: Date;
}

export const DEFAULT_WINDOW_DAYS = 7;

export function runRules(snapshot: Snapshot, rules: Rule[], { intel, lang, allow, since }: RunOptions): RuleRunResult {
  const result: RuleRunResult = { findings: [], suppressed: [], skipped: [], errors: [] };
  const now = new Date(snapshot.referenceTime);
  const commandPhrases: [string, string][] = intel.commands.patterns.filter((p) => p.zh).map((p) => [p.description, p.zh as string]);
  const windowStart = since ?? new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86400_000);
  const deferred: { finding: Finding; rules: readonly string[]; evidence: string[] }[] = [];
  for (const rule of rules) {
    const { meta } = rule;
    const phrases = lang === 'zh-CN' ? new Map(commandPhrases) : undefined;
    if (meta.uses.some((f) => snapshot.facts[f] === undefined)) {
      result.skipped.push(meta.id);
      continue;
    }
    try {
      rule.check({
        snapshot,
        intel,
        now,
        since: windowStart,
        report(r) {
          const msg = meta.messages[r.messageId]?.[lang];
          if (!msg) throw new Error(`unknown messageId "${r.messageId}"`);
          const data = r.data ?? {};
          const f: Finding = {
            rule: meta.id,
            severity: r.severity ?? meta.severity,
            category: meta.category,
            title: format(msg.title, data, phrases, lang),
            detail: format(msg.detail, data, phrases, lang),
            action: format(msg.action, data, phrases, lang),
            evidence: r.evidence.map((e) => (typeof e === 'string' ? e : format('{e}', { e }, phrases, lang))),
            attack: r.attack ?? meta.attack,
          };
          if (r.path !== undefined) f.path = r.path;
          if (r.user !== undefined) f.user = r.user;
          if (r.ip !== undefined) f.ip = r.ip;
          if (r.time !== undefined) f.time = r.time;
          if (r.pid !== undefined) {
            f.pid = r.pid;
            const p = processByPid(snapshot, r.pid);
            if (p) {
              f.user ??= userName(snapshot, p.uid);
              f.time ??= p.startedAt ?? undefined;
              f.process = {
                pid: p.pid,
                name: p.name,
                exe: p.exe,
                cmdline: commandLine(p),
                user: userName(snapshot, p.uid),
                startedAt: p.startedAt,
                chain: processChain(snapshot, p.pid),
              };
            }
          }
          const allowed = allow?.matches(f);
          if (allowed) result.suppressed.push({ rule: f.rule, reason: allowed.reason ?? 'allow-list' });
          else {
            result.findings.push(f);
            if (r.defer && f.path !== undefined)
              deferred.push({
                finding: f,
                rules: r.defer.rules,
                evidence: r.defer.evidence.map((e) => (typeof e === 'string' ? e : format('{e}', { e }, phrases, lang))),
              });
          }
        },
      });
    } catch (e) {
      result.errors.push({ rule: meta.id, error: (e as Error).message });
    }
  }
  foldDeferred(result.findings, deferred);
  judgeLockedFiles(result.findings, snapshot, lang);
  result.findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.rule.localeCompare(b.rule));
  return result;
}

/**
 * One file, one alarm: a finding that defers (see Report.defer) is folded into the most severe
 * finding of a rule it defers to that names the same file, in any of its spellings.
 */
function foldDeferred(findings: Finding[], deferred: { finding: Finding; rules: readonly string[]; evidence: string[] }[]): void {
  if (deferred.length === 0) return;
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.path === undefined) continue;
    for (const p of pathSpellings(f.path)) byPath.set(p, [...(byPath.get(p) ?? []), f]);
  }
  const folded = new Set<Finding>();
  const deferring = new Map(deferred.map((d) => [d.finding, d]));
  for (const d of deferred) {
    const target = (byPath.get(d.finding.path as string) ?? [])
      .filter((g) => g !== d.finding && !folded.has(g) && d.rules.some((r) => (r.endsWith('/') ? g.rule.startsWith(r) : g.rule === r)))
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
    if (!target) continue;
    // A target that defers in turn passes on what it received.
    const onward = deferring.get(target);
    for (const e of d.evidence)
      if (!target.evidence.includes(e)) {
        target.evidence.push(e);
        onward?.evidence.push(e);
      }
    if (severityRank(d.finding.severity) > severityRank(target.severity)) target.severity = d.finding.severity;
    target.attack = [...new Set([...target.attack, ...d.finding.attack])];
    folded.add(d.finding);
  }
  for (let i = findings.length - 1; i >= 0; i--) if (folded.has(findings[i])) findings.splice(i, 1);
}
