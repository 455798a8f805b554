import { loadLibc } from '../host/libc';
import type { Lang } from '../i18n/lang';
import { rui } from '../i18n/respond-ui';
import { safeText } from '../report/sanitize';
import { type ActionContext, ActionError, actionKind, type PlannedAction, type RefusedAction, type Text } from './action';
import { Journal, type JournalEntry, listRuns, type RunSummary } from './journal';
import { ResponseTarget } from './target';

// show plan → (dry run without --yes) → journal + apply each action in order → summary;
// undo walks a run's journal backwards and undoes every action whose intent was written.

export interface Plan {
  /** 'clean', 'contain', 'harden' … */
  command: string;
  target: ResponseTarget;
  actions: PlannedAction[];
  refused: RefusedAction[];
  /** Extra lines for the operator (packages to reinstall, what the plan leaves alone). */
  notes?: Text[];
}

function targetName(target: { kind: string; root: string }, lang: Lang): string {
  return target.kind === 'live' ? rui(lang, 'target') : rui(lang, 'targetRoot', { root: safeText(target.root) });
}

/** The plan as the operator reads it: each action, what it answers and how it is undone. */
export function renderPlan(plan: Plan, lang: Lang): string {
  const lines: string[] = [];
  const target = targetName(plan.target, lang);
  if (plan.actions.length === 0) lines.push(rui(lang, 'planEmpty', { target }));
  else lines.push(rui(lang, 'planTitle', { target, count: plan.actions.length }));
  for (const a of plan.actions) {
    lines.push(`  [${a.id}] ${safeText(a.summary[lang])}`);
    if (a.answers.length > 0) lines.push(`      ${rui(lang, 'answers')}: ${a.answers.map(safeText).join('; ')}`);
    lines.push(`      ${rui(lang, 'undoWith')}: ${safeText(a.undoSummary[lang])}`);
  }
  if (plan.refused.length > 0) {
    lines.push(rui(lang, 'refusedTitle', { count: plan.refused.length }));
    for (const r of plan.refused) {
      lines.push(`  - ${safeText(r.summary[lang])}`);
      if (r.answers.length > 0) lines.push(`      ${rui(lang, 'answers')}: ${r.answers.map(safeText).join('; ')}`);
      lines.push(`      ${rui(lang, 'refusedWhy')}: ${safeText(r.reason[lang])}`);
    }
  }
  for (const n of plan.notes ?? []) lines.push(`  * ${safeText(n[lang])}`);
  return `${lines.join('\n')}\n`;
}

export interface ApplyOptions {
  stateDir: string;
  lang: Lang;
  /** Without it nothing changes: the plan is printed as a dry run. */
  yes: boolean;
  out?: (s: string) => void;
  /** Shown in the undo hint when the state directory is not the default. */
  stateFlag?: string;
  /** Tests only: called after each journaled step, to simulate a crash between steps. */
  afterStep?: (entry: JournalEntry) => void;
}

export interface ApplyResult {
  runId: string | null;
  applied: string[];
  failed: { id: string; error: string }[];
}

function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ActionError) return e.reason[lang];
  return (e as NodeJS.ErrnoException).message ?? String(e);
}

export async function applyPlan(plan: Plan, opts: ApplyOptions): Promise<ApplyResult> {
  await loadLibc(); // file flags, xattrs and times are kept and restored through the kernel, never the box's tools
  const out = opts.out ?? ((s: string) => process.stdout.write(s));
  const { lang } = opts;
  out(renderPlan(plan, lang));
  const result: ApplyResult = { runId: null, applied: [], failed: [] };
  if (!opts.yes) {
    if (plan.actions.length > 0) out(`${rui(lang, 'dryRun')}\n`);
    return result;
  }
  if (plan.actions.length === 0) return result;
  for (const a of plan.actions) actionKind(a.kind); // unknown kinds fail before anything changes
  const journal = Journal.create(opts.stateDir, {
    command: plan.command,
    target: { kind: plan.target.kind, root: plan.target.root },
    lang,
  });
  result.runId = journal.info.id;
  out(`${rui(lang, 'applying', { count: plan.actions.length, run: journal.info.id, dir: journal.dir })}\n`);
  let current = '';
  const fault = process.env.HOSTSWEEP_FAULT;
  const checkpoint = (point: string) => {
    // Fault injection for the crash tests: a real SIGKILL at a named point, nothing otherwise.
    if (fault && fault === `${current}:${point}`) process.kill(process.pid, 'SIGKILL');
  };
  const ctx: ActionContext = { target: plan.target, journal, lang, note: (l) => out(`      ${l}\n`), checkpoint };
  const step = (e: JournalEntry) => opts.afterStep?.(e);
  try {
    for (const a of plan.actions) {
      current = a.id;
      const kind = actionKind(a.kind);
      let undo: unknown;
      try {
        undo = await kind.prepare(a, ctx);
      } catch (e) {
        // Nothing changed yet: recorded as failed without an intent, so undo skips it.
        const error = errorText(e, lang);
        step(journal.append('failed', a, { error }));
        result.failed.push({ id: a.id, error });
        out(`${rui(lang, 'stepFailed', { id: a.id, summary: safeText(a.summary[lang]), error: safeText(error) })}\n`);
        continue;
      }
      step(journal.append('intent', a, { undo }));
      checkpoint('intent');
      try {
        await kind.apply(a, undo, ctx);
        checkpoint('done');
        step(journal.append('applied', a));
        result.applied.push(a.id);
        out(`${rui(lang, 'stepApplied', { id: a.id, summary: safeText(a.summary[lang]) })}\n`);
      } catch (e) {
        const error = errorText(e, lang);
        step(journal.append('failed', a, { error }));
        result.failed.push({ id: a.id, error });
        out(`${rui(lang, 'stepFailed', { id: a.id, summary: safeText(a.summary[lang]), error: safeText(error) })}\n`);
      }
    }
  } finally {
    journal.close();
  }
  out(
    `${rui(lang, 'applySummary', { applied: result.applied.length, failed: result.failed.length, run: journal.info.id, stateFlag: opts.stateFlag ?? '' })}\n`,
  );
  return result;
}

/** The newest run against this target that still has something to undo. */
export function lastUndoableRun(stateDir: string, target: { kind: string; root: string }): RunSummary | null {
  const runs = listRuns(stateDir).filter((r) => r.info.target.kind === target.kind && r.info.target.root === target.root && r.pending > 0);
  return runs.at(-1) ?? null;
}

export interface UndoOptions {
  stateDir: string;
  lang: Lang;
  /** The target's root now (a disk may be mounted elsewhere than when it was cleaned). */
  root?: string;
  out?: (s: string) => void;
}

export interface UndoResult {
  runId: string;
  undone: string[];
  failed: { id: string; error: string }[];
  skipped: string[];
}

/**
 * Undoes every action of a run whose intent was journaled and which is not undone yet, newest
 * first, whether it was applied, failed, or interrupted mid-way. Safe to run again.
 */
export async function undoRun(runId: string, opts: UndoOptions): Promise<UndoResult> {
  await loadLibc();
  const out = opts.out ?? ((s: string) => process.stdout.write(s));
  const { lang } = opts;
  const journal = Journal.open(opts.stateDir, runId);
  const { info } = journal;
  const target = info.target.kind === 'live' ? new ResponseTarget() : new ResponseTarget(opts.root ?? info.target.root);
  out(
    `${rui(lang, 'undoTitle', { run: info.id, command: info.command, target: targetName({ kind: info.target.kind, root: target.root }, lang), time: info.startedAt })}\n`,
  );
  const entries = journal.entries();
  const lastPhase = new Map<string, string>();
  for (const e of entries) lastPhase.set(e.action.id, e.phase);
  const intents = entries.filter((e) => e.phase === 'intent');
  const result: UndoResult = { runId: info.id, undone: [], failed: [], skipped: [] };
  let current = '';
  const fault = process.env.HOSTSWEEP_FAULT;
  const checkpoint = (point: string) => {
    if (fault && fault === `${current}:${point}`) process.kill(process.pid, 'SIGKILL');
  };
  const ctx: ActionContext = { target, journal, lang, note: (l) => out(`      ${l}\n`), checkpoint };
  try {
    for (const e of [...intents].reverse()) {
      const a = e.action;
      if (lastPhase.get(a.id) === 'undone') {
        result.skipped.push(a.id);
        continue;
      }
      current = a.id;
      try {
        await actionKind(a.kind).undo(a, e.undo, ctx);
        checkpoint('undo-done');
        journal.append('undone', a);
        result.undone.push(a.id);
        out(`${rui(lang, 'undoStep', { id: a.id, summary: safeText(a.summary[lang]) })}\n`);
      } catch (err) {
        const error = errorText(err, lang);
        journal.append('undo-failed', a, { error });
        result.failed.push({ id: a.id, error });
        out(`${rui(lang, 'undoFailed', { id: a.id, summary: safeText(a.summary[lang]), error: safeText(error) })}\n`);
      }
    }
  } finally {
    journal.close();
  }
  out(`${rui(lang, 'undoSummary', { undone: result.undone.length, failed: result.failed.length, skipped: result.skipped.length })}\n`);
  return result;
}
