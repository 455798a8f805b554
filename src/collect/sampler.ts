import type { Host } from '../host/host';
import type { ProcessFact } from './processes';
import { listPids, readTgid } from './processes';
import { parseStat } from './proc-parse';
import { type InterfaceCounters, parseNetDev } from './net-parse';
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
  /** tracefs: per-packet kernel tracepoint (exact); estimate: egress split by system CPU time of socket owners. */
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
  netns: Map<number, string>;
  netdev: Map<string, InterfaceCounters[]>;
}

export interface SampleHandle {
  start: Reading;
  trace: TraceSession | null;
}

function read(host: Host): Reading {
  const cpu = new Map<number, CpuReading>();
  const netns = new Map<number, string>();
  const netdev = new Map<string, InterfaceCounters[]>();
  for (const pid of listPids(host)) {
    const text = host.readText(`/proc/${pid}/stat`);
    const st = text ? parseStat(text) : null;
    if (!st) continue;
    cpu.set(pid, { ticks: st.utime + st.stime, sysTicks: st.stime, comm: st.comm });
    const ns = host.readlink(`/proc/${pid}/ns/net`);
    if (!ns) continue;
    netns.set(pid, ns);
    if (!netdev.has(ns)) {
      const dev = host.readText(`/proc/${pid}/net/dev`);
      if (dev) netdev.set(ns, parseNetDev(dev));
    }
  }
  return { atMs: performance.now(), cpu, netns, netdev };
}

export function startSample(host: Host, useTrace: boolean): SampleHandle {
  return { start: read(host), trace: useTrace ? startTrace() : null };
}

export async function finishSample(host: Host, handle: SampleHandle, windowMs: number, processes: ProcessFact[]): Promise<TrafficFact> {
  const elapsed = performance.now() - handle.start.atMs;
  if (elapsed < windowMs) await new Promise((r) => setTimeout(r, windowMs - elapsed));
  const traceText = handle.trace ? stopTrace(handle.trace) : null;
  const end = read(host);
  const seconds = (end.atMs - handle.start.atMs) / 1000;
  const { start } = handle;

  const cpuDelta = new Map<number, { total: number; sys: number }>();
  for (const [pid, b] of end.cpu) {
    const a = start.cpu.get(pid);
    if (!a || a.comm !== b.comm) continue; // a reused PID is a different process
    cpuDelta.set(pid, { total: b.ticks - a.ticks, sys: b.sysTicks - a.sysTicks });
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
      const pid = resolveTracedPid(t, processes, cpuDelta);
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
    senders = estimateSenders(processes, cpuDelta, egressByNs, totalEgress, seconds);
  }
  senders.sort((a, b) => b.bytesPerSec - a.bytesPerSec);
  return { windowMs: Math.round(seconds * 1000), method, interfaces, senders: senders.slice(0, 20) };
}

/**
 * Without tracefs the kernel keeps no per-process byte counter for sendto()/raw sockets, so
 * each namespace's egress is split among processes that hold a non-listening socket there, in
 * proportion to the system CPU time they spent in the window (sending is system time).
 */
function estimateSenders(
  processes: ProcessFact[],
  cpuDelta: Map<number, { total: number; sys: number }>,
  egressByNs: Map<string, { bytes: number; packets: number }>,
  totalEgress: number,
  seconds: number,
): SenderRate[] {
  const out: SenderRate[] = [];
  for (const [ns, egress] of egressByNs) {
    if (egress.bytes === 0) continue;
    const candidates = processes.filter((p) => p.netns === ns && p.socketInodes.length > 0);
    const weights = candidates.map((p) => cpuDelta.get(p.pid)?.sys ?? 0);
    const sum = weights.reduce((s, w) => s + w, 0);
    if (sum === 0) continue;
    candidates.forEach((p, i) => {
      if (weights[i] === 0) return;
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
 * sender by its name, and among namesakes by the system CPU time it spent (sending is system time).
 */
function resolveTracedPid(t: { tgid: number; comm: string }, processes: ProcessFact[], cpuDelta: Map<number, { sys: number }>): number {
  const same = processes.find((p) => p.pid === t.tgid);
  if (same && same.name === t.comm) return t.tgid;
  const namesakes = processes.filter((p) => p.name === t.comm);
  if (namesakes.length === 0) return t.tgid;
  const sys = (p: ProcessFact) => cpuDelta.get(p.pid)?.sys ?? 0;
  return namesakes.reduce((best, p) => (sys(p) > sys(best) ? p : best)).pid;
}
