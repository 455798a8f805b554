// npm run bench:journal [-- --entries N --runs R]: journal read throughput (MB/s, entries/s) on a
// journal file of realistic shape made with systemd-journal-remote (about 25 fields an entry, as
// journald stores them, 1% SSH/sudo/cron lines), and the time of a full offline scan of a
// journald-only tree holding it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJournals } from '../src/collect/logs/journal';
import { RootHost } from '../src/host/root-host';
import { JOURNAL_REMOTE } from '../test/helpers/journal';
import { cpuMsSince, median, numberOption } from './bench-lib';

const entries = numberOption('--entries', 200000);
const runs = numberOption('--runs', 5);

const UNITS = ['nginx.service', 'cron.service', 'systemd-logind.service', 'ssh.service', 'containerd.service', 'docker.service'];
const NOISE = [
  ['nginx', '10.0.0.%d - - "GET /api/v1/items?page=%d HTTP/1.1" 200 5123 "-" "Mozilla/5.0"'],
  ['containerd', 'time="2026-11-19T03:00:00Z" level=info msg="loading plugin" id=io.containerd.%d type=io.containerd.snapshotter.v1'],
  ['systemd', 'Started session-%d.scope - Session %d of User deploy.'],
  ['kernel', '[UFW BLOCK] IN=eth0 OUT= SRC=198.51.100.%d DST=192.0.2.10 LEN=40 PROTO=TCP SPT=%d DPT=23'],
  ['dockerd', 'time="2026-11-19T03:00:00Z" level=warning msg="container %d health check failed" attempt=%d'],
];
const AUTH = [
  ['sshd', 'Failed password for root from 203.0.113.%d port %d ssh2'],
  ['sshd', 'Accepted publickey for deploy from 198.51.100.7 port %d ssh2: ED25519 SHA256:3x4mpl3'],
  ['sudo', '  deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx%d'],
  ['CRON', '(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 %d)'],
];

function exportStream(file: string) {
  const fd = fs.openSync(file, 'w');
  const t0 = Date.parse('2026-11-01T00:00:00Z') * 1000;
  let chunk = '';
  for (let i = 0; i < entries; i++) {
    const auth = i % 100 === 0;
    const [ident, fmt] = auth ? AUTH[(i / 100) % AUTH.length] : NOISE[i % NOISE.length];
    const msg = fmt.replace(/%d/g, () => String((i * 7919) % 250));
    const unit = UNITS[i % UNITS.length];
    const pid = 1000 + (i % 3000);
    chunk +=
      `__REALTIME_TIMESTAMP=${t0 + i * 3_000_000}\n__MONOTONIC_TIMESTAMP=${1_000_000 + i}\n_BOOT_ID=6a8f3c5e2b1d4f7a9c0e1b2d3f4a5b6c\n` +
      `_MACHINE_ID=0f1e2d3c4b5a69788796a5b4c3d2e1f0\n_HOSTNAME=web1\n_TRANSPORT=syslog\nPRIORITY=6\nSYSLOG_FACILITY=${auth ? 10 : 3}\n` +
      `SYSLOG_IDENTIFIER=${ident}\nSYSLOG_PID=${pid}\n_PID=${pid}\n_UID=0\n_GID=0\n_COMM=${ident.toLowerCase()}\n_EXE=/usr/sbin/${ident.toLowerCase()}\n` +
      `_CMDLINE=/usr/sbin/${ident.toLowerCase()} -D\n_CAP_EFFECTIVE=1ffffffffff\n_SELINUX_CONTEXT=unconfined\n_SYSTEMD_CGROUP=/system.slice/${unit}\n` +
      `_SYSTEMD_UNIT=${unit}\n_SYSTEMD_SLICE=system.slice\n_SYSTEMD_INVOCATION_ID=${(i % 50).toString(16).padStart(32, '0')}\n` +
      `_SOURCE_REALTIME_TIMESTAMP=${t0 + i * 3_000_000 - 5}\nSYSLOG_TIMESTAMP=Nov 19 03:00:00 \nMESSAGE=${msg}\n\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-bench-journal-'));
try {
  const root = path.join(dir, 'root');
  const jdir = path.join(root, 'var/log/journal/0f1e2d3c4b5a69788796a5b4c3d2e1f0');
  fs.mkdirSync(jdir, { recursive: true });
  fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
  fs.writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  fs.writeFileSync(path.join(root, 'etc/hostname'), 'web1\n');
  const exp = path.join(dir, 'export.txt');
  exportStream(exp);
  const file = path.join(jdir, 'system.journal');
  const made = spawnSync('/bin/sh', ['-c', `exec ${JOURNAL_REMOTE} --output="$1" - < "$2"`, 'sh', file, exp], { encoding: 'utf8' });
  if (process.env.BENCH_DEBUG) console.log(made.stderr.slice(-2000));
  fs.rmSync(exp);

  const host = new RootHost(root);
  const idents = new Set(['sshd', 'sshd-session', 'sudo', 'su', 'CRON', 'useradd', 'usermod']);
  // Wall time and CPU time: on a shared machine the CPU time is the steadier number.
  const times: number[] = [];
  const cpus: number[] = [];
  let read = readJournals(host, idents, () => {});
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    read = readJournals(host, idents, () => {});
    cpus.push(cpuMsSince(c));
    times.push(performance.now() - t);
  }
  const ms = median(times);
  const cpu = median(cpus);
  // journal-remote starts a new file when one is full, as journald does.
  const total = read.files.reduce((n, f) => n + f.entries, 0);
  const mb = read.files.reduce((n, f) => n + f.bytes, 0) / 1048576;
  console.log(
    `journal: ${read.files.length} file(s), ${total} entries, ${mb.toFixed(1)} MiB used (${read.files[0].compact ? 'compact' : 'regular'}), ` +
      `${read.lines.length} matched; median over ${runs} runs: wall ${ms.toFixed(0)} ms = ${(mb / (ms / 1000)).toFixed(0)} MiB/s, ` +
      `${Math.round(total / (ms / 1000))} entries/s; CPU ${cpu.toFixed(0)} ms = ${(mb / (cpu / 1000)).toFixed(0)} MiB/s, ` +
      `${Math.round(total / (cpu / 1000))} entries/s`,
  );

  // The full scan of a journald-only tree, as users run it (bundled, plain node).
  const cli = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist', 'hostsweep.cjs');
  if (fs.existsSync(cli)) {
    const walls: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const t = performance.now();
      spawnSync(process.execPath, ['--max-semi-space-size=1', cli, 'scan', '--root', root, '--json'], { stdio: 'ignore' });
      walls.push(performance.now() - t);
    }
    console.log(`scan --root of the journald-only tree: median ${median(walls).toFixed(0)} ms`);
  } else console.log('dist/hostsweep.cjs missing: run npm run build for the scan time');
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
