import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

// Brute-force views of the PID space that a readdir hook cannot fake (unhide's idea, made fast).
//
// Measured on two cores (see scripts/bench-sweep.ts): kill(pid, 0) costs ~0.3 µs in the kernel
// but ~5 µs through process.kill, because every absent PID throws an exception. Node's internal
// process._kill returns the errno instead of throwing, so a full 4 194 304-PID sweep takes ~2 s
// on one thread and ~1 s on two workers. A /proc/<pid> lookup costs ~2.5 µs inside the kernel
// (procfs builds a dentry), so that view is swept over the low range only unless asked for more.
// Both run synchronously because collectors are synchronous: workers share a buffer and the
// main thread waits on it with Atomics.wait.

type RawKill = (pid: number, signal: number) => number;

const ESRCH = -3;

function rawKill(): RawKill | null {
  const k = (process as unknown as { _kill?: unknown })._kill;
  return typeof k === 'function' ? (k as RawKill).bind(process) : null;
}

/** True when a signal could reach pid (0 = allowed, EPERM = exists but not ours). */
export function signalReaches(pid: number): boolean {
  const k = rawKill();
  if (k) return k(pid, 0) !== ESRCH;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when /proc/<pid> answers a lookup by name (works for thread ids too, which listings omit). */
export function procLookup(pid: number): boolean {
  return fs.statSync(`/proc/${pid}`, { throwIfNoEntry: false }) !== undefined;
}

export type SweepMethod = 'signal' | 'proc-lookup';

function sweepRange(method: SweepMethod, from: number, to: number, found: number[]) {
  if (method === 'signal') {
    const k = rawKill();
    for (let p = from; p <= to; p++) if (k ? k(p, 0) !== ESRCH : signalReaches(p)) found.push(p);
  } else {
    for (let p = from; p <= to; p++) if (procLookup(p)) found.push(p);
  }
}

// Plain JS so it runs the same from tsx, from the bundle and from a single executable.
const WORKER_SOURCE = `
const fs = require('node:fs');
const { workerData } = require('node:worker_threads');
const { method, from, to, sab, slot, capacity, slots } = workerData;
const out = new Int32Array(sab);
const k = typeof process._kill === 'function' ? process._kill.bind(process) : null;
const has = method === 'signal'
  ? (p) => { if (k) return k(p, 0) !== -3; try { process.kill(p, 0); return true; } catch (e) { return e.code === 'EPERM'; } }
  : (p) => fs.statSync('/proc/' + p, { throwIfNoEntry: false }) !== undefined;
const base = slot * (capacity + 1);
let n = 0;
for (let p = from; p <= to; p++) {
  if (has(p)) { if (n < capacity) out[base + 1 + n] = p; n++; }
}
out[base] = n;
const done = slots * (capacity + 1) + slot;
Atomics.store(out, done, 1);
Atomics.notify(out, done);
`;

/** Ranges above this are split across worker threads; below it, worker start-up costs more than it saves. */
const PARALLEL_THRESHOLD = 262_144;
const WORKER_CAPACITY = 1 << 20;
const WORKER_TIMEOUT_MS = 30_000;

export interface SweepResult {
  pids: number[];
  ms: number;
  workers: number;
}

/** Every PID in [from, to] that the method says exists, in ascending order. */
export function sweepPids(method: SweepMethod, from: number, to: number, opts: { maxWorkers?: number } = {}): SweepResult {
  const t0 = performance.now();
  const span = to - from + 1;
  const workers = span > PARALLEL_THRESHOLD ? Math.max(1, Math.min(opts.maxWorkers ?? 4, os.availableParallelism())) : 1;
  if (workers === 1 || span <= 0) {
    const pids: number[] = [];
    if (span > 0) sweepRange(method, from, to, pids);
    return { pids, ms: performance.now() - t0, workers: 1 };
  }
  const slots = workers;
  const sab = new SharedArrayBuffer(4 * (slots * (WORKER_CAPACITY + 1) + slots));
  const out = new Int32Array(sab);
  const per = Math.ceil(span / slots);
  const started: Worker[] = [];
  try {
    for (let i = 0; i < slots; i++) {
      const a = from + i * per;
      const b = Math.min(to, a + per - 1);
      // execArgv: [] keeps loaders such as tsx out of the workers: they only need node:fs.
      const w = new Worker(WORKER_SOURCE, {
        eval: true,
        execArgv: [],
        workerData: { method, from: a, to: b, sab, slot: i, capacity: WORKER_CAPACITY, slots },
      });
      w.unref();
      started.push(w);
    }
    const pids: number[] = [];
    for (let i = 0; i < slots; i++) {
      const done = slots * (WORKER_CAPACITY + 1) + i;
      const deadline = Date.now() + WORKER_TIMEOUT_MS;
      while (Atomics.load(out, done) === 0) {
        if (Date.now() > deadline) throw new Error(`pid sweep worker ${i} timed out`);
        Atomics.wait(out, done, 0, 1000);
      }
      const base = i * (WORKER_CAPACITY + 1);
      const n = Math.min(out[base], WORKER_CAPACITY);
      for (let j = 0; j < n; j++) pids.push(out[base + 1 + j]);
    }
    return { pids, ms: performance.now() - t0, workers };
  } finally {
    for (const w of started) void w.terminate();
  }
}

export function readPidMax(text: string | null): number {
  const n = text === null ? Number.NaN : Number(text.trim());
  // The kernel caps pid_max at 4 194 304 (PID_MAX_LIMIT); anything else is a damaged read.
  return Number.isInteger(n) && n > 300 && n <= 4_194_304 ? n : 4_194_304;
}
