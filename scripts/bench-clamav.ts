// ClamAV's cost in a scan: clamscan (loads the databases each run) against a running clamd
// (databases already loaded, files streamed with zINSTREAM), over the content scan's file set of an
// offline root, then over every regular file of one of its directories for throughput.
//   npx tsx scripts/bench-clamav.ts <root> <signature dir> [subdir, default /usr]
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ClamavOptions, scanWithClamav } from '../src/collect/content/clamav';
import { RootHost } from '../src/host/root-host';
import { collectSnapshot } from '../src/scan';

const MAX = 64 * 1024 * 1024;

function allFiles(host: RootHost, dir: string, out: string[] = []): string[] {
  for (const n of host.readDir(dir) ?? []) {
    const p = dir === '/' ? `/${n}` : `${dir}/${n}`;
    const st = host.lstatEntry(dir, n);
    if (!st) continue;
    if (st.isDirectory()) allFiles(host, p, out);
    else if (st.isFile() && st.size > 0 && st.size <= MAX) out.push(p);
  }
  return out;
}

async function startClamd(db: string): Promise<{ socket: string; proc: ChildProcess; dir: string; ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-bench-clamd-'));
  const socket = path.join(dir, 'clamd.sock');
  const conf = path.join(dir, 'clamd.conf');
  fs.writeFileSync(conf, `LocalSocket ${socket}\nDatabaseDirectory ${db}\nForeground yes\nLogFile /dev/null\nTemporaryDirectory ${dir}\n`);
  const t0 = performance.now();
  const proc = spawn('/usr/sbin/clamd', ['-c', conf], { stdio: 'ignore' });
  while (!fs.existsSync(socket)) await new Promise((ok) => setTimeout(ok, 20));
  return { socket, proc, dir, ms: Math.round(performance.now() - t0) };
}

async function main() {
  const [root, db, sub = '/usr'] = process.argv.slice(2);
  if (!root || !db) throw new Error('usage: bench-clamav.ts <root> <signature dir> [subdir]');
  const gaps: string[] = [];
  const gap = (p: string | undefined, r: string) => gaps.push(`${p ?? ''} ${r}`);

  // The content scan's file set, as --clamav hands it over.
  const base = await collectSnapshot({ root, sampleMs: 0 });
  const set = await collectSnapshot({ root, sampleMs: 0, clamav: { databaseDir: db, clamdConfs: [] } });
  const f = set.snapshot.facts.clamav;
  console.log(
    `content file set of ${root}: ${f?.filesListed} files; scan collect ${base.timings.collectMs} ms without --clamav, clamscan pass ${set.timings.collectors.clamav} ms (${f?.detections.length} detections)`,
  );

  const clamd = await startClamd(db);
  console.log(`clamd start with ${db}: ${clamd.ms} ms`);
  try {
    const viaClamd = await collectSnapshot({ root, sampleMs: 0, clamav: { clamdSocket: clamd.socket, clamdConfs: [] } });
    console.log(
      `content file set via clamd: pass ${viaClamd.timings.collectors.clamav} ms (${viaClamd.snapshot.facts.clamav?.detections.length} detections)`,
    );

    const host = new RootHost(root);
    const files = allFiles(host, sub);
    const bytes = files.reduce((n, p) => n + (host.lstat(p)?.size ?? 0), 0);
    const runs: [string, ClamavOptions][] = [
      ['clamscan', { databaseDir: db, clamdConfs: [], ms: 3_600_000 }],
      ['clamd', { clamdSocket: clamd.socket, clamdConfs: [], ms: 3_600_000 }],
    ];
    for (const [name, opts] of runs) {
      const t0 = performance.now();
      const r = await scanWithClamav(host, files, opts, gap);
      const s = (performance.now() - t0) / 1000;
      console.log(
        `${name} over every file of ${root}${sub}: ${r?.filesScanned}/${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(1)} MB/s, ${r?.detections.length} detections`,
      );
    }
  } finally {
    clamd.proc.kill('SIGTERM');
    fs.rmSync(clamd.dir, { recursive: true, force: true });
  }
  if (gaps.length) console.log(`gaps: ${gaps.slice(0, 5).join('; ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
