// npm run bench [-- --runs N --root DIR]: median wall time, CPU time and peak RSS per phase for a
// live scan of this machine (without the sampling window, which is a fixed wait) and an offline tree.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleScript, median, numberOption, option } from './bench-lib';

const runs = numberOption('--runs', 7);
const defaultRoot = process.env.HOSTSWEEP_DEBIAN_ROOT ?? '/var/cache/hostsweep/debian-root';
const offlineRoot = option('--root', fs.existsSync(defaultRoot) ? defaultRoot : '/');
const here = path.dirname(new URL(import.meta.url).pathname);

// Measure what users run: the bundled code under plain node with the flags the CLI's shebang sets.
const bundle = bundleScript(path.join(here, 'bench-once.ts'), path.join(here, '..', 'dist', 'bench-once.cjs'));
const NODE_FLAGS = ['--max-semi-space-size=1'];

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  collectMs: number;
  sampleWaitMs: number;
  analyzeMs: number;
  processes: number | null;
  findings: number;
  gaps: number;
}

function bench(label: string, target: string, sampleMs: number, withProcesses = 0) {
  const samples: Sample[] = [];
  const once = [process.execPath, ...NODE_FLAGS, bundle, target, String(sampleMs)];
  for (let i = 0; i < runs; i++) {
    // With withProcesses, the scan runs in a fresh PID namespace populated with that many sleepers.
    // A new PID namespace starts with pid_max 4194304 on recent kernels; it is set to the common
    // 32768 so the row measures the processes (the full-range sweep has its own row below).
    const r =
      withProcesses > 0
        ? spawnSync(
            'unshare',
            [
              '--fork',
              '--pid',
              '--mount-proc',
              'bash',
              '-c',
              `echo 32768 > /proc/sys/kernel/pid_max 2>/dev/null; for i in $(seq ${withProcesses}); do sleep 600 & done; ${once.map((a) => JSON.stringify(a)).join(' ')}; kill $(jobs -p)`,
            ],
            { encoding: 'utf8' },
          )
        : spawnSync(once[0], once.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${label}: ${r.stderr}`);
    samples.push(JSON.parse(r.stdout.trim().split('\n').pop() as string));
  }
  const m = (k: keyof Sample) => median(samples.map((s) => Number(s[k])));
  const row = [
    label,
    m('wallMs'),
    m('collectMs'),
    m('analyzeMs'),
    m('sampleWaitMs'),
    m('cpuMs'),
    m('maxRssMb'),
    samples[0].processes ?? '-',
    samples[0].findings,
  ];
  console.log(row.map((v) => (typeof v === 'number' ? v.toFixed(0) : v)).join('\t'));
}

console.log(
  `hostsweep bench: ${runs} runs each, medians (ms, MB); node ${process.version}, ${fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} cpus`,
);
console.log(['target', 'wall', 'collect', 'analyze', 'sample', 'cpu', 'peakRSS', 'procs', 'findings'].join('\t'));
bench('live (no sampling)', 'live', 0);
bench('live (1 s sample)', 'live', 1000);
if (process.getuid?.() === 0) bench('live, 300 extra procs', 'live', 0, 300);
bench(`offline ${offlineRoot}`, offlineRoot, 0);
for (const extra of fs.readdirSync(here).filter((f) => f.startsWith('bench-') && f.endsWith('.ts') && f !== 'bench-once.ts')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, extra)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(r.stdout);
}
