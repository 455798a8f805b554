import type { Lang } from '../i18n/lang';
import type { Journal } from './journal';
import type { ResponseTarget } from './target';

// A response action is data first: what will change, which finding it answers and how it will be
// undone are written down (and shown to the operator) before anything happens. The code that
// changes the system lives in an ActionKind registered under the action's `kind`.

/** A sentence in both languages. zh-CN never carries English words except paths and identifiers. */
export interface Text {
  en: string;
  'zh-CN': string;
}

export function text(t: Text, lang: Lang): string {
  return t[lang];
}

/** "rule path" or "rule pid 123": which finding an action answers. */
export function findingRef(f: { rule: string; path?: string; pid?: number }): string {
  if (f.path !== undefined) return `${f.rule} ${f.path}`;
  if (f.pid !== undefined) return `${f.rule} pid ${f.pid}`;
  return f.rule;
}

export interface PlannedAction<D = unknown> {
  /** Unique inside a plan ("a3"); the journal refers to actions by it. */
  id: string;
  /** Registered ActionKind name: 'file.quarantine', 'cron.remove-line', 'process.kill', … */
  kind: string;
  /** What it changes. */
  summary: Text;
  /** Finding refs (findingRef) this action answers; empty for operator-requested actions. */
  answers: string[];
  /** How `hostsweep undo` reverts it. */
  undoSummary: Text;
  /** Plain JSON: everything apply needs, so a plan can be saved and re-read. */
  data: D;
}

/** An action the planner would take but must not, with the reason (package-owned, symlink out of root…). */
export interface RefusedAction {
  kind: string;
  summary: Text;
  answers: string[];
  reason: Text;
}

/** What an action kind gets to work with. */
export interface ActionContext {
  target: ResponseTarget;
  /** The run's journal: its quarantine store keeps original bytes. */
  journal: Journal;
  lang: Lang;
  /** Progress lines for the operator (already sanitised by the caller). */
  note(line: string): void;
  /**
   * A named point inside an action ("temp-written", "removed-2"). Does nothing, except under the
   * crash tests' HOSTSWEEP_FAULT=<actionId>:<point>, where the process kills itself right there.
   */
  checkpoint?(point: string): void;
}

/**
 * The code behind one kind of action. prepare captures everything undo needs BEFORE anything
 * changes (original bytes into the quarantine store, metadata, flags, pids with start times);
 * its result is journaled and fsync'ed before apply runs. undo must be idempotent and must
 * work whether apply finished, failed, or was killed half-way.
 */
export interface ActionKind<D = unknown, U = unknown> {
  kind: string;
  prepare(action: PlannedAction<D>, ctx: ActionContext): Promise<U>;
  apply(action: PlannedAction<D>, undo: U, ctx: ActionContext): Promise<void>;
  undo(action: PlannedAction<D>, undo: U, ctx: ActionContext): Promise<void>;
}

const KINDS = new Map<string, ActionKind>();

/** Registers an action kind; a second registration of the same name is a programming error. */
export function registerActionKind<D, U>(kind: ActionKind<D, U>): ActionKind<D, U> {
  const existing = KINDS.get(kind.kind);
  if (existing && existing !== (kind as unknown as ActionKind)) throw new Error(`action kind ${kind.kind} registered twice`);
  KINDS.set(kind.kind, kind as unknown as ActionKind);
  return kind;
}

export function actionKind(kind: string): ActionKind {
  const k = KINDS.get(kind);
  if (!k) throw new Error(`unknown action kind ${kind}`);
  return k;
}

export function hasActionKind(kind: string): boolean {
  return KINDS.has(kind);
}

export function registeredKinds(): string[] {
  return [...KINDS.keys()].sort();
}

/** A failure with a message for the operator in both languages. */
export class ActionError extends Error {
  constructor(readonly reason: Text) {
    super(reason.en);
    this.name = 'ActionError';
  }
}
