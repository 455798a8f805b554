// npm run bench:contain: how exact and how fast containment is, as users run it (bundled CLI).
//  - egress limit accuracy: three UDP flooders in a network namespace joined to another by a veth
//    pair; receiver-side payload rate for 1, 10 and 100 Mbit/s limits, per backend;
//  - freeze latency: `contain --freeze` on a watchdog + CPU-burning worker tree of 20 processes,
//    from the start of the action to every process in state T (the action's own note);
//  - wall time of a firewall apply and of its undo (nft and iptables).
// Needs root, ip, nft, iptables, tc, gcc. Nothing outside the namespaces it creates is touched.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { NetnsPair } from '../test/helpers/netns-pair';

const here = path.dirname(new URL(import.meta.url).pathname);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-bench-contain-'));
const bundle = path.join(work, 'hostsweep.cjs');
buildSync({
  entryPoints: [path.join(here, '../src/cli/main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'error',
});
const cc = (name: string) => {
  const out = path.join(work, name);
  const r = spawnSync('gcc', ['-O1', '-o', out, path.join(here, `../test/fixtures/c/${name}.c`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return out;
};
const flood = cc('flood');
const sink = cc('sink');

function egress(backend: string, limitMbit: number): { unlimited: number; limited: number; applyMs: number; undoMs: number } {
  const net = new NetnsPair();
  const state = path.join(work, `state-${backend}-${limitMbit}`);
  try {
    for (let i = 0; i < 3; i++) net.start(net.sender, [flood, net.receiverAddr, '9000']);
    const measure = () => {
      const [bytes, ns] = net.run(net.receiver, [sink, '9000', '1000', '3000']).stdout.trim().split(' ').map(Number);
      return (bytes * 8) / (ns / 1e9) / 1e6;
    };
    const unlimited = measure();
    const hs = (args: string[]) => {
      const t0 = performance.now();
      const r = net.run(net.sender, [process.execPath, bundle, ...args, '--state', state]);
      if (r.status !== 0) throw new Error(r.stdout + r.stderr);
      return performance.now() - t0;
    };
    const applyMs = hs(['contain', '--egress-limit', `${limitMbit}mbit`, '--backend', backend, '--yes', '--no-collect']);
    const limited = measure();
    const undoMs = hs(['undo']);
    return { unlimited, limited, applyMs, undoMs };
  } finally {
    net.close();
  }
}

function freezeLatency(): number {
  const dir = fs.mkdtempSync(path.join(work, 'freeze-'));
  const script = `
set -e
bash -c 'for i in $(seq 18); do sleep 1000 & done; while true; do bash -c "while :; do :; done" & echo $! > ${dir}/w; wait; done' &
while [ ! -s ${dir}/w ]; do sleep 0.05; done
sleep 0.2
${JSON.stringify(process.execPath)} ${JSON.stringify(bundle)} contain --freeze $(cat ${dir}/w) --yes --no-collect --state ${dir}/st | grep -o 'in [0-9]* ms'
${JSON.stringify(process.execPath)} ${JSON.stringify(bundle)} undo --state ${dir}/st > /dev/null
kill -9 -1 || true
`;
  const r = spawnSync('unshare', ['--fork', '--pid', '--mount-proc', '--mount', 'bash', '-c', script], { encoding: 'utf8' });
  const m = /in (\d+) ms/.exec(r.stdout);
  if (!m) throw new Error(r.stdout + r.stderr);
  return Number(m[1]);
}

async function main() {
  console.log('egress limit (receiver payload rate; 3 UDP flooders, 1400-byte datagrams)');
  console.log('backend    limit     unlimited   limited     accuracy  apply    undo');
  for (const backend of ['nft', 'iptables']) {
    for (const mbit of process.env.BENCH_LIMITS?.split(',').map(Number) ?? [1, 10, 100]) {
      const r = egress(backend, mbit);
      console.log(
        `${backend.padEnd(10)} ${`${mbit} Mbit/s`.padEnd(9)} ${r.unlimited.toFixed(0).padStart(5)} Mbit/s ${r.limited.toFixed(2).padStart(7)} Mbit/s ${((r.limited / mbit) * 100).toFixed(1).padStart(6)} %  ${r.applyMs.toFixed(0).padStart(5)} ms ${r.undoMs.toFixed(0).padStart(5)} ms`,
      );
    }
  }
  const latencies = Array.from({ length: 5 }, () => freezeLatency()).sort((a, b) => a - b);
  console.log(`freeze latency (20-process tree, 5 runs): median ${latencies[2]} ms, min ${latencies[0]} ms, max ${latencies[4]} ms`);
  fs.rmSync(work, { recursive: true, force: true });
}

void main();
