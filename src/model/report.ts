import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from './finding';

// The incident report document (public contract, docs/report.schema.json). The zod schema is the
// single definition: TypeScript types are inferred from it and the published JSON Schema is
// generated from it, so the three cannot drift apart.

export const REPORT_SCHEMA = 'hostsweep/report@1';

const iso = z.string().describe('ISO-8601 time, UTC');

export const ReportFindingSchema = z.object({
  id: z.string().describe('Stable within one report: F-001, F-002 … in scan order'),
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  title: z.string(),
  detail: z.string(),
  action: z.string(),
  path: z.string().optional(),
  pid: z.number().int().optional(),
  user: z.string().optional(),
  ip: z.string().optional(),
  evidence: z.array(z.string()),
  attack: z.array(z.string()),
  tactics: z.array(z.string()).describe('ATT&CK tactics of the techniques (initial-access, execution, persistence, …)'),
  time: iso.optional(),
  process: z
    .object({
      pid: z.number().int(),
      name: z.string(),
      exe: z.string().nullable(),
      cmdline: z.string(),
      user: z.string(),
      startedAt: z.string().nullable(),
      chain: z.string(),
    })
    .optional(),
  remediation: z.array(z.string()).optional(),
});

export const TIMELINE_KINDS = [
  'auth.failed',
  'auth.accepted',
  'login.session',
  'login.failed',
  'web.request',
  'file.modified',
  'file.changed',
  'process.started',
  'cron.written',
  'unit.written',
  'key.written',
  'history.command',
  'sudo.command',
  'account.changed',
  'package.changed',
  'finding',
] as const;

export const TimelineEventSchema = z.object({
  time: iso,
  endTime: iso.optional().describe('For a burst (many failed logins): the last one'),
  kind: z.enum(TIMELINE_KINDS),
  summary: z.string().describe('One line in the report language; host text inside is attacker-controlled'),
  source: z.string().describe('Where the time comes from: a log file, wtmp, a file mtime, /proc'),
  findings: z.array(z.string()).describe('Ids of the findings this event supports'),
  ip: z.string().optional(),
  user: z.string().optional(),
  path: z.string().optional(),
  pid: z.number().int().optional(),
});

export const EvidenceSchema = z.object({
  text: z.string(),
  /** Seen: a record on the host says so. Inferred: a conclusion drawn from seen records. */
  basis: z.enum(['seen', 'inferred']),
  time: iso.optional(),
  findings: z.array(z.string()),
});

export const ENTRY_KINDS = ['ssh-bruteforce', 'ssh-login', 'webshell', 'web-exploit'] as const;

export const EntryPointSchema = z.object({
  kind: z.enum(ENTRY_KINDS),
  confidence: z.enum(['high', 'medium', 'low']),
  score: z.number().describe('0..1, for ranking alternatives'),
  summary: z.string(),
  evidence: z.array(EvidenceSchema).min(1),
  ip: z.string().optional(),
  user: z.string().optional(),
  path: z.string().optional(),
  time: iso.optional(),
});

export const TACTICS = [
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'command-and-control',
  'impact',
] as const;

export const ChainStepSchema = z.object({
  tactic: z.enum(TACTICS),
  techniques: z.array(z.string()),
  findings: z.array(z.string()),
  firstTime: iso.optional(),
  basis: z.enum(['seen', 'inferred']),
  summary: z.string(),
});

export const IncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  firstTime: iso.optional(),
  lastTime: iso.optional(),
  findings: z.array(z.string()),
  /** Why these findings belong together (shared address, path, user, process tree, time window). */
  links: z.array(z.string()),
  entryPoints: z.array(EntryPointSchema).describe('Most likely first; empty when nothing on the host shows how they got in'),
  chain: z.array(ChainStepSchema),
  timeline: z.array(TimelineEventSchema).describe('Ordered by time'),
  ips: z.array(z.string()),
  users: z.array(z.string()),
  paths: z.array(z.string()),
});

export const ActionRecordSchema = z.object({
  runId: z.string(),
  command: z.string(),
  time: iso,
  phase: z.string(),
  kind: z.string(),
  summary: z.string(),
});

export const RecommendationSchema = z.object({
  id: z.string(),
  status: z.enum(['fail', 'unknown']),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  fix: z.string(),
});

const IocSchema = z.object({ value: z.string(), findings: z.array(z.string()), context: z.string().optional() });

export const IocsSchema = z.object({
  sha256: z.array(IocSchema).describe('Hashes of files findings name (context: the path)'),
  ips: z.array(IocSchema),
  domains: z.array(IocSchema),
  paths: z.array(IocSchema),
});

export const ReportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA),
  lang: z.enum(['en', 'zh-CN']),
  generatedAt: iso,
  host: z.string(),
  target: z.object({ kind: z.enum(['live', 'root']), root: z.string() }),
  scannedAt: iso,
  referenceTime: iso,
  /** Whether the timeline had the scan's facts (snapshot) or only the findings' own times. */
  factsAvailable: z.boolean(),
  summary: z.object({ happened: z.string(), impact: z.string(), status: z.string() }),
  incidents: z.array(IncidentSchema),
  findings: z.array(ReportFindingSchema),
  timeline: z.array(TimelineEventSchema).describe('Every timed fact, all incidents together, ordered by time'),
  actions: z.array(ActionRecordSchema).describe('Response actions journaled for this target (contain/clean/harden)'),
  remaining: z.array(z.string()).describe('Ids of findings no journaled action answered'),
  recommendations: z.array(RecommendationSchema),
  iocs: IocsSchema,
  gaps: z.array(z.object({ collector: z.string(), path: z.string().optional(), reason: z.string() })),
});

export type ReportFinding = z.infer<typeof ReportFindingSchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export type Evidence = z.infer<typeof EvidenceSchema>;
export type EntryPoint = z.infer<typeof EntryPointSchema>;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type Tactic = (typeof TACTICS)[number];
export type ChainStep = z.infer<typeof ChainStepSchema>;
export type Incident = z.infer<typeof IncidentSchema>;
export type ActionRecord = z.infer<typeof ActionRecordSchema>;
export type Recommendation = z.infer<typeof RecommendationSchema>;
export type IncidentReport = z.infer<typeof ReportSchema>;
export type Iocs = z.infer<typeof IocsSchema>;

/** The published JSON Schema (docs/report.schema.json). */
export function reportJsonSchema(): unknown {
  // Input mode: objects stay open (no additionalProperties: false), so fields added within report@1 do not break consumers.
  return z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', io: 'input' });
}
