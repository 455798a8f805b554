// Measures the hidden-process sweep and the rootkit collectors on this machine (live).
// `npm run bench` calls it; `npx tsx scripts/bench-sweep.ts` runs it alone.
import fs from 'node:fs';
import os from 'node:os';
import { builtinIntel } from '../src/intel/intel';
import { collectContext } from '../test/helpers/collect-context';
import { collectFacts } from '../src/scan';
import { COLLECTORS } from '../src/collect/registry';
import { collectors as rootkitCollectors } from '../src/collect/rootkit/index';
import { LocalHost } from '../src/host/local-host';
import { readPidMax, sweepPids, type SweepMethod } from '../src/collect/rootkit/pid-sweep';
import { median } from './bench-lib';

const RUNS = 5;

function timeSweep(method: SweepMethod, to: number): string {
  const times: number[] = [];
  let found = 0;
  let workers = 1;
  for (let i = 0; i < RUNS; i++) {
    const r = sweepPids(method, 1, to);
    times.push(r.ms);
    found = r.pids.length;
    workers = r.workers;
  }
  return `${method.padEnd(11)} 1..${String(to).padEnd(8)} median ${median(times).toFixed(0).padStart(5)} ms  (${workers} thread${workers > 1 ? 's' : ''}, ${found} found)`;
}

export function benchSweep(): string[] {
  const pidMax = readPidMax(fs.readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
  const lines = [`pid sweep, median of ${RUNS} runs, ${os.availableParallelism()} CPUs, pid_max ${pidMax}:`];
  lines.push(`  ${timeSweep('signal', pidMax)}`);
  if (pidMax < 4_194_304) lines.push(`  ${timeSweep('signal', 4_194_304)}  (the largest pid_max Linux allows)`);
  lines.push(`  ${timeSweep('proc-lookup', Math.min(pidMax, 32_768))}`);

  // Rootkit collectors need the facts of the ones before them (processes, packages, files).
  const host = new LocalHost();
  const before = COLLECTORS.filter((c) => !rootkitCollectors.includes(c));
  const facts = collectFacts(host, { sampleMs: 0 }, builtinIntel(), [], before);
  lines.push(`rootkit collectors, median of ${RUNS} runs:`);
  for (const c of rootkitCollectors) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      c.collect(collectContext(host, facts));
      times.push(performance.now() - t0);
    }
    lines.push(`  ${c.name.padEnd(18)} ${median(times).toFixed(0).padStart(5)} ms`);
  }
  return lines;
}

if (process.argv[1]?.endsWith('bench-sweep.ts')) console.log(benchSweep().join('\n'));
