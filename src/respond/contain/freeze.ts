import { childrenOf, listProcs, ownTree, type Proc, readProc, sameProcess } from './proc-tree';

// Freezing a process so that nothing can bring it back: SIGSTOP the process, everything below it,
// and the ancestors that could respawn it (a watchdog shell, a dropper loop), top first. The walk
// up stops before PID 1, a service manager, sshd, or the operator's own session.

/** Process names that supervise others for the system; freezing them would hang the host. */
export const SERVICE_MANAGERS = new Set([
  'systemd',
  'init',
  'upstart',
  'supervisord',
  'runit',
  'runsv',
  'runsvdir',
  's6-svscan',
  's6-supervise',
  'monit',
  'containerd',
  'containerd-shim',
  'containerd-shim-runc-v2',
  'dockerd',
  'sshd',
  'sshd-session',
  'cron',
  'crond',
  'atd',
]);

const SYSTEM_BIN = /^\/(usr\/)?(s?bin|lib|libexec|lib64)\//;

/**
 * A service manager by name AND by a system executable: trojans call themselves "sshd" or
 * "systemd" precisely so that nobody touches them, and a watchdog named so is still frozen.
 */
export function isServiceManager(p: Proc): boolean {
  if (!SERVICE_MANAGERS.has(p.comm)) return false;
  if (p.exe === null) return true;
  return SYSTEM_BIN.test(p.exe) && !p.exe.endsWith(' (deleted)');
}

export interface FrozenProc {
  pid: number;
  startTicks: number;
  comm: string;
  role: 'target' | 'ancestor' | 'descendant';
}

export interface FreezePlan {
  procs: FrozenProc[];
  /** The process the walk up stopped at, and why; the plan shows it so the operator knows. */
  stoppedAt: { pid: number; comm: string; reason: 'init' | 'service-manager' | 'operator' | 'kernel' } | null;
}

export class FreezeRefused extends Error {
  constructor(
    readonly pid: number,
    readonly reason: 'missing' | 'init' | 'operator' | 'kernel' | 'service-manager',
  ) {
    super(`PID ${pid}: ${reason === 'missing' ? 'no such process' : `refusing to freeze (${reason})`}`);
    this.name = 'FreezeRefused';
  }
}

function boundary(p: Proc | undefined, own: Set<number>): FreezePlan['stoppedAt'] {
  if (!p) return null;
  if (p.pid === 1) return { pid: p.pid, comm: p.comm, reason: 'init' };
  if (p.kernel || p.pid === 2) return { pid: p.pid, comm: p.comm, reason: 'kernel' };
  if (own.has(p.pid)) return { pid: p.pid, comm: p.comm, reason: 'operator' };
  if (isServiceManager(p)) return { pid: p.pid, comm: p.comm, reason: 'service-manager' };
  return null;
}

function descendants(root: number[], procs: Map<number, Proc>, skip: Set<number>): number[] {
  const kids = childrenOf(procs);
  const out: number[] = [];
  const queue = [...root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const c of kids.get(pid) ?? []) {
      if (skip.has(c) || out.includes(c)) continue;
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** What freezing `pid` will stop, in the order it will be stopped (top ancestor first). */
export function planFreeze(pid: number, procs = listProcs(), self = process.pid): FreezePlan {
  const own = ownTree(procs, self);
  const target = procs.get(pid);
  if (!target) throw new FreezeRefused(pid, 'missing');
  const refusal = boundary(target, own);
  if (refusal) throw new FreezeRefused(pid, refusal.reason);
  const ancestors: Proc[] = [];
  let stoppedAt: FreezePlan['stoppedAt'] = null;
  for (let p = procs.get(target.ppid); p; p = procs.get(p.ppid)) {
    stoppedAt = boundary(p, own);
    if (stoppedAt || ancestors.includes(p)) break;
    ancestors.push(p);
  }
  const entry = (p: Proc, role: FrozenProc['role']): FrozenProc => ({ pid: p.pid, startTicks: p.startTicks, comm: p.comm, role });
  const list = [...ancestors.reverse().map((p) => entry(p, 'ancestor')), entry(target, 'target')];
  for (const d of descendants([pid], procs, own)) {
    const p = procs.get(d);
    if (p) list.push(entry(p, 'descendant'));
  }
  return { procs: list, stoppedAt };
}

function signal(p: FrozenProc, sig: NodeJS.Signals): boolean {
  // The start time is checked right before signalling: a reused PID is somebody else.
  if (!sameProcess(p.pid, p.startTicks)) return false;
  try {
    process.kill(p.pid, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops every planned process, then looks again for children forked meanwhile and stops them too,
 * until a look finds nothing new. Returns everything stopped (the undo list).
 */
export function freeze(plan: FreezePlan, self = process.pid, step?: (point: string) => void): FrozenProc[] {
  const stopped: FrozenProc[] = [];
  for (const p of plan.procs) {
    if (signal(p, 'SIGSTOP')) stopped.push(p);
    step?.(`stopped-${stopped.length}`);
  }
  for (let round = 0; round < 10; round++) {
    const procs = listProcs();
    const own = ownTree(procs, self);
    const known = new Set(stopped.map((p) => p.pid));
    const fresh = descendants(
      stopped.map((p) => p.pid),
      procs,
      own,
    ).filter((pid) => !known.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      const p = procs.get(pid);
      const entry: FrozenProc | null = p ? { pid, startTicks: p.startTicks, comm: p.comm, role: 'descendant' } : null;
      if (entry && signal(entry, 'SIGSTOP')) stopped.push(entry);
    }
  }
  return stopped;
}

/** True once every process is in stopped state (T) or gone. */
export function allStopped(list: FrozenProc[]): boolean {
  return list.every((p) => {
    const now = readProc(p.pid);
    return !now || now.startTicks !== p.startTicks || now.state === 'T' || now.state === 't';
  });
}

/** Resumes bottom-up, each only if it is still the same process. Returns the PIDs resumed. */
export function thaw(list: FrozenProc[]): number[] {
  const resumed: number[] = [];
  for (const p of [...list].reverse()) if (signal(p, 'SIGCONT')) resumed.push(p.pid);
  return resumed;
}

/** Sends SIGKILL to processes that are still the recorded ones (after they were frozen). */
export function kill(list: FrozenProc[]): number[] {
  const killed: number[] = [];
  for (const p of list) if (signal(p, 'SIGKILL')) killed.push(p.pid);
  return killed;
}
