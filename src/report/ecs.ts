import { techniqueName } from '../analyze/attack-chain';
import type { Severity } from '../model/finding';
import type { IncidentReport, ReportFinding, TimelineEvent, TimelineKind } from '../model/report';

// NDJSON with Elastic Common Schema field names, for Elasticsearch, OpenSearch and Wazuh: one
// document per finding (event.kind "alert") and one per timeline event (event.kind "event").
// Values are JSON-encoded, so host text cannot break a line or a field.

export const ECS_VERSION = '8.11.0';

/** ECS event.severity as Elastic Security scores it (low 21, medium 47, high 73, critical 99). */
const SEVERITY_SCORE: Record<Severity, number> = { critical: 99, high: 73, medium: 47, low: 21, info: 0 };

const CATEGORY: Record<TimelineKind, { category: string[]; type: string[]; outcome?: string }> = {
  'auth.failed': { category: ['authentication'], type: ['start'], outcome: 'failure' },
  'auth.accepted': { category: ['authentication', 'session'], type: ['start'], outcome: 'success' },
  'login.session': { category: ['session'], type: ['start'], outcome: 'success' },
  'login.failed': { category: ['authentication'], type: ['start'], outcome: 'failure' },
  'web.request': { category: ['web'], type: ['access'] },
  'file.modified': { category: ['file'], type: ['change'] },
  'file.changed': { category: ['file'], type: ['change'] },
  'cron.written': { category: ['file', 'configuration'], type: ['change'] },
  'unit.written': { category: ['file', 'configuration'], type: ['change'] },
  'key.written': { category: ['file', 'iam'], type: ['change'] },
  'process.started': { category: ['process'], type: ['start'] },
  'history.command': { category: ['process'], type: ['info'] },
  'sudo.command': { category: ['process'], type: ['start'] },
  'account.changed': { category: ['iam'], type: ['change', 'user'] },
  'package.changed': { category: ['package'], type: ['installation'] },
  finding: { category: ['intrusion_detection'], type: ['indicator'] },
};

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:]+:[0-9a-f:.]*$/i;

/** source.ip is an ip-typed field in Elasticsearch: only a real address may go there. */
function ipOrUndefined(ip: string | undefined): string | undefined {
  return ip && (IPV4.test(ip) ? ip.split('.').every((o) => Number(o) <= 255) : IPV6.test(ip)) ? ip : undefined;
}

function fileFields(path: string | undefined) {
  if (!path || !path.startsWith('/')) return undefined;
  const i = path.lastIndexOf('/');
  return { path, name: path.slice(i + 1), directory: path.slice(0, i) || '/' };
}

function threat(attack: string[]) {
  if (attack.length === 0) return undefined;
  return {
    framework: 'MITRE ATT&CK',
    technique: { id: attack, name: attack.map((t) => techniqueName(t) ?? t) },
  };
}

function base(r: IncidentReport) {
  return {
    host: { name: r.host, hostname: r.host },
    observer: { product: 'hostsweep', type: 'scanner' },
    ecs: { version: ECS_VERSION },
  };
}

function incidentsOf(r: IncidentReport, ids: string[]): string[] {
  return r.incidents.filter((i) => i.findings.some((f) => ids.includes(f))).map((i) => i.id);
}

function findingDoc(r: IncidentReport, f: ReportFinding) {
  const incident = incidentsOf(r, [f.id]);
  return {
    '@timestamp': f.time ?? r.scannedAt,
    message: f.title,
    event: {
      kind: 'alert',
      category: ['intrusion_detection'],
      type: ['indicator'],
      action: f.rule,
      id: f.id,
      severity: SEVERITY_SCORE[f.severity],
      reason: f.detail,
      module: 'hostsweep',
      dataset: 'hostsweep.finding',
      created: r.generatedAt,
    },
    ...base(r),
    rule: { id: f.rule, name: f.title, category: f.category },
    ...(f.process
      ? {
          process: {
            pid: f.process.pid,
            name: f.process.name,
            executable: f.process.exe ?? undefined,
            command_line: f.process.cmdline,
            start: f.process.startedAt ?? undefined,
          },
        }
      : f.pid !== undefined
        ? { process: { pid: f.pid } }
        : {}),
    ...(fileFields(f.path) ? { file: fileFields(f.path) } : {}),
    ...(ipOrUndefined(f.ip) ? { source: { ip: f.ip } } : {}),
    ...(f.user ? { user: { name: f.user } } : {}),
    ...(threat(f.attack) ? { threat: threat(f.attack) } : {}),
    labels: { severity: f.severity, ...(incident.length ? { incident_id: incident.join(',') } : {}) },
    hostsweep: { evidence: f.evidence, action: f.action },
  };
}

function eventDoc(r: IncidentReport, e: TimelineEvent, n: number) {
  const c = CATEGORY[e.kind];
  const attack = [...new Set(r.findings.filter((f) => e.findings.includes(f.id)).flatMap((f) => f.attack))];
  const incident = incidentsOf(r, e.findings);
  return {
    '@timestamp': e.time,
    message: e.summary,
    event: {
      kind: 'event',
      category: c.category,
      type: c.type,
      action: e.kind,
      ...(c.outcome ? { outcome: c.outcome } : {}),
      id: `E-${n + 1}`,
      module: 'hostsweep',
      dataset: 'hostsweep.timeline',
      created: r.generatedAt,
      ...(e.endTime ? { start: e.time, end: e.endTime } : {}),
    },
    ...base(r),
    ...(e.pid !== undefined ? { process: { pid: e.pid, ...(e.path ? { executable: e.path } : {}) } } : {}),
    ...(e.pid === undefined && fileFields(e.path) ? { file: fileFields(e.path) } : {}),
    ...(ipOrUndefined(e.ip) ? { source: { ip: e.ip } } : {}),
    ...(e.user ? { user: { name: e.user } } : {}),
    ...(threat(attack) ? { threat: threat(attack) } : {}),
    log: { file: { path: e.source } },
    labels: { finding_ids: e.findings.join(','), ...(incident.length ? { incident_id: incident.join(',') } : {}) },
  };
}

export function renderEcs(r: IncidentReport): string {
  const docs = [...r.findings.map((f) => findingDoc(r, f)), ...r.timeline.map((e, n) => eventDoc(r, e, n))];
  return docs.map((d) => `${JSON.stringify(d)}\n`).join('');
}
