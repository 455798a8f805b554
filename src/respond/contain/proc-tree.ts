import fs from 'node:fs';
import { parseStat, parseStatusField, PF_KTHREAD } from '../../collect/proc-parse';

// The live process table as containment needs it: who is whose parent, and each process's start
// time, which together with the PID names one process for good (a PID alone can be reused).

export interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
  startTicks: number;
  session: number;
  ttyNr: number;
  uid: number | null;
  kernel: boolean;
  /** Target of /proc/PID/exe; null when unreadable. */
  exe: string | null;
}

export function readProc(pid: number, proc = '/proc'): Proc | null {
  try {
    const st = parseStat(fs.readFileSync(`${proc}/${pid}/stat`, 'utf8'));
    if (!st) return null;
    let uid: number | null = null;
    try {
      const u = parseStatusField(fs.readFileSync(`${proc}/${pid}/status`, 'utf8'), 'Uid');
      uid = u ? Number(u.split(/\s+/)[0]) : null;
    } catch {}
    let exe: string | null = null;
    try {
      exe = fs.readlinkSync(`${proc}/${pid}/exe`);
    } catch {}
    return {
      pid,
      exe,
      ppid: st.ppid,
      comm: st.comm,
      state: st.state,
      startTicks: st.startTicks,
      session: st.session,
      ttyNr: st.ttyNr,
      uid,
      kernel: (st.flags & PF_KTHREAD) !== 0,
    };
  } catch {
    return null;
  }
}

export function listProcs(proc = '/proc'): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const name of fs.readdirSync(proc)) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name), proc);
    if (p) out.set(p.pid, p);
  }
  return out;
}

/** This process and its ancestors: the operator's own session, never to be frozen or ended. */
export function ownTree(procs: Map<number, Proc>, self = process.pid): Set<number> {
  const out = new Set<number>();
  for (let pid = self; pid > 0 && !out.has(pid); pid = procs.get(pid)?.ppid ?? 0) out.add(pid);
  return out;
}

export function childrenOf(procs: Map<number, Proc>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const p of procs.values()) {
    const list = out.get(p.ppid) ?? [];
    list.push(p.pid);
    out.set(p.ppid, list);
  }
  return out;
}

/** Same process as recorded: the PID exists and started at the same clock tick. */
export function sameProcess(pid: number, startTicks: number, proc = '/proc'): boolean {
  return readProc(pid, proc)?.startTicks === startTicks;
}
