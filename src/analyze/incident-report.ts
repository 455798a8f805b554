import type { Lang } from '../i18n/lang';
import { rt } from '../i18n/report-text';
import type { Snapshot } from '../model/facts';
import { atLeast, type Finding, SEVERITIES, severityRank } from '../model/finding';
import {
  type ActionRecord,
  type Incident,
  type IncidentReport,
  REPORT_SCHEMA,
  type Recommendation,
  type ReportFinding,
  type TimelineEvent,
} from '../model/report';
import type { ScanResult } from '../model/scan-result';
import { findingRef } from '../respond/action';
import { attackChain, findingTactics } from './attack-chain';
import { correlate, findingIps, findingPaths } from './correlate';
import { findEntryPoints } from './entry-point';
import { extractIocs } from './iocs';
import { buildTimeline } from './timeline';

// Findings + facts + journal + hardening audit → one report document, which every renderer
// (Markdown, HTML, JSON, ECS, Timesketch, IOC) is a pure function of.

export interface ReportInput {
  result: ScanResult;
  /** The facts behind the scan; without them the timeline has only the findings' own times. */
  snapshot?: Snapshot;
  lang: Lang;
  /** Journaled contain/clean/harden steps for this target, with the finding refs they answered. */
  actions?: (ActionRecord & { answers?: string[] })[];
  recommendations?: Recommendation[];
  generatedAt?: Date;
}

export function withIds(findings: Finding[]): ReportFinding[] {
  const width = Math.max(3, String(findings.length).length);
  return findings.map((f, i) => ({ ...f, id: `F-${String(i + 1).padStart(width, '0')}`, tactics: findingTactics(f) }));
}

const LINK_KEYS = { ip: 'link_ip', path: 'link_path', dir: 'link_dir', user: 'link_user', pid: 'link_pid', window: 'link_window' } as const;

/** "ip:1.2.3.4" → "address 1.2.3.4" in the report language. */
function linkText(lang: Lang, link: string): string {
  const i = link.indexOf(':');
  const key = LINK_KEYS[link.slice(0, i) as keyof typeof LINK_KEYS];
  return key ? rt(lang, key, { value: link.slice(i + 1) }) : link;
}

function worst(fs: ReportFinding[]): ReportFinding['severity'] {
  return fs.reduce<ReportFinding['severity']>((w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w), 'info');
}

/** Context kept around an incident's own findings: what else happened on the host meanwhile. */
const CONTEXT_MS = 3600_000;

function incidentTimeline(all: TimelineEvent[], members: ReportFinding[], ips: Set<string>, paths: Set<string>): TimelineEvent[] {
  const ids = new Set(members.map((f) => f.id));
  const times = members
    .filter((f) => atLeast(f.severity, 'medium'))
    .flatMap((f) => (f.time ? [Date.parse(f.time)] : []))
    .filter((t) => !Number.isNaN(t));
  const from = times.length ? Math.min(...times) - CONTEXT_MS : Number.POSITIVE_INFINITY;
  const to = times.length ? Math.max(...times) + CONTEXT_MS : Number.NEGATIVE_INFINITY;
  return all.filter((e) => {
    if (e.findings.some((id) => ids.has(id)) || (e.ip && ips.has(e.ip)) || (e.path && paths.has(e.path))) return true;
    // Unlinked events inside the incident's window (an account made, a package installed, a sudo command) are context.
    const t = Date.parse(e.time);
    return e.findings.length === 0 && t >= from && t <= to;
  });
}

/** Days before the reference time in which medium findings alone still make an incident. */
const RECENT_DAYS = 30;

/**
 * High or critical findings make an incident; medium ones only when something happened recently.
 * A weak setting that has been there for months (PermitRootLogin yes) is a recommendation, not an
 * attack, and still appears among the findings.
 */
function isIncident(members: ReportFinding[], referenceTime: string): boolean {
  if (atLeast(worst(members), 'high')) return true;
  const from = Date.parse(referenceTime) - RECENT_DAYS * 86400_000;
  return members.some((f) => atLeast(f.severity, 'medium') && f.time !== undefined && Date.parse(f.time) >= from);
}

function buildIncidents(findings: ReportFinding[], timeline: TimelineEvent[], input: ReportInput): Incident[] {
  const { lang } = input;
  const facts = input.snapshot?.facts;
  const groups = correlate(findings)
    .map((g) => ({ ...g, members: findings.filter((f) => g.findings.includes(f.id)) }))
    .filter((g) => isIncident(g.members, input.result.referenceTime))
    .sort((a, b) => severityRank(worst(b.members)) - severityRank(worst(a.members)) || b.members.length - a.members.length);
  return groups.map((g, i) => {
    const ids = new Set(g.findings);
    const ips = new Set(g.members.flatMap(findingIps));
    const paths = new Set(g.members.flatMap(findingPaths));
    const users = new Set(g.members.flatMap((f) => [f.user, f.process?.user].filter((u): u is string => !!u && u !== '?')));
    const entryPoints = findEntryPoints(findings, ids, facts, lang, timeline);
    for (const e of entryPoints) if (e.ip) ips.add(e.ip);
    const events = incidentTimeline(timeline, g.members, ips, paths);
    const lead = [...g.members].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
    // Stamps after the reference time (an inode change made by copying the image) are not part of the incident.
    const until = Date.parse(input.result.referenceTime) + 60_000;
    const times = [...events.map((e) => e.time), ...g.members.flatMap((f) => (f.time ? [f.time] : []))]
      .filter((t) => !(Date.parse(t) > until))
      .sort();
    return {
      id: `I-${i + 1}`,
      title: rt(lang, 'incidentTitle', { what: lead.title, count: g.members.length }),
      severity: worst(g.members),
      firstTime: times[0],
      lastTime: times[times.length - 1],
      findings: g.findings,
      links: g.links.map((l) => linkText(lang, l)),
      entryPoints,
      chain: attackChain(g.members, entryPoints[0], lang),
      timeline: events,
      ips: [...ips].sort(),
      users: [...users].sort(),
      paths: [...paths].sort(),
    };
  });
}

function impacts(findings: ReportFinding[], lang: Lang): string[] {
  const serious = findings.filter((f) => atLeast(f.severity, 'medium'));
  const has = (pred: (f: ReportFinding) => boolean) => serious.some(pred);
  const out: string[] = [];
  if (has((f) => f.attack.includes('T1496'))) out.push(rt(lang, 'impactMining'));
  if (has((f) => f.attack.includes('T1498'))) out.push(rt(lang, 'impactFlood'));
  const persistence = serious.filter((f) => f.tactics.includes('persistence')).length;
  if (persistence > 0) out.push(rt(lang, 'impactPersistence', { count: persistence }));
  if (has((f) => ['account', 'sudoers', 'sshd_config', 'pam'].includes(f.category))) out.push(rt(lang, 'impactAccounts'));
  if (has((f) => ['rootkit', 'hidden_process', 'ld_preload'].includes(f.category))) out.push(rt(lang, 'impactHiding'));
  return out;
}

export function buildReport(input: ReportInput): IncidentReport {
  const { result, lang } = input;
  const findings = withIds(result.findings);
  const timeline = buildTimeline(findings, input.snapshot?.facts, lang, result.referenceTime);
  const incidents = buildIncidents(findings, timeline, input);
  const actions = (input.actions ?? []).map(({ answers: _a, ...a }) => a);
  // A finding is answered while an applied action for it has not been undone since.
  const answered = new Set<string>();
  for (const a of input.actions ?? [])
    for (const ref of a.answers ?? []) {
      if (a.phase === 'applied') answered.add(ref);
      else if (a.phase === 'undone') answered.delete(ref);
    }
  const remaining = findings.filter((f) => atLeast(f.severity, 'low') && !answered.has(findingRef(f))).map((f) => f.id);
  const count = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]));
  const main = incidents[0];
  const entry = main?.entryPoints[0];
  const happened =
    incidents.length === 0
      ? rt(lang, 'sumNothing', { host: result.host })
      : rt(lang, 'sumHappened', {
          host: result.host,
          incidents: incidents.length,
          findings: findings.length,
          critical: count.critical,
          high: count.high,
          story: entry
            ? rt(lang, 'sumStoryEntry', { entry: entry.summary, confidence: rt(lang, `confidence_${entry.confidence}`) })
            : rt(lang, 'sumStoryNoEntry'),
        });
  const imp = impacts(findings, lang);
  const applied = actions.filter((a) => a.phase === 'applied').length;
  const gapNote = result.gaps.length > 0 ? rt(lang, 'sumGaps', { gaps: result.gaps.length }) : '';
  const status =
    (applied === 0
      ? rt(lang, 'sumStatusNone')
      : rt(lang, 'sumStatusOpen', { remaining: remaining.length, findings: findings.length, actions: applied })) + gapNote;
  return {
    schema: REPORT_SCHEMA,
    lang,
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    host: result.host,
    target: result.target,
    scannedAt: result.startedAt,
    referenceTime: result.referenceTime,
    factsAvailable: input.snapshot !== undefined,
    summary: {
      happened,
      impact: imp.length > 0 ? rt(lang, 'sumImpact', { impacts: imp.join(lang === 'zh-CN' ? '；' : '; ') }) : rt(lang, 'sumImpactNone'),
      status,
    },
    incidents,
    findings,
    timeline,
    actions,
    remaining,
    recommendations: input.recommendations ?? [],
    iocs: extractIocs(
      findings,
      incidents.flatMap((i) => i.entryPoints),
      input.snapshot?.facts,
    ),
    gaps: result.gaps,
  };
}
