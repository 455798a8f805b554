import fs from 'node:fs';
import type { FrozenProc } from './freeze';
import { listProcs, ownTree, type Proc } from './proc-tree';

// Terminal sessions of an intruder, found like `pkill -t pts/3` / `pkill -u user` would, but as
// whole sessions (everything sharing the session id), and never the operator's own.

export interface Session {
  sid: number;
  tty: string;
  uid: number | null;
  leader: Proc;
  procs: Proc[];
}

/** "pts/3", "/dev/pts/3" or "tty1" → device number as in /proc/PID/stat; null if no such terminal. */
export function ttyDevice(name: string, dev = '/dev'): number | null {
  const rel = name.replace(/^\/dev\//, '');
  if (!/^(pts\/\d+|tty[A-Za-z]*\d+)$/.test(rel)) return null;
  try {
    const st = fs.statSync(`${dev}/${rel}`);
    return st.isCharacterDevice() ? st.rdev : null;
  } catch {
    return null;
  }
}

/** "pts/3", "tty1", or "-" without a terminal, from a /proc/PID/stat tty_nr. */
export function ttyName(ttyNr: number): string {
  if (ttyNr === 0) return '-';
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  if (major === 4 && minor < 64) return `tty${minor}`;
  return `tty ${major}:${minor}`;
}

export function sessions(procs = listProcs()): Session[] {
  const bySid = new Map<number, Proc[]>();
  for (const p of procs.values()) {
    if (p.session <= 0 || p.kernel) continue;
    const list = bySid.get(p.session) ?? [];
    list.push(p);
    bySid.set(p.session, list);
  }
  const out: Session[] = [];
  for (const [sid, list] of bySid) {
    const leader = procs.get(sid);
    if (!leader) continue;
    out.push({ sid, tty: ttyName(leader.ttyNr), uid: leader.uid, leader, procs: list.sort((a, b) => a.pid - b.pid) });
  }
  return out;
}

/** Programs that start login sessions: a session under one of them is someone logged in. */
const LOGIN_PARENTS = new Set(['sshd', 'sshd-session', 'dropbear', 'login', 'in.telnetd', 'telnetd', 'su', 'sudo']);

/** Sessions to end, and whether the operator's own session was among the matches (refused). */
export function findSessions(
  match: { ttyNr?: number; uid?: number },
  procs = listProcs(),
  self = process.pid,
): { found: Session[]; own: boolean } {
  const own = ownTree(procs, self);
  const ownSids = new Set([...own].map((pid) => procs.get(pid)?.session));
  let ownMatched = false;
  const found = sessions(procs).filter((s) => {
    const hit =
      (match.ttyNr !== undefined && s.leader.ttyNr === match.ttyNr) ||
      (match.uid !== undefined &&
        s.procs.some((p) => p.uid === match.uid) &&
        // A login (with or without a terminal: `ssh host bash -i` has none), not one of the user's daemons.
        (s.leader.ttyNr !== 0 || LOGIN_PARENTS.has(procs.get(s.leader.ppid)?.comm ?? '')));
    if (hit && (ownSids.has(s.sid) || s.procs.some((p) => own.has(p.pid)))) {
      ownMatched = true;
      return false;
    }
    return hit && s.sid !== 1;
  });
  return { found, own: ownMatched };
}

export function frozenEntries(s: Session): FrozenProc[] {
  return s.procs.map((p) => ({ pid: p.pid, startTicks: p.startTicks, comm: p.comm, role: p.pid === s.sid ? 'target' : 'descendant' }));
}
