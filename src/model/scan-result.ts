import type { Finding, Severity } from './finding';
import type { Gap, GapKind, IncompleteReason } from './gap';

export const SCAN_SCHEMA = 'hostsweep/scan@1';

export interface TopProcess {
  pid: number;
  name: string;
  exe: string | null;
  cpuPercent: number;
}

export interface TopSender {
  pid: number;
  name: string;
  bytesPerSec: number;
  packetsPerSec: number;
  share: number;
}

export interface ScanResult {
  schema: typeof SCAN_SCHEMA;
  host: string;
  target: { kind: 'live' | 'root'; root: string };
  startedAt: string;
  /** The "now" recency was judged against. */
  referenceTime: string;
  durationMs: number;
  findings: Finding[];
  /**
   * False when something that could hide a compromise was not examined (not root, a rule
   * crashed, a collector failed, something unreadable, skipped or cut): never call it clean.
   */
  complete: boolean;
  /** Why it is incomplete, most dangerous first; empty when complete. */
  incomplete: IncompleteReason[];
  /** Most dangerous first, each with its kind. */
  gaps: (Gap & { kind: GapKind })[];
  stats: {
    processes: number | null;
    sockets: number | null;
    rulesRun: number;
    rulesSkipped: string[];
    ruleErrors: { rule: string; error: string }[];
    suppressed: number;
    bySeverity: Record<Severity, number>;
    /** Milliseconds per phase, and per collector. */
    timings: { collectMs: number; sampleWaitMs: number; analyzeMs: number; collectors: Record<string, number> };
    sampleWindowMs: number;
    trafficMethod: 'tracefs' | 'estimate' | 'none' | null;
  };
  top: { cpu: TopProcess[]; senders: TopSender[] };
}
