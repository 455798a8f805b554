import type { IncidentReport } from '../model/report';
import { safeText } from './sanitize';

// A plain indicator list for other teams: one "type<TAB>value<TAB>findings<TAB>context" line each,
// comment lines start with #. Values are single-line and free of control characters.

function clean(s: string): string {
  return safeText(s.replace(/[\t\r\n]/g, ' '));
}

export function renderIoc(r: IncidentReport): string {
  const lines = [
    `# hostsweep indicators: ${clean(r.host)} (${r.target.kind}), scanned ${r.scannedAt}, report ${r.generatedAt}`,
    '# type\tvalue\tfindings\tcontext',
  ];
  const groups = [
    ['sha256', r.iocs.sha256],
    ['ip', r.iocs.ips],
    ['domain', r.iocs.domains],
    ['path', r.iocs.paths],
  ] as const;
  for (const [type, list] of groups)
    for (const i of list) lines.push([type, clean(i.value), i.findings.join(','), clean(i.context ?? '')].join('\t').replace(/\t+$/, ''));
  return `${lines.join('\n')}\n`;
}
