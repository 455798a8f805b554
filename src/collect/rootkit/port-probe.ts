import { Worker } from 'node:worker_threads';

// Which ports are held, asked of the kernel's bind() rather than of /proc/net tables a rootkit can
// filter. Each probe binds (TCP: bind + listen, as Node has no bare bind) on the wildcard address
// and closes at once: EADDRINUSE means some socket holds the port. Nothing connects anywhere.
// Node's sockets are asynchronous, so the probes run in a worker and the collector waits on a
// shared buffer. Measured on two cores: ~16 µs per probe, so 65 535 TCP ports take ~1 s per
// family — too slow for every scan; the default is a priority list (see intel rootkit.priorityPorts
// and hidden-ports.ts), all ports with the collector option `deep`.

export type ProbeFamily = 'tcp4' | 'tcp6' | 'udp4' | 'udp6';
export const FAMILIES: ProbeFamily[] = ['tcp4', 'tcp6', 'udp4', 'udp6'];

const WORKER_SOURCE = `
const net = require('node:net');
const dgram = require('node:dgram');
const { workerData } = require('node:worker_threads');
const { ports, families, sab, concurrency } = workerData;
const out = new Int32Array(sab);
function tcp(port, v6) {
  return new Promise((res) => {
    const s = net.createServer();
    s.once('error', (e) => res(e.code === 'EADDRINUSE'));
    s.listen({ port, host: v6 ? '::' : '0.0.0.0', ipv6Only: v6, exclusive: true, backlog: 1 }, () => s.close(() => res(false)));
  });
}
function udp(port, v6) {
  return new Promise((res) => {
    const s = dgram.createSocket(v6 ? { type: 'udp6', ipv6Only: true } : { type: 'udp4' });
    s.once('error', (e) => { try { s.close(); } catch {} res(e.code === 'EADDRINUSE'); });
    s.bind({ port, address: v6 ? '::' : '0.0.0.0', exclusive: true }, () => s.close(() => res(false)));
  });
}
const probe = { tcp4: (p) => tcp(p, false), tcp6: (p) => tcp(p, true), udp4: (p) => udp(p, false), udp6: (p) => udp(p, true) };
(async () => {
  let n = 0;
  for (let f = 0; f < families.length; f++) {
    let next = 0;
    const lane = async () => {
      while (next < ports.length) {
        const port = ports[next++];
        if (await probe[families[f]](port) && n < out.length - 2) out[2 + n++] = f * 65536 + port;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  }
  out[1] = n;
  Atomics.store(out, 0, 1);
  Atomics.notify(out, 0);
})().catch(() => { out[1] = -1; Atomics.store(out, 0, 1); Atomics.notify(out, 0); });
`;

const TIMEOUT_MS = 20_000;

/** Ports in use per family, as bind() reports them. Throws when the probe could not run. */
/**
 * Ports per worker. Closed sockets leave garbage faster than a small worker heap collects it, so
 * a full sweep runs as several short-lived workers: each one's heap is freed when it ends, which
 * keeps peak memory bounded whatever the port count.
 */
const PORTS_PER_WORKER = 4096;

/** Ports in use per family, as bind() reports them. Throws when the probe could not run. */
export function probeBoundPorts(ports: number[], families: ProbeFamily[] = FAMILIES): Record<ProbeFamily, number[]> {
  const result: Record<ProbeFamily, number[]> = { tcp4: [], tcp6: [], udp4: [], udp6: [] };
  if (ports.length === 0 || families.length === 0) return result;
  const deadline = Date.now() + TIMEOUT_MS * Math.ceil(ports.length / PORTS_PER_WORKER);
  for (let i = 0; i < ports.length; i += PORTS_PER_WORKER) {
    probeChunk(ports.slice(i, i + PORTS_PER_WORKER), families, result, deadline);
  }
  for (const f of families) result[f].sort((a, b) => a - b);
  return result;
}

function probeChunk(ports: number[], families: ProbeFamily[], result: Record<ProbeFamily, number[]>, deadline: number): void {
  const sab = new SharedArrayBuffer(4 * (2 + ports.length * families.length));
  const out = new Int32Array(sab);
  const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { ports, families, sab, concurrency: 128 } });
  w.unref();
  // The caller is blocked in Atomics.wait, so a dying worker is noticed by the deadline; the
  // listener only keeps its late 'error' event from crashing the scan afterwards.
  w.on('error', () => {});
  try {
    while (Atomics.load(out, 0) === 0) {
      if (Date.now() > deadline) throw new Error('port probe timed out');
      Atomics.wait(out, 0, 0, 500);
    }
    if (out[1] < 0) throw new Error('port probe failed');
    for (let i = 0; i < out[1]; i++) {
      const v = out[2 + i];
      result[families[Math.floor(v / 65536)]].push(v % 65536);
    }
  } finally {
    void w.terminate();
  }
}
