import type { IncidentReport } from '../model/report';
import { csvCell } from './escape';

// A CSV Timesketch imports as a timeline: the required message, datetime and timestamp_desc
// columns, then fields to filter on. Every cell is CSV-escaped and made formula-safe.

export const TIMESKETCH_COLUMNS = [
  'message',
  'datetime',
  'timestamp_desc',
  'kind',
  'source',
  'severity',
  'rule',
  'finding_ids',
  'incident_id',
  'ip',
  'user',
  'path',
  'pid',
  'attack',
] as const;

const DESCRIPTIONS: Record<string, string> = {
  'auth.failed': 'First failed login',
  'login.failed': 'First failed login',
  'auth.accepted': 'Login',
  'login.session': 'Login',
  'web.request': 'First request',
  'file.modified': 'Content Modification Time',
  'file.changed': 'Metadata Modification Time',
  'cron.written': 'Content Modification Time',
  'unit.written': 'Content Modification Time',
  'key.written': 'Content Modification Time',
  'process.started': 'Process Start Time',
  'history.command': 'Command Time',
  'sudo.command': 'Command Time',
  'account.changed': 'Account Change Time',
  'package.changed': 'Package Change Time',
  finding: 'Finding Time',
};

export function renderTimesketch(r: IncidentReport): string {
  const byId = new Map(r.findings.map((f) => [f.id, f]));
  const rows: string[][] = [];
  const incidentOf = (ids: string[]) =>
    r.incidents
      .filter((i) => i.findings.some((f) => ids.includes(f)))
      .map((i) => i.id)
      .join(',');
  for (const e of r.timeline) {
    const fs = e.findings.map((id) => byId.get(id)).filter((f) => f !== undefined);
    rows.push([
      e.summary,
      e.time,
      DESCRIPTIONS[e.kind] ?? 'Event Time',
      e.kind,
      e.source,
      fs[0]?.severity ?? '',
      [...new Set(fs.map((f) => f.rule))].join(','),
      e.findings.join(','),
      incidentOf(e.findings),
      e.ip ?? '',
      e.user ?? '',
      e.path ?? '',
      e.pid !== undefined ? String(e.pid) : '',
      [...new Set(fs.flatMap((f) => f.attack))].join(','),
    ]);
  }
  const header = TIMESKETCH_COLUMNS.join(',');
  return `${[header, ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n')}\r\n`;
}
