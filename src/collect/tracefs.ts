import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Per-packet egress attribution from the kernel's own tracepoint (net:net_dev_queue runs in the
// sending task's context), in a private tracefs instance so nobody else's tracing is touched.
// Exact where tracefs is mounted; otherwise the sampler falls back to an estimate.

const MOUNTS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];
const BUFFER_KB_PER_CPU = 4096;

export interface TraceSession {
  dir: string;
}

export interface TracedSender {
  tgid: number;
  /** Task name as the kernel recorded it, to re-identify the process across PID namespaces. */
  comm: string;
  bytes: number;
  packets: number;
}

function write(file: string, value: string) {
  fs.writeFileSync(file, value);
}

// A tracing instance left behind would keep recording every packet of a host under attack:
// sessions still open when the scanner is interrupted are closed on the way out.
const open = new Set<TraceSession>();

function closeAll() {
  for (const s of [...open]) stopTrace(s);
}

const SIGNALS: [NodeJS.Signals, number][] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

function onSignal(signal: NodeJS.Signals) {
  closeAll();
  process.exit(SIGNALS.find(([s]) => s === signal)?.[1] ?? 143);
}

function track(session: TraceSession) {
  if (open.size === 0) {
    process.once('exit', closeAll);
    for (const [sig] of SIGNALS) process.once(sig, onSignal);
  }
  open.add(session);
}

function untrack(session: TraceSession) {
  open.delete(session);
  if (open.size === 0) {
    process.removeListener('exit', closeAll);
    for (const [sig] of SIGNALS) process.removeListener(sig, onSignal);
  }
}

/** The PID namespace this process lives in ("4026531836"): PIDs in instance names mean something only there. */
function pidNamespace(): string {
  try {
    return /\[(\d+)\]/.exec(fs.readlinkSync('/proc/self/ns/pid'))?.[1] ?? '0';
  } catch {
    return '0';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const OWN_NAME = /^hostsweep_(\d+)_(\d+)_[0-9a-f]{8}$/;

/**
 * Instances left by earlier scans of ours that died without cleaning up (SIGKILL, power loss):
 * the name says which PID namespace and PID made it; one whose process is gone is closed. An
 * instance from another PID namespace cannot be judged from here and is left alone.
 */
export function removeStaleInstances(base: string): string[] {
  const ns = pidNamespace();
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(path.join(base, 'instances'));
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = OWN_NAME.exec(name);
    if (!m || m[1] !== ns || Number(m[2]) === process.pid || alive(Number(m[2]))) continue;
    stopTrace({ dir: path.join(base, 'instances', name) });
    if (!fs.existsSync(path.join(base, 'instances', name))) removed.push(name);
  }
  return removed;
}

export function startTrace(): TraceSession | null {
  const base = MOUNTS.find((m) => fs.existsSync(path.join(m, 'instances')));
  if (!base) return null;
  removeStaleInstances(base);
  // PIDs repeat across PID namespaces and tracefs instances are global: the name carries both.
  const dir = path.join(base, 'instances', `hostsweep_${pidNamespace()}_${process.pid}_${randomBytes(4).toString('hex')}`);
  // Cleanup is registered before the instance exists: a SIGTERM right after start must not leave
  // it recording every packet of the host.
  const session = { dir };
  track(session);
  try {
    fs.mkdirSync(dir);
  } catch {
    untrack(session);
    return null;
  }
  try {
    write(path.join(dir, 'buffer_size_kb'), String(BUFFER_KB_PER_CPU));
    try {
      write(path.join(dir, 'options/record-tgid'), '1');
    } catch {
      // older kernels: TIDs are mapped to processes afterwards
    }
    write(path.join(dir, 'events/net/net_dev_queue/enable'), '1');
    write(path.join(dir, 'tracing_on'), '1');
    return session;
  } catch {
    stopTrace(session);
    return null;
  }
}

export function stopTrace(session: TraceSession): string | null {
  untrack(session);
  let text: string | null = null;
  try {
    write(path.join(session.dir, 'tracing_on'), '0');
    text = fs.readFileSync(path.join(session.dir, 'trace'), 'utf8');
  } catch {
    text = null;
  }
  try {
    write(path.join(session.dir, 'events/net/net_dev_queue/enable'), '0');
  } catch {
    // best effort
  }
  try {
    fs.rmdirSync(session.dir);
  } catch {
    // instance busy: the kernel frees it when its files are closed
  }
  return text;
}

// "  comm-1234  (   1230) [001] b..1.  12.34: net_dev_queue: dev=veth0 skbaddr=… len=554"
const LINE = /^\s*(.*?)-(\d+)\s+(?:\(\s*(\d+|-+)\)\s+)?\[\d+\][^:]*: net_dev_queue: dev=(\S+) .*\blen=(\d+)/;

/** Sums traced packets per thread group, ignoring loopback. tidToTgid maps threads when the tgid was not recorded. */
export function parseTrace(text: string, tidToTgid: (tid: number) => number): TracedSender[] {
  const by = new Map<number, TracedSender>();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m || m[4] === 'lo') continue;
    const tid = Number(m[2]);
    const tgid = m[3] && /^\d+$/.test(m[3]) ? Number(m[3]) : tidToTgid(tid);
    const s = by.get(tgid) ?? { tgid, comm: m[1], bytes: 0, packets: 0 };
    s.bytes += Number(m[5]);
    s.packets += 1;
    by.set(tgid, s);
  }
  return [...by.values()];
}
