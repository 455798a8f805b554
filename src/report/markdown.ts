import { techniqueName } from '../analyze/attack-chain';
import { shortTime } from '../analyze/timeline';
import type { Lang } from '../i18n/lang';
import { rt, tacticName } from '../i18n/report-text';
import { severityName } from '../i18n/ui';
import type { EntryPoint, Incident, IncidentReport, TimelineEvent } from '../model/report';
import { escapeMarkdown as md, markdownCode as code } from './escape';

// The incident report as Markdown: a pure function of the report document. Every value that came
// from the host goes through escapeMarkdown or a code span.

/** Rows per timeline table; the JSON report has them all. */
export const MAX_TIMELINE_ROWS = 200;

export function attackText(technique: string): string {
  const name = techniqueName(technique);
  return name ? `${technique} ${name}` : technique;
}

export function targetText(r: IncidentReport): string {
  return r.target.kind === 'live' ? rt(r.lang, 'targetLive') : rt(r.lang, 'targetImage', { root: r.target.root });
}

function timelineTable(lang: Lang, events: TimelineEvent[]): string[] {
  if (events.length === 0) return [rt(lang, 'noTimeline'), ''];
  const out = [
    `| ${rt(lang, 'colTime')} | ${rt(lang, 'colEvent')} | ${rt(lang, 'colSource')} | ${rt(lang, 'colFindings')} |`,
    '|---|---|---|---|',
  ];
  for (const e of events.slice(0, MAX_TIMELINE_ROWS))
    out.push(`| ${shortTime(e.time)} | ${md(e.summary)} | ${md(e.source)} | ${e.findings.join(', ')} |`);
  if (events.length > MAX_TIMELINE_ROWS) out.push('', rt(lang, 'moreEvents', { count: events.length - MAX_TIMELINE_ROWS }));
  out.push('');
  return out;
}

function entryBlock(lang: Lang, e: EntryPoint): string[] {
  const out = [`**${md(e.summary)}** — ${rt(lang, `confidence_${e.confidence}`)} (${e.score})`, ''];
  for (const ev of e.evidence) {
    const refs = ev.findings.length > 0 ? ` (${ev.findings.join(', ')})` : '';
    out.push(`- [${rt(lang, ev.basis)}] ${md(ev.text)}${refs}`);
  }
  out.push('');
  return out;
}

function incidentBlock(lang: Lang, i: Incident): string[] {
  const out = [`### ${md(rt(lang, 'incident', { id: i.id, title: i.title }))}`, ''];
  out.push(`${severityName(lang, i.severity)} · ${shortTime(i.firstTime)} – ${shortTime(i.lastTime)} · ${i.findings.join(', ')}`, '');
  if (i.links.length > 0) out.push(`> ${md(i.links.join('; '))}`, '');
  out.push(`#### ${rt(lang, 'hEntry')}`, '');
  if (i.entryPoints.length === 0) out.push(rt(lang, 'noEntry'), '');
  else {
    out.push(...entryBlock(lang, i.entryPoints[0]));
    if (i.entryPoints.length > 1) {
      out.push(rt(lang, 'alternatives'), '');
      i.entryPoints.slice(1).forEach((e, n) => {
        out.push(`${n + 1}. ${md(e.summary)} — ${rt(lang, `confidence_${e.confidence}`)} (${e.score})`);
      });
      out.push('');
    }
  }
  out.push(`#### ${rt(lang, 'hChain')}`, '');
  out.push(
    `| ${rt(lang, 'colTactic')} | ${rt(lang, 'colWhat')} | ${rt(lang, 'colBasis')} | ${rt(lang, 'colFindings')} |`,
    '|---|---|---|---|',
  );
  for (const c of i.chain)
    out.push(
      `| ${tacticName(lang, c.tactic)} (${c.techniques.join(', ')}) | ${md(c.summary)} | ${rt(lang, c.basis)} | ${c.findings.join(', ')} |`,
    );
  out.push('', `#### ${rt(lang, 'hTimeline')}`, '', ...timelineTable(lang, i.timeline));
  return out;
}

export function renderMarkdown(r: IncidentReport): string {
  const { lang } = r;
  const out: string[] = [
    `# ${md(rt(lang, 'title', { host: r.host }))}`,
    '',
    `_${md(rt(lang, 'generated', { time: shortTime(r.generatedAt), target: targetText(r), scanned: shortTime(r.scannedAt) }))}_`,
    '',
    `## ${rt(lang, 'hSummary')}`,
    '',
    `- **${rt(lang, 'hWhat')}**: ${md(r.summary.happened)}`,
    `- **${rt(lang, 'hImpact')}**: ${md(r.summary.impact)}`,
    `- **${rt(lang, 'hStatus')}**: ${md(r.summary.status)}`,
    '',
  ];
  if (!r.factsAvailable) out.push(`> ${rt(lang, 'timelineFromFindings')}`, '');
  out.push(`## ${rt(lang, 'hIncidents')}`, '');
  for (const i of r.incidents) out.push(...incidentBlock(lang, i));

  out.push(`## ${rt(lang, 'hFindings')}`, '');
  for (const f of r.findings) {
    out.push(`### ${f.id} ${severityName(lang, f.severity)}: ${md(f.title)}`, '');
    out.push(md(f.detail), '');
    out.push(`- **${rt(lang, 'evidence')}**:`);
    for (const e of f.evidence) out.push(`  - ${code(e)}`);
    if (f.process) out.push(`  - ${code(f.process.chain)}`);
    out.push(`- **${rt(lang, 'attack')}**: ${f.attack.map(attackText).join(', ') || '—'}${f.time ? ` · ${shortTime(f.time)}` : ''}`);
    out.push(`- **${rt(lang, 'todo')}**: ${md(f.action)}`, '');
  }

  if (r.actions.length > 0) {
    out.push(`## ${rt(lang, 'hActions')}`, '');
    out.push(
      `| ${rt(lang, 'colTime')} | ${rt(lang, 'colRun')} | ${rt(lang, 'colAction')} | ${rt(lang, 'colPhase')} |`,
      '|---|---|---|---|',
    );
    for (const a of r.actions) out.push(`| ${shortTime(a.time)} | ${md(a.runId)} (${md(a.command)}) | ${md(a.summary)} | ${md(a.phase)} |`);
    out.push('');
  }
  out.push(`## ${rt(lang, 'hRemaining')}`, '');
  if (r.remaining.length === 0) out.push(rt(lang, 'nothingRemains'), '');
  else {
    const byId = new Map(r.findings.map((f) => [f.id, f]));
    for (const id of r.remaining) {
      const f = byId.get(id);
      if (f) out.push(`- ${id} ${severityName(lang, f.severity)}: ${md(f.title)}`);
    }
    out.push('');
  }
  if (r.recommendations.length > 0) {
    out.push(`## ${rt(lang, 'hRecommendations')}`, '');
    for (const c of r.recommendations)
      out.push(`- **${md(c.title)}** (${severityName(lang, c.severity)}) — ${rt(lang, 'fix')}: ${md(c.fix)}`);
    out.push('');
  }
  if (r.gaps.length > 0) {
    out.push(`## ${rt(lang, 'hGaps')}`, '');
    for (const g of r.gaps) out.push(`- ${md(g.collector)}${g.path ? ` ${code(g.path)}` : ''}: ${md(g.reason)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}`;
}
