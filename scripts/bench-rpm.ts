// npm run bench:rpm [-- --packages N --files N --runs N]: how fast the rpm database is read without
// rpm (per 1000 headers, sqlite and Berkeley DB), and the offline scan time of the CentOS/RHEL test
// tree. Builds real packages with rpmbuild and installs them with rpm --root into temp dirs.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseHeader } from '../src/collect/rpmdb/header';
import { readRpmDatabase } from '../src/collect/rpmdb/index';
import { readSqliteHeaders } from '../src/collect/rpmdb/sqlite';
import { RootHost } from '../src/host/root-host';
import { scan } from '../src/scan';
import { FakeRoot } from '../test/helpers/fake-root';
import { buildRhelTree } from '../test/helpers/rhel-tree';
import { convertToBdb, installRpms } from '../test/helpers/rpm-tree';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const PACKAGES = opt('--packages', 60);
const FILES = opt('--files', 80);
const RUNS = opt('--runs', 9);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** CPU milliseconds (user + system) of this single-threaded process: steadier than wall time on a shared machine. */
function time(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

async function main() {
  const big = new FakeRoot('hostsweep-bench-rpm-');
  const rhel = new FakeRoot('hostsweep-bench-rhel-');
  const works: string[] = [];
  try {
    const pkgs = Array.from({ length: PACKAGES }, (_, p) => ({
      name: `bench-pkg-${p}`,
      files: Array.from({ length: FILES }, (_, f) => ({ path: `/usr/share/bench-${p}/dir-${f % 8}/file-${f}`, content: `${p}:${f}\n` })),
    }));
    const t0 = performance.now();
    works.push(installRpms(big.dir, pkgs));
    const tBuild = performance.now() - t0;
    console.log(`built and installed ${PACKAGES} packages × ${FILES} files in ${(tBuild / 1000).toFixed(1)} s`);
    const dbBytes = fs.statSync(big.p('/var/lib/rpm/rpmdb.sqlite')).size;

    const blobs: Buffer[] = [];
    readSqliteHeaders(fs.readFileSync(big.p('/var/lib/rpm/rpmdb.sqlite')), null, (b) => blobs.push(Buffer.from(b)));
    for (let i = 0; i < 3; i++) blobs.forEach((b) => parseHeader(b));
    const parseOnly = median(Array.from({ length: RUNS }, () => time(() => blobs.forEach((b) => parseHeader(b)))));
    const sqlite = median(Array.from({ length: RUNS }, () => time(() => readRpmDatabase(new RootHost(big.dir)))));
    convertToBdb(big.dir);
    const bdbBytes = fs.statSync(big.p('/var/lib/rpm/Packages')).size;
    const bdb = median(Array.from({ length: RUNS }, () => time(() => readRpmDatabase(new RootHost(big.dir)))));
    const per1000 = (ms: number) => ((ms / blobs.length) * 1000).toFixed(1);
    console.log(`\nrpm database, ${blobs.length} headers (${FILES} files each), median of ${RUNS}, CPU time`);
    console.log(`  header parse only            ${parseOnly.toFixed(1)} ms   ${per1000(parseOnly)} ms / 1000 headers`);
    console.log(
      `  rpmdb.sqlite  ${(dbBytes / 1048576).toFixed(1)} MiB   read+parse ${sqlite.toFixed(1)} ms   ${per1000(sqlite)} ms / 1000 headers`,
    );
    console.log(
      `  Packages (BDB) ${(bdbBytes / 1048576).toFixed(1)} MiB  read+parse ${bdb.toFixed(1)} ms   ${per1000(bdb)} ms / 1000 headers`,
    );

    works.push(buildRhelTree(rhel.dir));
    const cpu: number[] = [];
    const scans = async () => {
      cpu.length = 0;
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        await scan({ root: rhel.dir, now: new Date('2026-11-20T12:00:00Z') });
        const d = process.cpuUsage(c);
        xs.push(performance.now() - t);
        cpu.push((d.user + d.system) / 1000);
      }
      return `${median(xs).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU`;
    };
    const sqliteScan = await scans();
    convertToBdb(rhel.dir);
    const bdbScan = await scans();
    console.log(
      `\noffline scan of the CentOS/RHEL test tree (${readRpmDatabase(new RootHost(rhel.dir)).db?.packages.length} packages), median of ${RUNS}`,
    );
    console.log(`  rpmdb.sqlite   ${sqliteScan}`);
    console.log(`  Packages (BDB) ${bdbScan}`);
  } finally {
    big.remove();
    rhel.remove();
    for (const w of works) fs.rmSync(w, { recursive: true, force: true });
  }
}

main();
