import { ctextBy, cui } from '../../i18n/contain-ui';
import type { Lang } from '../../i18n/lang';
import { type PlannedAction, registerActionKind } from '../action';
import { allStopped, type FreezePlan, type FrozenProc, freeze, kill, thaw } from '../contain/freeze';
import { childrenOf, listProcs } from '../contain/proc-tree';

// process.freeze: SIGSTOP a process with its descendants and the ancestors that could respawn
// it. session.end: the same for a whole terminal session, then SIGKILL. The undo record is the
// list of PIDs with their start times, so SIGCONT never reaches a process that reused a PID.

export interface FreezeData {
  pid: number;
  plan: FreezePlan;
}

export interface FreezeUndo {
  procs: FrozenProc[];
}

function reasonText(lang: Lang, reason: NonNullable<FreezePlan['stoppedAt']>['reason']): string {
  const key = {
    init: 'reasonInit',
    'service-manager': 'reasonServiceManager',
    operator: 'reasonOperator',
    kernel: 'reasonKernel',
  } as const;
  return cui(lang, key[reason]);
}

export function procList(procs: FrozenProc[]): string {
  return procs.map((p) => `${p.pid} ${p.comm}`).join(', ');
}

export function freezeAction(id: string, plan: FreezePlan): PlannedAction<FreezeData> {
  const target = plan.procs.find((p) => p.role === 'target') as FrozenProc;
  return {
    id,
    kind: 'process.freeze',
    summary: ctextBy((lang) => {
      const head = cui(lang, 'freezeSummary', {
        pid: target.pid,
        comm: target.comm,
        count: plan.procs.length - 1,
        list: procList(plan.procs),
      });
      const at = plan.stoppedAt;
      return at ? `${head}; ${cui(lang, 'freezeStopAt', { pid: at.pid, comm: at.comm, reason: reasonText(lang, at.reason) })}` : head;
    }),
    answers: [],
    undoSummary: ctextBy((lang) => cui(lang, 'freezeUndo')),
    data: { pid: target.pid, plan },
  };
}

/** Waits (briefly) until the kernel reports every frozen process stopped; returns the ms taken. */
export async function waitStopped(procs: FrozenProc[], started: bigint): Promise<number> {
  for (let i = 0; i < 200 && !allStopped(procs); i++) await new Promise((r) => setTimeout(r, 5));
  return Number((process.hrtime.bigint() - started) / 1_000_000n);
}

/** Frozen processes plus what they forked while being frozen (found in the tree again at undo). */
function withLateChildren(procs: FrozenProc[]): FrozenProc[] {
  const all = listProcs();
  const kids = childrenOf(all);
  const known = new Set(procs.map((p) => p.pid));
  const out = [...procs];
  for (let i = 0; i < out.length; i++) {
    for (const c of kids.get(out[i].pid) ?? []) {
      const p = all.get(c);
      if (p && !known.has(c) && (p.state === 'T' || p.state === 't')) {
        known.add(c);
        out.push({ pid: c, startTicks: p.startTicks, comm: p.comm, role: 'descendant' });
      }
    }
  }
  return out;
}

registerActionKind<FreezeData, FreezeUndo>({
  kind: 'process.freeze',
  async prepare(a) {
    return { procs: a.data.plan.procs };
  },
  async apply(a, _u, ctx) {
    const t0 = process.hrtime.bigint();
    const stopped = freeze(a.data.plan, process.pid, ctx.checkpoint);
    const ms = await waitStopped(stopped, t0);
    ctx.note(cui(ctx.lang, 'frozenNote', { count: stopped.length, ms }));
  },
  async undo(_a, u) {
    thaw(withLateChildren(u.procs));
  },
});

export interface SessionData {
  tty: string;
  user: string;
  leader: FrozenProc;
  procs: FrozenProc[];
}

export function endSessionAction(id: string, data: SessionData): PlannedAction<SessionData> {
  return {
    id,
    kind: 'session.end',
    summary: ctextBy((lang) =>
      cui(lang, 'endSessionSummary', {
        tty: data.tty,
        user: data.user,
        pid: data.leader.pid,
        comm: data.leader.comm,
        count: data.procs.length,
      }),
    ),
    answers: [],
    undoSummary: ctextBy((lang) => cui(lang, 'endSessionUndo')),
    data,
  };
}

registerActionKind<SessionData, FreezeUndo>({
  kind: 'session.end',
  async prepare(a) {
    return { procs: a.data.procs };
  },
  async apply(a, _u, ctx) {
    const t0 = process.hrtime.bigint();
    // Frozen first so nothing in the session can react (respawn, wipe history) to the kill.
    const stopped = freeze({ procs: a.data.procs, stoppedAt: null });
    const ms = await waitStopped(stopped, t0);
    ctx.note(cui(ctx.lang, 'frozenNote', { count: stopped.length, ms }));
    kill(stopped);
  },
  async undo(_a, u) {
    // Nothing to bring back; if the kill never ran, the frozen processes are resumed.
    thaw(withLateChildren(u.procs));
  },
});
