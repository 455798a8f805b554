import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../i18n/lang';
import { rui } from '../i18n/respond-ui';
import { severityName } from '../i18n/ui';
import { atLeast, type Finding, type Severity } from '../model/finding';
import type { Snapshot } from '../model/facts';
import { SCAN_SCHEMA, type ScanResult } from '../model/scan-result';
import { safeText } from '../report/sanitize';
import { RULES } from '../rules/registry';
import { collectSnapshot, scan } from '../scan';
import './actions/index';
import { type ApplyResult, applyPlan, renderPlan } from './apply-plan';
import { type CleanOptions, planClean, ruleSelected } from './clean-plan';
import { remedyFor } from './remedies';
import { ResponseTarget } from './target';

// clean: scan (or read a saved scan), plan, show, apply with consent, scan again and say what
// remains; with a watch interval, keep checking and answer what comes back.

export interface CleanRunOptions extends CleanOptions {
  root?: string;
  yes: boolean;
  stateDir: string;
  lang: Lang;
  /** A saved scan document to plan from instead of a fresh scan. */
  from?: string;
  /** Reference time for the scans (offline trees in tests and incident replays). */
  now?: Date;
  intelFiles?: string[];
  allowFile?: string;
  /** Before applying, write the evidence archive here (null: --no-collect). */
  collectTo?: string | null;
  collect?: (root: string | undefined, file: string, scanned: { result: ScanResult; snapshot: Snapshot }) => Promise<void>;
  out?: (s: string) => void;
  stateFlag?: string;
}

export interface CleanRunResult {
  applied: ApplyResult | null;
  planned: number;
  refused: number;
  /** Findings at or above the floor that still have a remedy other than evidence, after the last pass. */
  remaining: Finding[];
}

/** Findings a clean could still answer (evidence is never "remaining work"). */
export function openFindings(findings: Finding[], floor: Severity, rules?: string[]): Finding[] {
  return findings.filter((f) => atLeast(f.severity, floor) && remedyFor(f.rule) !== 'evidence' && ruleSelected(f.rule, rules));
}

export function readScanDocument(file: string): ScanResult {
  let parsed: Partial<ScanResult>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ScanResult>;
  } catch (e) {
    throw new Error(`${file}: not readable as JSON (${(e as Error).message})`);
  }
  if (parsed?.schema !== SCAN_SCHEMA || !Array.isArray(parsed.findings))
    throw new Error(`${file} is not a hostsweep scan document (expected schema ${SCAN_SCHEMA})`);
  return parsed as ScanResult;
}

/** Our own process and its ancestors: never killed, whatever a rule says. */
export function ownProcessChain(): Set<number> {
  const out = new Set<number>([process.pid]);
  let pid = process.ppid;
  for (let i = 0; i < 64 && pid > 1; i++) {
    out.add(pid);
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return out;
}

async function scanTarget(opts: CleanRunOptions): Promise<{ result: ScanResult; snapshot: Snapshot }> {
  // `--rule process/*` needs no file contents: the content scan (up to its 30 s budget) is skipped.
  const contentScan =
    opts.rules === undefined || RULES.some((r) => r.meta.uses.includes('contentScan') && ruleSelected(r.meta.id, opts.rules));
  return scan({
    root: opts.root,
    sampleMs: 0,
    lang: opts.lang,
    now: opts.now,
    intelFiles: opts.intelFiles,
    allowFile: opts.allowFile,
    contentScan,
  });
}

async function onePass(
  opts: CleanRunOptions,
  target: ResponseTarget,
  first: boolean,
): Promise<{ applied: ApplyResult | null; planned: number; refused: number }> {
  const out = opts.out ?? ((s: string) => process.stdout.write(s));
  let findings: Finding[];
  let snapshot: Snapshot;
  let scanned: { result: ScanResult; snapshot: Snapshot } | null = null;
  if (first && opts.from) {
    findings = readScanDocument(opts.from).findings;
    snapshot = (await collectSnapshot({ root: opts.root, sampleMs: 0, now: opts.now, intelFiles: opts.intelFiles })).snapshot;
  } else {
    scanned = await scanTarget(opts);
    findings = scanned.result.findings;
    snapshot = scanned.snapshot;
  }
  const plan = await planClean(findings, snapshot, target, { ...opts, protectedPids: opts.protectedPids ?? ownProcessChain() });
  if (opts.yes && plan.actions.length > 0 && opts.collectTo && opts.collect) {
    scanned ??= await scanTarget(opts);
    await opts.collect(opts.root, opts.collectTo, scanned);
    out(`${rui(opts.lang, 'collected', { file: safeText(opts.collectTo) })}\n`);
  }
  const applied = await applyPlan(plan, { stateDir: opts.stateDir, lang: opts.lang, yes: opts.yes, out, stateFlag: opts.stateFlag });
  return { applied: applied.runId ? applied : null, planned: plan.actions.length, refused: plan.refused.length };
}

export async function runClean(
  opts: CleanRunOptions,
  watch?: { seconds: number; rounds?: number; signal?: AbortSignal },
): Promise<CleanRunResult> {
  const out = opts.out ?? ((s: string) => process.stdout.write(s));
  const target = new ResponseTarget(opts.root);
  refuseInsideTarget(target, opts.stateDir, '--state');
  if (opts.collectTo) refuseInsideTarget(target, opts.collectTo, '--collect-to');
  const floor = opts.minSeverity ?? 'medium';
  const first = await onePass(opts, target, true);
  const result: CleanRunResult = { applied: first.applied, planned: first.planned, refused: first.refused, remaining: [] };
  if (!opts.yes) return result;
  let after = await scanTarget(opts);
  result.remaining = openFindings(after.result.findings, floor, opts.rules);
  out(renderRemaining(result.remaining, opts.lang, floor));
  if (!watch) return result;
  for (let round = 0; watch.rounds === undefined || round < watch.rounds; round++) {
    if (watch.signal?.aborted) break;
    await new Promise((r) => setTimeout(r, watch.seconds * 1000));
    if (watch.signal?.aborted) break;
    out(`${rui(opts.lang, 'watchCheck', { time: new Date().toISOString() })}\n`);
    const pass = await onePass({ ...opts, collectTo: null }, target, false);
    if (pass.applied) result.applied = pass.applied;
    after = await scanTarget(opts);
    result.remaining = openFindings(after.result.findings, floor, opts.rules);
    if (pass.planned > 0) out(renderRemaining(result.remaining, opts.lang, floor));
  }
  return result;
}

export function renderRemaining(remaining: Finding[], lang: Lang, floor: Severity): string {
  const name = severityName(lang, floor);
  if (remaining.length === 0) return `${rui(lang, 'remainingNone', { floor: name })}\n`;
  const lines = [rui(lang, 'remaining', { count: remaining.length, floor: name })];
  for (const f of remaining.slice(0, 50))
    lines.push(
      `  - ${severityName(lang, f.severity)} ${safeText(f.rule)} ${safeText(f.path ?? (f.pid !== undefined ? `pid ${f.pid}` : ''))}`,
    );
  return `${lines.join('\n')}\n`;
}

/** hostsweep's own files never go inside the disk it cleans: undo must leave nothing of ours there. */
export function refuseInsideTarget(target: ResponseTarget, p: string, flag: string): void {
  if (target.kind !== 'root') return;
  let resolved = path.resolve(p);
  // The state directory may not exist yet: judge its nearest existing parent.
  for (let probe = resolved; ; probe = path.dirname(probe)) {
    if (fs.existsSync(probe)) {
      resolved = path.join(fs.realpathSync(probe), path.relative(probe, resolved));
      break;
    }
    if (probe === path.dirname(probe)) break;
  }
  if (resolved === target.root || resolved.startsWith(`${target.root}/`))
    throw new Error(
      `${flag} ${p} is inside the target root ${target.root}; keep hostsweep's journal and evidence outside the disk it changes`,
    );
}

/** Default archive name for the evidence collected before a clean. */
export function defaultCollectFile(stateDir: string, now = new Date()): string {
  return path.join(
    stateDir,
    'collect',
    `${now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}.tar.gz`,
  );
}

export { renderPlan };
