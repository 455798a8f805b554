import pc from 'picocolors';
import { format, type Lang } from '../i18n/lang';
import { severityName, ui, uiCount } from '../i18n/ui';
import { atLeast, SEVERITIES, type Finding, type Severity } from '../model/finding';
import type { ScanResult } from '../model/scan-result';
import { humanRate } from '../rules/network/egress-flood';
import { renderGaps, renderIncompleteBanner } from './incomplete';
import { type FindingGroup, groupFindings } from './finding-groups';
import { safeText } from './sanitize';

export interface TerminalOptions {
  lang: Lang;
  color: boolean;
  minSeverity: Severity;
}

type Paint = (s: string) => string;

const MAX_LINE = 400;

/** A rule firing more often than this shows its first finding in full and the others by title. */
const GROUP_AT = 3;
/** Titles listed under a grouped finding before "… and N more". */
const GROUP_LISTED = 5;

/** Command lines can be megabytes; the terminal shows the start, --json has everything. */
function clip(s: string): string {
  return s.length > MAX_LINE ? `${s.slice(0, MAX_LINE)}… (+${s.length - MAX_LINE})` : s;
}

function painter(color: boolean) {
  const c = pc.createColors(color);
  const sev: Record<Severity, Paint> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  return { c, sev };
}

function renderFinding(f: Finding, o: TerminalOptions, paint: ReturnType<typeof painter>, others = 0): string[] {
  const { c, sev } = paint;
  const t = (k: Parameters<typeof ui>[1]) => ui(o.lang, k);
  const title = others > 0 ? format(uiCount(o.lang, 'groupTitle', others), { title: f.title, count: others }) : f.title;
  const lines = [
    `${sev[f.severity](`[${severityName(o.lang, f.severity)}]`)} ${c.bold(safeText(title))}  ${c.dim(`${f.rule} ${f.attack.join(',')}`)}`,
  ];
  for (const e of f.evidence) lines.push(`    ${c.dim(`${t('evidence')}:`)} ${clip(safeText(e))}`);
  if (f.process) {
    const started = f.process.startedAt ? `, ${t('started')} ${f.process.startedAt}` : '';
    lines.push(`    ${c.dim(`${t('chain')}:`)} ${safeText(f.process.chain)}${started}`);
  }
  lines.push(`    ${c.dim(`${t('why')}:`)} ${safeText(f.detail)}`);
  lines.push(`    ${c.green(`${t('todo')}:`)} ${safeText(f.action)}`);
  return lines;
}

/** One rule's findings: the first in full, then the next few by title, then how many more. */
function renderGroup(g: FindingGroup, o: TerminalOptions, paint: ReturnType<typeof painter>): string[] {
  if (g.findings.length < GROUP_AT) return g.findings.flatMap((f) => [...renderFinding(f, o, paint), '']);
  const [first, ...rest] = g.findings;
  const lines = renderFinding(first, o, paint, rest.length);
  for (const f of rest.slice(0, GROUP_LISTED)) lines.push(`    ${paint.c.dim('•')} ${clip(safeText(f.title))}`);
  const more = rest.length - GROUP_LISTED;
  if (more > 0) lines.push(`    ${paint.c.dim(format(uiCount(o.lang, 'groupMore', more), { count: more, total: g.findings.length }))}`);
  return [...lines, ''];
}

/** The first few names of a list, and how many more there are. */
function listSome(names: string[], shown = 3): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} (+${names.length - shown})`;
}

export function renderTerminal(r: ScanResult, o: TerminalOptions): string {
  const paint = painter(o.color);
  const { c } = paint;
  const t = (k: Parameters<typeof ui>[1]) => ui(o.lang, k);
  const out: string[] = [];
  const target = r.target.kind === 'live' ? t('live') : format(t('image'), { root: r.target.root });
  const host = r.host === 'unknown' ? t('unknownHost') : r.host;
  out.push(c.bold(format(t('scanOf'), { host: safeText(host), target: safeText(target) })), '');
  out.push(...renderIncompleteBanner(r, o.lang, c));

  const shown = r.findings.filter((f) => atLeast(f.severity, o.minSeverity));
  if (shown.length === 0) {
    const floor = severityName(o.lang, o.minSeverity);
    out.push(r.complete ? c.green(format(t('clean'), { floor })) : c.yellow(format(t('noneSeen'), { floor })), '');
  }
  for (const s of SEVERITIES) {
    for (const g of groupFindings(shown.filter((x) => x.severity === s))) out.push(...renderGroup(g, o, paint));
  }
  const hiddenCount = r.findings.length - shown.length;
  if (hiddenCount > 0) {
    const below = SEVERITIES.find((s) => !atLeast(s, o.minSeverity) && r.findings.some((f) => f.severity === s)) ?? 'low';
    out.push(
      c.dim(
        format(uiCount(o.lang, 'hidden', hiddenCount), { count: hiddenCount, floor: severityName(o.lang, o.minSeverity), severity: below }),
      ),
      '',
    );
  }

  if (r.top.cpu.length > 0) {
    out.push(c.bold(format(t('topCpu'), { window: r.stats.sampleWindowMs })));
    for (const p of r.top.cpu)
      out.push(
        `  ${String(p.cpuPercent).padStart(6)}%  ${String(p.pid).padStart(7)}  ${safeText(p.name)}  ${c.dim(safeText(p.exe ?? ''))}`,
      );
    out.push('');
  }
  if (r.top.senders.length > 0) {
    out.push(c.bold(format(t('topSenders'), { method: r.stats.trafficMethod ?? '' })));
    for (const s of r.top.senders) {
      out.push(
        `  ${humanRate(s.bytesPerSec).padStart(14)}  ${String(s.packetsPerSec).padStart(8)} pkt/s  ${String(Math.round(s.share * 100)).padStart(3)}%  ${String(s.pid).padStart(7)}  ${safeText(s.name)}`,
      );
    }
    out.push('');
  }
  if (r.stats.suppressed > 0) out.push(c.dim(format(uiCount(o.lang, 'suppressed', r.stats.suppressed), { count: r.stats.suppressed })));
  if (r.stats.rulesSkipped.length > 0)
    out.push(
      c.dim(
        format(uiCount(o.lang, 'skipped', r.stats.rulesSkipped.length), {
          count: r.stats.rulesSkipped.length,
          rules: listSome(r.stats.rulesSkipped),
        }),
      ),
    );
  out.push(...renderGaps(r, o.lang, c));
  out.push(format(t('summary'), { ...r.stats.bySeverity, ms: r.durationMs }));
  return `${out.join('\n')}\n`;
}
