import type { Collector, CollectOptions } from './collect/collector';
import { makeGapRecorder } from './collect/collector';
import { COLLECTORS } from './collect/registry';
import { loadContentRules } from './intel/yara/content-rules';
import { loadYara } from './collect/content/scanner';
import { type ClamavOptions, DEFAULT_CLAMAV_MS, scanWithClamav } from './collect/content/clamav';
import type { RuleSource } from './intel/yara/builtin';
import { loadInodeFlags } from './host/inode-flags';
import { finishSample, startSample } from './collect/sampler';
import { AllowList } from './analyze/allowlist';
import { clippedCommandLines } from './analyze/command-patterns';
import { imageReferenceTime } from './analyze/reference-time';
import { runRules } from './analyze/run-rules';
import type { Host } from './host/host';
import { LocalHost } from './host/local-host';
import { RootHost } from './host/root-host';
import type { Lang } from './i18n/lang';
import { type Intel, loadIntel } from './intel/intel';
import type { Facts, Snapshot } from './model/facts';
import { SEVERITIES, type Severity } from './model/finding';
import { type Gap, incompleteReasons, rankGaps } from './model/gap';
import { SCAN_SCHEMA, type ScanResult } from './model/scan-result';
import { RULES } from './rules/registry';
import pkg from '../package.json';
import type { Rule } from './rules/rule';

export interface ScanOptions {
  /** Offline root (mounted disk); undefined = the live machine. */
  root?: string;
  sampleMs?: number;
  lang?: Lang;
  intelFiles?: string[];
  allowFile?: string;
  /** Reference time for recency; default: analyst clock (live) or newest file time (image). */
  now?: Date;
  /** Start of the "recent" window (default: a week before the reference time). */
  since?: Date;
  /** Use the kernel's tracefs for exact per-process egress when available (default true). */
  trace?: boolean;
  /** Slower, more thorough checks (every port for hidden listeners). */
  deep?: boolean;
  /** Directories of the user's YARA rules (--rules), evaluated with the built-in content rules. */
  contentRuleDirs?: string[];
  /** Also run ClamAV over the content scan's file set (--clamav, --clamav-db, --clamd-socket, --clamav-timeout). */
  clamav?: Partial<ClamavOptions>;
  rules?: Rule[];
  /** false: skip the content scan (a caller that judges only rules not reading file contents). */
  contentScan?: boolean;
  onProgress?: (step: string) => void;
}

export interface ScanOutput {
  result: ScanResult;
  snapshot: Snapshot;
}

export function openHost(root: string | undefined): Host {
  return root === undefined ? new LocalHost() : new RootHost(root);
}

function hostname(host: Host): string {
  const raw = (host.hasLiveState ? host.readText('/proc/sys/kernel/hostname') : null) ?? host.readText('/etc/hostname') ?? '';
  return raw.trim().split('\n')[0] || 'unknown';
}

/** Runs collectors in registry order, honouring `after`, recording liveOnly ones as gaps offline. */
export function collectFacts(
  host: Host,
  options: CollectOptions,
  intel: Intel,
  gaps: Gap[],
  collectors: Collector[] = COLLECTORS,
  timings: Record<string, number> = {},
): Partial<Facts> {
  const facts: Partial<Facts> = {};
  for (const c of collectors) {
    const gap = makeGapRecorder(c.name, gaps);
    if (c.liveOnly && !host.hasLiveState) {
      gap(undefined, 'not available on an offline image (needs a running system)');
      continue;
    }
    for (const dep of c.after ?? []) {
      if (!(dep in facts) && !(collectors.find((x) => x.name === dep)?.liveOnly && !host.hasLiveState)) {
        throw new Error(`collector ${c.name} runs before ${dep}, which it needs`);
      }
    }
    const t0 = performance.now();
    try {
      (facts as Record<string, unknown>)[c.name] = c.collect({ host, options, intel, facts, gap });
    } catch (e) {
      gap(undefined, `collector failed: ${(e as Error).message}`);
    }
    timings[c.name] = Math.round(performance.now() - t0);
  }
  return facts;
}

export interface CollectTimings {
  collectMs: number;
  sampleWaitMs: number;
  collectors: Record<string, number>;
}

/** Reads the target into a snapshot of plain facts (no judgement yet). */
export async function collectSnapshot(
  opts: ScanOptions = {},
  intel: Intel = loadIntel(opts.intelFiles),
  userRules?: RuleSource[],
): Promise<{ snapshot: Snapshot; timings: CollectTimings }> {
  const started = new Date();
  const t0 = performance.now();
  const host = openHost(opts.root);
  await loadInodeFlags();
  await loadYara();
  const contentRules = userRules ?? loadContentRules(opts.contentRuleDirs ?? []);
  const sampleMs = host.hasLiveState ? (opts.sampleMs ?? 1000) : 0;
  const progress = opts.onProgress ?? (() => {});
  const gaps: Gap[] = [];
  if (host.hasLiveState && process.geteuid?.() !== 0)
    gaps.push({
      collector: 'scan',
      reason: "not running as root: other users' processes and protected files cannot be read",
      kind: 'not-root',
    });

  const sample = sampleMs > 0 ? startSample(host, opts.trace ?? true) : null;
  progress('collect');
  const collectors: Record<string, number> = {};
  const which = opts.contentScan === false ? COLLECTORS.filter((c) => c.name !== 'contentScan') : COLLECTORS;
  const clamavFiles: string[] = [];
  const onContentFile = opts.clamav ? (p: string) => clamavFiles.push(p) : undefined;
  const facts = collectFacts(host, { sampleMs, deep: opts.deep === true, contentRules, onContentFile }, intel, gaps, which, collectors);
  const collectMs = performance.now() - t0;
  let sampleWaitMs = 0;
  if (sample) {
    progress('sample');
    const w0 = performance.now();
    facts.traffic = await finishSample(host, sample, sampleMs, facts.processes ?? []);
    sampleWaitMs = performance.now() - w0;
  }
  // After the sampling window: ClamAV may take minutes, and the window must stay as asked.
  if (opts.clamav) {
    progress('clamav');
    const c0 = performance.now();
    const clamav = await scanWithClamav(host, clamavFiles, { ms: DEFAULT_CLAMAV_MS, ...opts.clamav }, makeGapRecorder('clamav', gaps));
    if (clamav) facts.clamav = clamav;
    collectors.clamav = Math.round(performance.now() - c0);
  }
  const referenceTime = opts.now ?? (host.hasLiveState ? started : imageReferenceTime(host, started));
  const snapshot: Snapshot = {
    schema: 'hostsweep/snapshot@1',
    tool: { name: 'hostsweep', version: pkg.version },
    target: { kind: host.kind, root: host.root, hostname: hostname(host) },
    collectedAt: started.toISOString(),
    referenceTime: referenceTime.toISOString(),
    facts,
    gaps,
  };
  return { snapshot, timings: { collectMs: Math.round(collectMs), sampleWaitMs: Math.round(sampleWaitMs), collectors } };
}

/** Judges a snapshot — fresh, or saved with --snapshot and analysed elsewhere. */
export function analyzeSnapshot(
  snapshot: Snapshot,
  opts: ScanOptions = {},
  timings: CollectTimings = { collectMs: 0, sampleWaitMs: 0, collectors: {} },
  loaded: { intel: Intel; allow?: AllowList } = loadJudgement(opts),
): ScanResult {
  const a0 = performance.now();
  const { intel, allow } = loaded;
  const judged: Snapshot = opts.now ? { ...snapshot, referenceTime: opts.now.toISOString() } : snapshot;
  (opts.onProgress ?? (() => {}))('analyze');
  const rules = opts.rules ?? RULES;
  const run = runRules(judged, rules, { intel, lang: opts.lang ?? 'en', allow, since: opts.since });
  const gaps = [...snapshot.gaps];
  for (const e of run.errors) gaps.push({ collector: 'analysis', rule: e.rule, reason: `rule crashed: ${e.error}`, kind: 'rule-crashed' });
  const clipped = clippedCommandLines(intel);
  if (clipped > 0)
    gaps.push({
      collector: 'analysis',
      reason: `${clipped} very long command lines were checked only in their first 1024 characters (time budget spent)`,
      kind: 'cut',
    });
  const incomplete = incompleteReasons(gaps);
  const analyzeMs = performance.now() - a0;

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of run.findings) bySeverity[f.severity]++;
  const { facts } = snapshot;
  const procs = facts.processes;
  return {
    schema: SCAN_SCHEMA,
    host: snapshot.target.hostname,
    target: { kind: snapshot.target.kind, root: snapshot.target.root },
    startedAt: snapshot.collectedAt,
    referenceTime: judged.referenceTime,
    durationMs: Math.round(timings.collectMs + timings.sampleWaitMs + analyzeMs),
    findings: run.findings,
    complete: incomplete.length === 0,
    incomplete,
    gaps: rankGaps(gaps),
    stats: {
      processes: procs ? procs.length : null,
      sockets: facts.sockets ? facts.sockets.length : null,
      rulesRun: rules.length - run.skipped.length,
      rulesSkipped: run.skipped,
      ruleErrors: run.errors,
      suppressed: run.suppressed.length,
      bySeverity,
      timings: {
        collectMs: timings.collectMs,
        sampleWaitMs: timings.sampleWaitMs,
        analyzeMs: Math.round(analyzeMs),
        collectors: timings.collectors,
      },
      sampleWindowMs: facts.traffic?.windowMs ?? 0,
      trafficMethod: facts.traffic?.method ?? null,
    },
    top: {
      cpu: (procs ?? [])
        .filter((p) => (p.cpuPercent ?? 0) > 0)
        .sort((a, b) => (b.cpuPercent ?? 0) - (a.cpuPercent ?? 0))
        .slice(0, 5)
        .map((p) => ({ pid: p.pid, name: p.name, exe: p.exe, cpuPercent: p.cpuPercent ?? 0 })),
      senders: (facts.traffic?.senders ?? []).slice(0, 5).map((s) => ({
        pid: s.pid,
        name: s.name,
        bytesPerSec: s.bytesPerSec,
        packetsPerSec: s.packetsPerSec,
        share: Math.round(s.share * 1000) / 1000,
      })),
    },
  };
}

/** Indicator and allow-list files named by the options, parsed and checked. */
function loadJudgement(opts: ScanOptions): { intel: Intel; allow?: AllowList } {
  const ruleIds = (opts.rules ?? RULES).map((r) => r.meta.id);
  return { intel: loadIntel(opts.intelFiles), allow: opts.allowFile ? AllowList.load(opts.allowFile, ruleIds) : undefined };
}

export async function scan(opts: ScanOptions = {}): Promise<ScanOutput> {
  // Read before the (possibly long) collection, so a typo in an intel or allow file fails at once.
  const loaded = loadJudgement(opts);
  await loadYara();
  const contentRules = loadContentRules(opts.contentRuleDirs ?? []);
  const { snapshot, timings } = await collectSnapshot(opts, loaded.intel, contentRules);
  return { result: analyzeSnapshot(snapshot, opts, timings, loaded), snapshot };
}
