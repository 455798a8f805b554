import fs from 'node:fs';
import { parseStat } from '../../collect/proc-parse';
import { ActionError, registerActionKind } from '../action';

// Kills a process of the live machine the way the write-ups do it by hand, without their race:
// the process is identified by PID and start time (a PID reused by an innocent process has
// another start time), stopped first so it cannot react or respawn its helpers, checked again,
// then killed. A killed process cannot be brought back; its executable is in the collect archive.

export interface KillData {
  pid: number;
  /** Start time in clock ticks since boot (/proc/PID/stat field 22) when the plan was made. */
  startTicks: number;
  name: string;
}

export interface KillUndo {
  startTicks: number;
}

/** The process's start ticks and state, or null when it is gone. */
export function processIdentity(pid: number, procRoot = '/proc'): { startTicks: number; state: string } | null {
  try {
    const st = parseStat(fs.readFileSync(`${procRoot}/${pid}/stat`, 'latin1'));
    return st ? { startTicks: st.startTicks, state: st.state } : null;
  } catch {
    return null;
  }
}

function gone(d: KillData): ActionError {
  return new ActionError({
    en: `process ${d.pid} (${d.name}) is gone or its PID now belongs to another process; nothing was sent`,
    'zh-CN': `进程 ${d.pid}（${d.name}）已退出，或其 PID 已被其他进程复用；未发送任何信号`,
  });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

export const processKill = registerActionKind<KillData, KillUndo>({
  kind: 'process.kill',
  async prepare(a, ctx) {
    if (ctx.target.kind !== 'live')
      throw new ActionError({ en: 'processes can only be killed on the live system', 'zh-CN': '只能在在线系统上结束进程' });
    const id = processIdentity(a.data.pid);
    if (!id || id.startTicks !== a.data.startTicks) throw gone(a.data);
    return { startTicks: a.data.startTicks };
  },
  async apply(a) {
    const { pid } = a.data;
    signal(pid, 'SIGSTOP');
    // Wait until the kernel reports it stopped (a process in uninterruptible sleep stops later).
    let id = processIdentity(pid);
    for (let i = 0; i < 200 && id && id.state !== 'T' && id.state !== 't' && id.state !== 'Z'; i++) {
      await new Promise((r) => setTimeout(r, 5));
      id = processIdentity(pid);
    }
    if (!id || id.startTicks !== a.data.startTicks) {
      // The PID changed hands between the check and the signal: release the innocent one.
      if (id) signal(pid, 'SIGCONT');
      throw gone(a.data);
    }
    signal(pid, 'SIGKILL');
  },
  async undo(a, u) {
    // Interrupted between stop and kill: let the still-stopped process run again.
    const id = processIdentity(a.data.pid);
    if (id && id.startTicks === u.startTicks && (id.state === 'T' || id.state === 't')) signal(a.data.pid, 'SIGCONT');
  },
});
