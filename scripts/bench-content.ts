// Content-rule throughput: every regular file (≤ 64 MiB) under a directory of an offline root,
// read through the RootHost and scanned with the built-in YARA-X rules, package ownership
// ignored; then, for a whole root, the content collector's share of a default offline scan of it.
//   npx tsx scripts/bench-content.ts <root> [subdir]
import { loadYara, makeScanner, type Scanner } from '../src/collect/content/scanner';
import { RootHost } from '../src/host/root-host';
import { builtinRuleSources } from '../src/intel/yara/builtin';
import { collectSnapshot } from '../src/scan';

async function main() {
  const root = process.argv[2] ?? '/';
  const sub = process.argv[3] ?? '/';
  await loadYara();
  const scanner = makeScanner(builtinRuleSources()) as Scanner;
  if (typeof scanner === 'string') throw new Error(scanner);
  const host = new RootHost(root);
  let files = 0;
  let bytes = 0;
  let hits = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const walk = (dir: string) => {
    for (const n of host.readDir(dir) ?? []) {
      const p = dir === '/' ? `/${n}` : `${dir}/${n}`;
      const st = host.lstatEntry(dir, n);
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size > 0 && st.size <= 64 * 1024 * 1024) {
        const data = host.readFile(p, 64 * 1024 * 1024);
        if (!data) continue;
        files++;
        bytes += data.length;
        for (const h of scanner.scan(data)) {
          hits++;
          console.log(`  hit ${h.meta.id}: ${p}`);
        }
      }
    }
  };
  walk(sub);
  const s = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  // CPU seconds too: on a shared machine the wall clock measures the neighbours as well.
  const cpu = (used.user + used.system) / 1e6;
  console.log(
    `${root}${sub}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(1)} MB/s wall, ${cpu.toFixed(2)} CPU s = ${(bytes / 1e6 / cpu).toFixed(1)} MB/s per CPU second, ${hits} rule hits (${scanner.ruleCount} rules)`,
  );
  // The default scan's share only for a whole root (`/usr` of this machine is a throughput sample).
  if (sub !== '/') return;
  const { snapshot, timings } = await collectSnapshot({ root, sampleMs: 0 });
  const c = snapshot.facts.contentScan;
  console.log(
    `default scan of ${root}: collect ${timings.collectMs} ms, contentScan ${timings.collectors.contentScan} ms, ${c?.filesScanned} files, ${((c?.bytesScanned ?? 0) / 1e6).toFixed(1)} MB, ${c?.matches.length} matches`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
