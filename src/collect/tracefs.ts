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

export function startTrace(): TraceSession | null {
  const base = MOUNTS.find((m) => fs.existsSync(path.join(m, 'instances')));
  if (!base) return null;
  const dir = path.join(base, 'instances', `hostsweep_${process.pid}`);
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
    return { dir };
  } catch {
    stopTrace({ dir });
    return null;
  }
}

export function stopTrace(session: TraceSession): string | null {
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
