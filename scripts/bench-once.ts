// One scan in a fresh process, so peak RSS and CPU time belong to that scan alone.
// Usage: tsx scripts/bench-once.ts live|<root-dir> [sampleMs]
import { scan } from '../src/scan';

async function main() {
  const target = process.argv[2] ?? 'live';
  const sampleMs = Number(process.argv[3] ?? 0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { result } = await scan({ root: target === 'live' ? undefined : target, sampleMs });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `${JSON.stringify({
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      collectMs: result.stats.timings.collectMs,
      sampleWaitMs: result.stats.timings.sampleWaitMs,
      analyzeMs: result.stats.timings.analyzeMs,
      processes: result.stats.processes,
      findings: result.findings.length,
      gaps: result.gaps.length,
      extra: (result as unknown as { bench?: Record<string, number> }).bench ?? {},
    })}\n`,
  );
}

void main();
