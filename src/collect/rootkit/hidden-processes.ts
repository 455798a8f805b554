import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { parseNetTable } from '../net-parse';
import { bootTimeMs, readProcess, readTgid, type ProcessFact } from '../processes';
import { parseStat } from '../proc-parse';
import { listViaReaddir, listViaScandir, numericNames } from './proc-listings';
import { procLookup, readPidMax, signalReaches, sweepPids } from './pid-sweep';

export type SeenBy = 'signal' | 'proc-lookup' | 'parent-of-visible' | 'thread';
export type Listing = 'readdir' | 'scandir';

export interface HiddenProcessFact {
  pid: number;
  /** Null when the process exists to lookups but its /proc files could not be read either. */
  process: ProcessFact | null;
  /** The views that showed it exists. */
  seenBy: SeenBy[];
  /** The directory listings of /proc that left it out, on both passes. */
  missingFrom: Listing[];
  /** "tcp 0.0.0.0:4444 LISTEN", or "socket:[123] absent from the socket tables". */
  sockets: string[];
}

export interface HiddenProcessesFact {
  pidMax: number;
  signalSweep: { to: number; ms: number; workers: number } | null;
  lookupSweep: { to: number; ms: number };
  listedReaddir: number;
  listedScandir: number;
  hidden: HiddenProcessFact[];
}

declare module '../../model/facts' {
  interface Facts {
    hiddenProcesses: HiddenProcessesFact;
  }
}

/** /proc/<pid> lookups are swept at least this far, and past the highest PID seen by this margin. */
const LOOKUP_MIN = 32_768;
const LOOKUP_MARGIN = 4_096;
const NET_TABLES = ['tcp', 'tcp6', 'udp', 'udp6'] as const;

function startTicks(host: Host, pid: number): number | null {
  const text = host.readText(`/proc/${pid}/stat`, 4096);
  return text ? (parseStat(text)?.startTicks ?? null) : null;
}

/** Sockets of a hidden process, looked up in its own network namespace's tables. */
function socketLines(host: Host, p: ProcessFact): string[] {
  if (p.socketInodes.length === 0) return [];
  const wanted = new Set(p.socketInodes);
  const out: string[] = [];
  for (const proto of NET_TABLES) {
    const text = host.readText(`/proc/${p.pid}/net/${proto}`);
    if (!text) continue;
    for (const s of parseNetTable(text, proto.startsWith('udp'))) {
      if (!wanted.has(s.inode)) continue;
      wanted.delete(s.inode);
      const remote = s.remotePort === 0 ? '' : ` -> ${s.remote}:${s.remotePort}`;
      out.push(`${proto} ${s.local}:${s.localPort}${remote} ${s.state}`.trim());
    }
  }
  for (const ino of wanted) out.push(`socket:[${ino}] (unix socket, or absent from the tcp/udp tables)`);
  return out.slice(0, 32);
}

export default defineCollector({
  name: 'hiddenProcesses',
  description:
    'Processes that exist (answer kill(pid, 0) or a /proc/<pid> lookup, or are the parent of a visible process) but are missing from the /proc directory listing, double-checked against races.',
  paths: ['/proc (readdir and scandir listings)', '/proc/<1..pid_max>', '/proc/sys/kernel/pid_max', '/proc/[pid]/{stat,status,net/*}'],
  liveOnly: true,
  after: ['processes'],
  collect({ host, facts, gap }) {
    // The scanner and its worker threads are never suspects.
    const self = process.pid;
    const listedScandir = numericNames(listViaScandir('/proc'));
    const listedReaddir = numericNames(listViaReaddir('/proc'));
    const pidMax = readPidMax(host.readText('/proc/sys/kernel/pid_max'));

    const seen = new Map<number, Set<SeenBy>>();
    const mark = (pid: number, how: SeenBy) => {
      const s = seen.get(pid);
      if (s) s.add(how);
      else seen.set(pid, new Set([how]));
    };

    // kill() speaks the scanner's PID namespace; /proc may belong to another one (a container
    // given the host's /proc). Mixing the two would call every process hidden.
    const sameNamespace = host.readlink('/proc/self') === String(self);
    let signalSweep: HiddenProcessesFact['signalSweep'] = null;
    let maxSeen = 0;
    for (const pid of listedScandir) if (pid > maxSeen) maxSeen = pid;
    if (sameNamespace) {
      try {
        const r = sweepPids('signal', 1, pidMax);
        for (const pid of r.pids) mark(pid, 'signal');
        signalSweep = { to: pidMax, ms: Math.round(r.ms), workers: r.workers };
        if (r.pids.length > 0) maxSeen = Math.max(maxSeen, r.pids[r.pids.length - 1]);
      } catch (e) {
        gap('/proc', `signal sweep failed: ${(e as Error).message}`);
      }
    } else {
      gap('/proc', '/proc belongs to another PID namespace than the scanner: signal sweep skipped');
    }
    const lookupTo = Math.min(pidMax, Math.max(LOOKUP_MIN, maxSeen + LOOKUP_MARGIN));
    const lookup = sweepPids('proc-lookup', 1, lookupTo);
    for (const pid of lookup.pids) mark(pid, 'proc-lookup');
    for (const p of facts.processes ?? []) if (p.ppid > 0) mark(p.ppid, 'parent-of-visible');

    const listedBoth = (pid: number) => listedScandir.has(pid) && listedReaddir.has(pid);
    // Threads of listed processes answer the sweeps too; one task listing per multi-threaded
    // process is far cheaper than a status read per thread on a JVM host with thousands.
    const knownThreads = new Set<number>();
    for (const p of facts.processes ?? []) {
      if (p.threads <= 1 || !listedBoth(p.pid)) continue;
      for (const t of host.readDir(`/proc/${p.pid}/task`) ?? []) knownThreads.add(Number(t));
    }
    // Thread ids answer lookups and signals but are never listed: resolve them to their process.
    const candidates = new Map<number, { seenBy: Set<SeenBy>; start: number | null }>();
    for (const [pid, how] of seen) {
      if (pid === self || listedBoth(pid) || knownThreads.has(pid)) continue;
      const tgid = readTgid(host, pid);
      let leader = pid;
      if (tgid !== null && tgid !== pid) {
        if (tgid === self || listedBoth(tgid)) continue;
        leader = tgid;
        how.add('thread');
      }
      const c = candidates.get(leader);
      if (c) for (const h of how) c.seenBy.add(h);
      else candidates.set(leader, { seenBy: new Set(how), start: startTicks(host, leader) });
    }
    if (candidates.size === 0) {
      return {
        pidMax,
        signalSweep,
        lookupSweep: { to: lookupTo, ms: Math.round(lookup.ms) },
        listedReaddir: listedReaddir.size,
        listedScandir: listedScandir.size,
        hidden: [],
      };
    }

    // A process born after the first listing is not hidden: list again. Anything the sweep saw
    // existed before this second listing began; if it is still there afterwards with the same
    // start time, it existed throughout and a truthful listing would have returned it.
    const againScandir = numericNames(listViaScandir('/proc'));
    const againReaddir = numericNames(listViaReaddir('/proc'));
    const bootMs = bootTimeMs(host);
    const hidden: HiddenProcessFact[] = [];
    for (const [pid, c] of [...candidates].sort((a, b) => a[0] - b[0])) {
      const missingFrom: Listing[] = [];
      if (!listedReaddir.has(pid) && !againReaddir.has(pid)) missingFrom.push('readdir');
      if (!listedScandir.has(pid) && !againScandir.has(pid)) missingFrom.push('scandir');
      if (missingFrom.length === 0) continue;
      const start = startTicks(host, pid);
      if (c.start === null && start === null) {
        // Nothing readable: keep it only if it still answers both unfakeable lookups.
        if (!(signalReaches(pid) && procLookup(pid))) continue;
        hidden.push({ pid, process: null, seenBy: [...c.seenBy].sort(), missingFrom, sockets: [] });
        continue;
      }
      if (start === null || start !== c.start) continue; // exited, or the PID was reused
      const p = readProcess(host, pid, bootMs, gap);
      if (!p) continue;
      hidden.push({ pid, process: p, seenBy: [...c.seenBy].sort(), missingFrom, sockets: socketLines(host, p) });
    }
    return {
      pidMax,
      signalSweep,
      lookupSweep: { to: lookupTo, ms: Math.round(lookup.ms) },
      listedReaddir: listedReaddir.size,
      listedScandir: listedScandir.size,
      hidden,
    };
  },
});
