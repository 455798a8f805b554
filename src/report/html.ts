import { createHash } from 'node:crypto';
import { shortTime } from '../analyze/timeline';
import type { Lang } from '../i18n/lang';
import { type ReportKey, rt, tacticName } from '../i18n/report-text';
import { severityName } from '../i18n/ui';
import { type Severity, severityRank } from '../model/finding';
import type { EntryPoint, Incident, IncidentReport, TimelineEvent, TimelineKind } from '../model/report';
import { escapeHtml as h } from './escape';
import { attackText, MAX_TIMELINE_ROWS, targetText } from './markdown';

// One self-contained HTML file: inline CSS (allowed by its hash in a strict Content-Security-Policy),
// an inline SVG timeline, no script, no external resource, printable. Every host value goes
// through escapeHtml; nothing from the host is ever placed in a URL, a style or an event handler.

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#fff;--crit:#b3123a;--high:#d4571c;--med:#c99a06;--low:#3a7bd5;--info:#8a94a6}
*{box-sizing:border-box}
body{font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:32px}h3{font-size:16px;margin:20px 0 6px}h4{font-size:14px;margin:14px 0 4px;color:var(--muted)}
.meta{color:var(--muted);margin:0 0 16px}
.summary{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.card b{display:block;font-size:12px;text-transform:uppercase;color:var(--muted);letter-spacing:.04em}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f4f6f9}
code,.ev{font:12px/1.45 ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;overflow-wrap:anywhere;white-space:pre-wrap}
ul.evidence{margin:4px 0 8px;padding-left:20px}
.sev{display:inline-block;min-width:64px;text-align:center;border-radius:3px;color:#fff;font-size:12px;padding:0 6px;font-weight:600}
.sev-critical{background:var(--crit)}.sev-high{background:var(--high)}.sev-medium{background:var(--med)}.sev-low{background:var(--low)}.sev-info{background:var(--info)}
.finding{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:4px;padding:8px 12px;margin:10px 0;break-inside:avoid}
.finding.critical{border-left-color:var(--crit)}.finding.high{border-left-color:var(--high)}.finding.medium{border-left-color:var(--med)}.finding.low{border-left-color:var(--low)}
.entry{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:#fbfbfd}
.basis{font-size:11px;border:1px solid var(--line);border-radius:3px;padding:0 4px;color:var(--muted);white-space:nowrap}
td.ids,td.when{white-space:nowrap}
.basis.inferred{border-style:dashed}
svg.tl{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fcfcfe}
svg.tl text{font-size:11px;fill:var(--muted)}
svg.tl .lane{stroke:var(--line)}
svg.tl .dot{stroke:#fff;stroke-width:1}
svg.tl .span{opacity:.35}
svg.tl .break{stroke:var(--muted);stroke-dasharray:3 3}
svg.tl .p-critical{fill:var(--crit)}svg.tl .p-high{fill:var(--high)}svg.tl .p-medium{fill:var(--med)}svg.tl .p-low{fill:var(--low)}svg.tl .p-none{fill:var(--info)}
.muted{color:var(--muted)}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-after:avoid}h3,h4{break-after:avoid}.finding,.entry,svg.tl,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{margin:14mm}
`;

const LANES: { key: ReportKey; kinds: TimelineKind[] }[] = [
  { key: 'laneAccess', kinds: ['auth.failed', 'auth.accepted', 'login.session', 'login.failed', 'account.changed'] },
  { key: 'laneWeb', kinds: ['web.request'] },
  { key: 'laneCommands', kinds: ['history.command', 'sudo.command'] },
  { key: 'laneFiles', kinds: ['file.modified', 'file.changed', 'cron.written', 'unit.written', 'key.written', 'package.changed'] },
  { key: 'laneProcesses', kinds: ['process.started'] },
  { key: 'laneFindings', kinds: ['finding'] },
];

function sevBadge(lang: Lang, s: Severity): string {
  return `<span class="sev sev-${s}">${h(severityName(lang, s))}</span>`;
}

/** The worst severity among the findings an event supports, for its colour. */
function eventSeverity(e: TimelineEvent, severities: Map<string, Severity>): string {
  let best: Severity | null = null;
  for (const id of e.findings) {
    const s = severities.get(id);
    if (s && (!best || severityRank(s) > severityRank(best))) best = s;
  }
  return best === null || best === 'info' ? 'none' : best;
}

/**
 * A time axis on which long quiet stretches are shortened: an old file time months before the
 * attack must not squeeze the attack's minutes into one pixel. Gaps longer than ten times the
 * median gap (at least a minute) count as that much; everything else is to scale.
 */
export function compressedScale(
  times: number[],
  from: number,
  to: number,
): { x: (t: number) => number; t: (x: number) => number; breaks: number[] } {
  const ts = [...new Set(times.filter((t) => !Number.isNaN(t)))].sort((a, b) => a - b);
  if (ts.length < 2) return { x: () => (from + to) / 2, t: () => ts[0] ?? 0, breaks: [] };
  const gaps = ts.slice(1).map((t, i) => t - ts[i]);
  const sorted = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  const cap = Math.max(60_000, 10 * (sorted[Math.floor((sorted.length - 1) / 2)] ?? 0));
  const cum = [0];
  gaps.forEach((g, i) => cum.push(cum[i] + Math.min(g, cap)));
  const total = Math.max(1, cum[cum.length - 1]);
  const px = (i: number) => from + (cum[i] / total) * (to - from);
  const x = (t: number) => {
    const i = ts.findIndex((v) => v >= t);
    if (i <= 0) return i === 0 ? px(0) : px(ts.length - 1);
    const frac = (t - ts[i - 1]) / (ts[i] - ts[i - 1]);
    return px(i - 1) + frac * (px(i) - px(i - 1));
  };
  const t = (p: number) => {
    for (let i = 1; i < ts.length; i++)
      if (p <= px(i)) return ts[i - 1] + ((p - px(i - 1)) / Math.max(1e-9, px(i) - px(i - 1))) * (ts[i] - ts[i - 1]);
    return ts[ts.length - 1];
  };
  const breaks = gaps.flatMap((g, i) => (g > cap ? [(px(i) + px(i + 1)) / 2] : []));
  return { x, t, breaks };
}

export function timelineSvg(lang: Lang, events: TimelineEvent[], severities: Map<string, Severity>, idPrefix: string): string {
  if (events.length === 0) return '';
  const W = 1000;
  const left = 130;
  const right = 20;
  const laneH = 34;
  const top = 14;
  const axis = 30;
  const lanes = LANES.filter((l) => events.some((e) => l.kinds.includes(e.kind)));
  const H = top + lanes.length * laneH + axis;
  const t0 = Math.min(...events.map((e) => Date.parse(e.time)));
  const t1 = Math.max(...events.map((e) => Date.parse(e.endTime ?? e.time)));
  const scale = compressedScale(
    events.flatMap((e) => [Date.parse(e.time), Date.parse(e.endTime ?? e.time)]),
    left,
    W - right,
  );
  const x = scale.x;
  const parts: string[] = [];
  parts.push(
    `<svg class="tl" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(
      rt(lang, 'svgTitle', {
        count: events.length,
        first: shortTime(new Date(t0).toISOString()),
        last: shortTime(new Date(t1).toISOString()),
      }),
    )}">`,
  );
  lanes.forEach((l, i) => {
    const y = top + i * laneH + laneH / 2;
    parts.push(`<line class="lane" x1="${left}" y1="${y}" x2="${W - right}" y2="${y}"/>`);
    parts.push(`<text x="8" y="${y + 4}">${h(rt(lang, l.key))}</text>`);
  });
  for (let k = 0; k <= 4; k++) {
    const px = left + ((W - left - right) * k) / 4;
    const anchor = k === 0 ? 'start' : k === 4 ? 'end' : 'middle';
    parts.push(
      `<text x="${px.toFixed(1)}" y="${H - 10}" text-anchor="${anchor}">${h(shortTime(new Date(scale.t(px)).toISOString()))}</text>`,
    );
  }
  // Where a long quiet stretch was shortened, a dashed line says the axis is broken there.
  for (const b of scale.breaks)
    parts.push(`<line class="break" x1="${b.toFixed(1)}" y1="${top - 4}" x2="${b.toFixed(1)}" y2="${H - axis + 4}"/>`);
  events.forEach((e, n) => {
    const lane = lanes.findIndex((l) => l.kinds.includes(e.kind));
    if (lane < 0) return;
    const y = top + lane * laneH + laneH / 2;
    const cls = `p-${eventSeverity(e, severities)}`;
    const cx = x(Date.parse(e.time));
    const tip = `<title>${h(`${shortTime(e.time)} ${e.summary}`)}</title>`;
    const link = n < MAX_TIMELINE_ROWS ? `#${idPrefix}-${n}` : null;
    const open = link ? `<a href="${link}">` : '<g>';
    const close = link ? '</a>' : '</g>';
    if (e.endTime && Date.parse(e.endTime) > Date.parse(e.time)) {
      const w = Math.max(2, x(Date.parse(e.endTime)) - cx);
      parts.push(
        `${open}<rect class="span ${cls}" x="${cx.toFixed(1)}" y="${y - 6}" width="${w.toFixed(1)}" height="12">${tip}</rect>${close}`,
      );
    }
    parts.push(`${open}<circle class="dot ${cls}" cx="${cx.toFixed(1)}" cy="${y}" r="5">${tip}</circle>${close}`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function timelineTable(lang: Lang, events: TimelineEvent[], idPrefix: string): string {
  if (events.length === 0) return `<p class="muted">${h(rt(lang, 'noTimeline'))}</p>`;
  const rows = events
    .slice(0, MAX_TIMELINE_ROWS)
    .map(
      (e, n) =>
        `<tr id="${idPrefix}-${n}"><td class="when">${h(shortTime(e.time))}</td><td>${h(e.summary)}</td><td><code>${h(e.source)}</code></td><td class="ids">${e.findings
          .map((id) => `<a href="#${h(id)}">${h(id)}</a>`)
          .join(' ')}</td></tr>`,
    )
    .join('');
  const more =
    events.length > MAX_TIMELINE_ROWS
      ? `<p class="muted">${h(rt(lang, 'moreEvents', { count: events.length - MAX_TIMELINE_ROWS }))}</p>`
      : '';
  return `<table><thead><tr><th>${h(rt(lang, 'colTime'))}</th><th>${h(rt(lang, 'colEvent'))}</th><th>${h(rt(lang, 'colSource'))}</th><th>${h(
    rt(lang, 'colFindings'),
  )}</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function entryHtml(lang: Lang, e: EntryPoint): string {
  const items = e.evidence
    .map(
      (ev) =>
        `<li><span class="basis ${ev.basis}">${h(rt(lang, ev.basis))}</span> ${h(ev.text)}${ev.findings
          .map((id) => ` <a href="#${h(id)}">${h(id)}</a>`)
          .join('')}</li>`,
    )
    .join('');
  return `<div class="entry"><strong>${h(e.summary)}</strong> — ${h(rt(lang, `confidence_${e.confidence}`))} (${e.score})<ul class="evidence">${items}</ul></div>`;
}

function incidentHtml(lang: Lang, i: Incident, severities: Map<string, Severity>): string {
  const out: string[] = [
    `<section id="${h(i.id)}"><h3>${sevBadge(lang, i.severity)} ${h(rt(lang, 'incident', { id: i.id, title: i.title }))}</h3>`,
  ];
  out.push(
    `<p class="muted">${h(shortTime(i.firstTime))} – ${h(shortTime(i.lastTime))} · ${i.findings.map((id) => `<a href="#${h(id)}">${h(id)}</a>`).join(' ')}${
      i.links.length ? ` · ${h(i.links.join('; '))}` : ''
    }</p>`,
  );
  out.push(`<h4>${h(rt(lang, 'hEntry'))}</h4>`);
  if (i.entryPoints.length === 0) out.push(`<p>${h(rt(lang, 'noEntry'))}</p>`);
  else {
    out.push(entryHtml(lang, i.entryPoints[0]));
    if (i.entryPoints.length > 1)
      out.push(
        `<p>${h(rt(lang, 'alternatives'))}</p><ol>${i.entryPoints
          .slice(1)
          .map((e) => `<li>${h(e.summary)} — ${h(rt(lang, `confidence_${e.confidence}`))} (${e.score})</li>`)
          .join('')}</ol>`,
      );
  }
  out.push(
    `<h4>${h(rt(lang, 'hChain'))}</h4><table><thead><tr><th>${h(rt(lang, 'colTactic'))}</th><th>${h(rt(lang, 'colWhat'))}</th><th>${h(
      rt(lang, 'colBasis'),
    )}</th><th>${h(rt(lang, 'colFindings'))}</th></tr></thead><tbody>`,
  );
  for (const c of i.chain)
    out.push(
      `<tr><td>${h(tacticName(lang, c.tactic))}<br><code>${h(c.techniques.join(', '))}</code></td><td>${h(c.summary)}</td><td><span class="basis ${c.basis}">${h(
        rt(lang, c.basis),
      )}</span></td><td class="ids">${c.findings.map((id) => `<a href="#${h(id)}">${h(id)}</a>`).join(' ')}</td></tr>`,
    );
  out.push('</tbody></table>');
  const prefix = `${i.id}-ev`;
  out.push(
    `<h4>${h(rt(lang, 'hTimeline'))}</h4>`,
    timelineSvg(lang, i.timeline, severities, prefix),
    timelineTable(lang, i.timeline, prefix),
    '</section>',
  );
  return out.join('\n');
}

export function renderHtml(r: IncidentReport): string {
  const { lang } = r;
  const severities = new Map(r.findings.map((f) => [f.id, f.severity]));
  const body: string[] = [];
  body.push(`<h1>${h(rt(lang, 'title', { host: r.host }))}</h1>`);
  body.push(
    `<p class="meta">${h(rt(lang, 'generated', { time: shortTime(r.generatedAt), target: targetText(r), scanned: shortTime(r.scannedAt) }))}</p>`,
  );
  body.push(`<h2>${h(rt(lang, 'hSummary'))}</h2><div class="summary">`);
  for (const [k, v] of [
    ['hWhat', r.summary.happened],
    ['hImpact', r.summary.impact],
    ['hStatus', r.summary.status],
  ] as const)
    body.push(`<div class="card"><b>${h(rt(lang, k))}</b>${h(v)}</div>`);
  body.push('</div>');
  if (!r.factsAvailable) body.push(`<p class="muted">${h(rt(lang, 'timelineFromFindings'))}</p>`);
  if (r.timeline.length > 0) body.push(`<h2>${h(rt(lang, 'hTimeline'))}</h2>`, timelineSvg(lang, r.timeline, severities, 'all-ev'));
  body.push(`<h2>${h(rt(lang, 'hIncidents'))}</h2>`);
  for (const i of r.incidents) body.push(incidentHtml(lang, i, severities));

  body.push(`<h2>${h(rt(lang, 'hFindings'))}</h2>`);
  for (const f of r.findings) {
    const evidence = [...f.evidence, ...(f.process ? [f.process.chain] : [])].map((e) => `<li class="ev">${h(e)}</li>`).join('');
    body.push(
      `<div class="finding ${f.severity}" id="${h(f.id)}"><h3>${sevBadge(lang, f.severity)} ${h(f.id)} ${h(f.title)}</h3><p>${h(f.detail)}</p>` +
        `<b>${h(rt(lang, 'evidence'))}</b><ul class="evidence">${evidence}</ul>` +
        `<p><b>${h(rt(lang, 'attack'))}</b>: ${h(f.attack.map(attackText).join(', ') || '—')}${f.time ? ` · ${h(shortTime(f.time))}` : ''}</p>` +
        `<p><b>${h(rt(lang, 'todo'))}</b>: ${h(f.action)}</p></div>`,
    );
  }
  if (r.actions.length > 0) {
    body.push(
      `<h2>${h(rt(lang, 'hActions'))}</h2><table><thead><tr><th>${h(rt(lang, 'colTime'))}</th><th>${h(rt(lang, 'colRun'))}</th><th>${h(
        rt(lang, 'colAction'),
      )}</th><th>${h(rt(lang, 'colPhase'))}</th></tr></thead><tbody>`,
    );
    for (const a of r.actions)
      body.push(
        `<tr><td>${h(shortTime(a.time))}</td><td><code>${h(a.runId)}</code> ${h(a.command)}</td><td>${h(a.summary)}</td><td>${h(a.phase)}</td></tr>`,
      );
    body.push('</tbody></table>');
  }
  body.push(`<h2>${h(rt(lang, 'hRemaining'))}</h2>`);
  if (r.remaining.length === 0) body.push(`<p>${h(rt(lang, 'nothingRemains'))}</p>`);
  else {
    const byId = new Map(r.findings.map((f) => [f.id, f]));
    body.push(
      `<ul>${r.remaining
        .map((id) => byId.get(id))
        .filter((f) => f !== undefined)
        .map((f) => `<li>${sevBadge(lang, f.severity)} <a href="#${h(f.id)}">${h(f.id)}</a> ${h(f.title)}</li>`)
        .join('')}</ul>`,
    );
  }
  if (r.recommendations.length > 0) {
    body.push(`<h2>${h(rt(lang, 'hRecommendations'))}</h2><ul>`);
    for (const c of r.recommendations)
      body.push(`<li>${sevBadge(lang, c.severity)} <strong>${h(c.title)}</strong><br>${h(rt(lang, 'fix'))}: <code>${h(c.fix)}</code></li>`);
    body.push('</ul>');
  }
  if (r.gaps.length > 0) {
    body.push(`<h2>${h(rt(lang, 'hGaps'))}</h2><ul>`);
    for (const g of r.gaps) body.push(`<li>${h(g.collector)}${g.path ? ` <code>${h(g.path)}</code>` : ''}: ${h(g.reason)}</li>`);
    body.push('</ul>');
  }
  const hash = createHash('sha256').update(CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(rt(lang, 'title', { host: r.host }))}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
