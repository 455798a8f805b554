import type { Host } from '../host/host';
import type { ProcessFact } from './processes';
import { listPids, readTgid } from './processes';
import { parseStat } from './proc-parse';
import { type InterfaceCounters, parseNetDev, parseNetTable } from './net-parse';
import { parseTrace, startTrace, stopTrace, type TraceSession } from './tracefs';

// CPU and egress are rates, so they need two readings. The sampler starts before the
// collectors run and finishes after them: collection time hides inside the window.

const CLK_TCK = 100;

export interface InterfaceRate {
  netns: string | null;
  name: string;
  txBytesPerSec: number;
  txPacketsPerSec: number;
  rxBytesPerSec: number;
}

export interface SenderRate {
  pid: number;
  name: string;
  netns: string | null;
  bytesPerSec: number;
  packetsPerSec: number;
  /** Share of all non-loopback egress in the window (0..1). */
  share: number;
}

export interface TrafficFact {
  windowMs: number;
  /**
   * tracefs: per-packet kernel tracepoint (exact); estimate: egress split among processes with
   * evidence of sending in the window (bytes written, data queued on a socket, or a datagram
   * socket with busy system time), by their system CPU time.
   */
  method: 'tracefs' | 'estimate' | 'none';
  interfaces: InterfaceRate[];
  senders: SenderRate[];
}

declare module '../model/facts' {
  interface Facts {
    traffic: TrafficFact;
  }
}

interface CpuReading {
  ticks: number;
  sysTicks: number;
  comm: string;
}

interface Reading {
  atMs: number;
  cpu: Map<number, CpuReading>;
  /** wchar from /proc/PID/io: bytes the process passed to write() (sockets included; not sendto). */
  wchar: Map<number, number>;
  netns: Map<number, string>;
  netdev: Map<string, InterfaceCounters[]>;
}

export interface SampleHandle {
  start: Reading;
  trace: TraceSession | null;
}

function read(host: Host): Reading {
  const cpu = new Map<number, CpuReading>();
  const wchar = new Map<number, number>();
  const netns = new Map<number, string>();
  const netdev = new Map<string, InterfaceCounters[]>();
  for (const pid of listPids(host)) {
    const text = host.readText(`/proc/${pid}/stat`);
    const st = text ? parseStat(text) : null;
    if (!st) continue;
    cpu.set(pid, { ticks: st.utime + st.stime, sysTicks: st.stime, comm: st.comm });
    const io = host.readText(`/proc/${pid}/io`);
    const w = io ? /^wchar:\s*(\d+)/m.exec(io) : null;
    if (w) wchar.set(pid, Number(w[1]));
    const ns = host.readlink(`/proc/${pid}/ns/net`);
    if (!ns) continue;
    netns.set(pid, ns);
    if (!netdev.has(ns)) {
      const dev = host.readText(`/proc/${pid}/net/dev`);
      if (dev) netdev.set(ns, parseNetDev(dev));
    }
  }
  return { atMs: performance.now(), cpu, wchar, netns, netdev };
}

const INET_TABLES = ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6'] as const;

/** What the socket tables said about each inet socket during the window. */
export interface SocketSeen {
  proto: string;
  state: string;
  /** Data sat in its send queue at least once: it was sending. */
  queued: boolean;
}

/** Reads every network namespace's socket tables once, noting sockets with data in their send queue. */
function pollSockets(host: Host, readers: Map<string, number>, seen: Map<number, SocketSeen>): void {
  for (const pid of readers.values()) {
    for (const proto of INET_TABLES) {
      const text = host.readText(`/proc/${pid}/net/${proto}`);
      if (!text) continue;
      for (const sock of parseNetTable(text, !proto.startsWith('tcp'))) {
        const prev = seen.get(sock.inode);
        const queued = (prev?.queued ?? false) || sock.txQueue > 0;
        seen.set(sock.inode, { proto, state: sock.state, queued });
      }
    }
  }
}

/** One process per network namespace, through which that namespace's tables are read. */
function namespaceReaders(r: Reading): Map<string, number> {
  const out = new Map<string, number>();
  for (const [pid, ns] of r.netns) if (!out.has(ns)) out.set(ns, pid);
  return out;
}

export function startSample(host: Host, useTrace: boolean): SampleHandle {
  return { start: read(host), trace: useTrace ? startTrace() : null };
}

export async function finishSample(host: Host, handle: SampleHandle, windowMs: number, processes: ProcessFact[]): Promise<TrafficFact> {
  // The wait is spent looking at send queues: a socket with queued data is a sender caught in the act.
  const sockets = new Map<number, SocketSeen>();
  const readers = namespaceReaders(handle.start);
  for (;;) {
    const left = windowMs - (performance.now() - handle.start.atMs);
    if (left <= 0) break;
    await new Promise((r) => setTimeout(r, Math.min(100, left)));
    pollSockets(host, readers, sockets);
  }
  const traceText = handle.trace ? stopTrace(handle.trace) : null;
  const end = read(host);
  pollSockets(host, namespaceReaders(end), sockets);
  const seconds = (end.atMs - handle.start.atMs) / 1000;
  const { start } = handle;

  const cpuDelta = new Map<number, { total: number; sys: number; wrote: number }>();
  for (const [pid, b] of end.cpu) {
    const a = start.cpu.get(pid);
    if (!a || a.comm !== b.comm) continue; // a reused PID is a different process
    const wrote = Math.max(0, (end.wchar.get(pid) ?? 0) - (start.wchar.get(pid) ?? 0));
    cpuDelta.set(pid, { total: b.ticks - a.ticks, sys: b.sysTicks - a.sysTicks, wrote });
  }
  for (const p of processes) {
    const d = cpuDelta.get(p.pid);
    if (d) p.cpuPercent = Math.round((d.total / CLK_TCK / seconds) * 1000) / 10;
  }

  const interfaces: InterfaceRate[] = [];
  const egressByNs = new Map<string, { bytes: number; packets: number }>();
  for (const [ns, after] of end.netdev) {
    const before = start.netdev.get(ns);
    if (!before) continue;
    for (const b of after) {
      const a = before.find((x) => x.name === b.name);
      if (!a) continue;
      const tx = Math.max(0, b.txBytes - a.txBytes);
      const txp = Math.max(0, b.txPackets - a.txPackets);
      interfaces.push({
        netns: ns,
        name: b.name,
        txBytesPerSec: Math.round(tx / seconds),
        txPacketsPerSec: Math.round(txp / seconds),
        rxBytesPerSec: Math.round(Math.max(0, b.rxBytes - a.rxBytes) / seconds),
      });
      if (b.name === 'lo') continue;
      const e = egressByNs.get(ns) ?? { bytes: 0, packets: 0 };
      e.bytes += tx;
      e.packets += txp;
      egressByNs.set(ns, e);
    }
  }
  const totalEgress = [...egressByNs.values()].reduce((s, e) => s + e.bytes, 0);
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const nsOf = (pid: number) => byPid.get(pid)?.netns ?? end.netns.get(pid) ?? null;

  let senders: SenderRate[] = [];
  let method: TrafficFact['method'] = 'none';
  if (traceText !== null) {
    method = 'tracefs';
    const traced = parseTrace(traceText, (tid) => readTgid(host, tid) ?? tid);
    const tracedBytes = traced.reduce((s, t) => s + t.bytes, 0);
    // The ring buffer keeps only the newest events at flood rates: scale the sample to the interface totals.
    const scale = tracedBytes > 0 && totalEgress > tracedBytes ? totalEgress / tracedBytes : 1;
    senders = traced.map((t) => {
      const pid = resolveTracedPid(t, processes, cpuDelta, (p) => {
        const d = cpuDelta.get(p.pid);
        return d !== undefined && sentSomething(p.socketInodes, sockets, d);
      });
      return {
        pid,
        name: t.comm,
        netns: nsOf(pid),
        bytesPerSec: Math.round((t.bytes * scale) / seconds),
        packetsPerSec: Math.round((t.packets * scale) / seconds),
        share: tracedBytes > 0 ? t.bytes / tracedBytes : 0,
      };
    });
  } else if (totalEgress > 0) {
    method = 'estimate';
    senders = estimateSenders(processes, cpuDelta, sockets, egressByNs, totalEgress, seconds);
  }
  senders.sort((a, b) => b.bytesPerSec - a.bytesPerSec);
  return { windowMs: Math.round(seconds * 1000), method, interfaces, senders: senders.slice(0, 20) };
}

/**
 * System time (clock ticks) a datagram socket holder must spend in the window to count as sending.
 * An absolute floor, not a share of the window: a flooder on a loaded machine gets little CPU but
 * always more than this, and a holder that sleeps in recv() or pause() spends none.
 */
const DATAGRAM_SENDER_SYS_TICKS = 2;

/**
 * Whether a process has evidence of sending in the window, from counters it cannot fake by being
 * idle: data sat in one of its sockets' send queues; it wrote bytes (write() counts in
 * /proc/PID/io) while holding a connected socket; or it holds a datagram or raw socket and spent
 * a sending loop's system time (sendto() has no per-process byte counter). A listener alone, or
 * an idle process that wakes up to poll, has none, whatever its CPU time.
 */
export function sentSomething(inodes: number[], sockets: ReadonlyMap<number, SocketSeen>, delta: { sys: number; wrote: number }): boolean {
  const mine = inodes.map((i) => sockets.get(i)).filter((x): x is SocketSeen => x !== undefined && x.state !== 'LISTEN');
  if (mine.length === 0) return false;
  if (mine.some((x) => x.queued)) return true;
  if (delta.wrote > 0 && mine.some((x) => x.state === 'ESTABLISHED')) return true;
  const datagram = mine.some((x) => x.proto.startsWith('udp') || x.proto.startsWith('raw'));
  return datagram && delta.sys >= DATAGRAM_SENDER_SYS_TICKS;
}

/**
 * Without tracefs the kernel keeps no per-process byte counter for sendto()/raw sockets, so each
 * namespace's egress is split among the processes there with evidence of sending (sentSomething),
 * in proportion to their system CPU time. Traffic with no such process stays unattributed: naming
 * a bystander would send the responder after the wrong process.
 */
function estimateSenders(
  processes: ProcessFact[],
  cpuDelta: Map<number, { total: number; sys: number; wrote: number }>,
  sockets: Map<number, SocketSeen>,
  egressByNs: Map<string, { bytes: number; packets: number }>,
  totalEgress: number,
  seconds: number,
): SenderRate[] {
  const out: SenderRate[] = [];
  for (const [ns, egress] of egressByNs) {
    if (egress.bytes === 0) continue;
    const candidates = processes.filter((p) => {
      const d = cpuDelta.get(p.pid);
      return p.netns === ns && d !== undefined && sentSomething(p.socketInodes, sockets, d);
    });
    const weights = candidates.map((p) => Math.max(1, cpuDelta.get(p.pid)?.sys ?? 0));
    const sum = weights.reduce((s, w) => s + w, 0);
    if (sum === 0) continue;
    candidates.forEach((p, i) => {
      const part = weights[i] / sum;
      out.push({
        pid: p.pid,
        name: p.name,
        netns: ns,
        bytesPerSec: Math.round((egress.bytes * part) / seconds),
        packetsPerSec: Math.round((egress.packets * part) / seconds),
        share: (egress.bytes * part) / totalEgress,
      });
    });
  }
  return out;
}

/**
 * The tracepoint records PIDs as the initial PID namespace sees them. When the scanner runs in
 * another PID namespace (a container), the same number is a different process: re-identify the
 * sender by its name; among namesakes, by evidence of sending (an idle server of the same name
 * polls and spends system time too), then by the system CPU time it spent.
 */
function resolveTracedPid(
  t: { tgid: number; comm: string },
  processes: ProcessFact[],
  cpuDelta: Map<number, { sys: number }>,
  sent: (p: ProcessFact) => boolean,
): number {
  const same = processes.find((p) => p.pid === t.tgid);
  if (same && same.name === t.comm) return t.tgid;
  const all = processes.filter((p) => p.name === t.comm);
  const senders = all.filter(sent);
  const namesakes = senders.length > 0 ? senders : all;
  if (namesakes.length === 0) return t.tgid;
  const sys = (p: ProcessFact) => cpuDelta.get(p.pid)?.sys ?? 0;
  return namesakes.reduce((best, p) => (sys(p) > sys(best) ? p : best)).pid;
}
