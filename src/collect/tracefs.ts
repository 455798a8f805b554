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

function onSignal(signal: NodeJS.Signals) {
  closeAll();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(session: TraceSession) {
  if (open.size === 0) {
    process.once('exit', closeAll);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  open.add(session);
}

function untrack(session: TraceSession) {
  open.delete(session);
  if (open.size === 0) {
    process.removeListener('exit', closeAll);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

export function startTrace(): TraceSession | null {
  const base = MOUNTS.find((m) => fs.existsSync(path.join(m, 'instances')));
  if (!base) return null;
  // PIDs repeat across PID namespaces and tracefs instances are global: the name must not.
  const dir = path.join(base, 'instances', `hostsweep_${process.pid}_${randomBytes(4).toString('hex')}`);
  try {
    fs.mkdirSync(dir);
  } catch {
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
    const session = { dir };
    track(session);
    return session;
  } catch {
    stopTrace({ dir });
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
