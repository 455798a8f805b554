import type { Host } from '../host/host';
import { defineCollector } from './collector';
import { PF_KTHREAD, parseExeLink, parseMaps, parseStat, parseStatusField, socketInode, splitNul, type MappedFile } from './proc-parse';

export interface ProcessFact {
  pid: number;
  ppid: number;
  /** Kernel's short name (comm, 15 bytes max). Attacker-controlled. */
  name: string;
  cmdline: string[];
  exe: string | null;
  exeDeleted: boolean;
  exeMemfd: boolean;
  uid: number | null;
  state: string;
  kernelThread: boolean;
  threads: number;
  rssKb: number;
  /** utime+stime in clock ticks at collection. */
  cpuTicks: number;
  startedAt: string | null;
  cwd: string | null;
  /** Only the loader variables: LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT. */
  loaderEnv: Record<string, string>;
  maps: MappedFile[];
  /** fd 0, 1, 2 link targets ("socket:[123]", "/dev/pts/0", "pipe:[9]"). */
  stdio: (string | null)[];
  socketInodes: number[];
  netns: string | null;
  /**
   * The process sees another root filesystem than the scanner (a container or chroot): its paths
   * are not the host's, so the host's package database says nothing about them.
   */
  foreignRoot: boolean;
  /** Filled by the sampler: % of one CPU over the sampling window. */
  cpuPercent?: number;
}

declare module '../model/facts' {
  interface Facts {
    processes: ProcessFact[];
  }
}

const CLK_TCK = 100;
const LOADER_VARS = ['LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT'];

export function bootTimeMs(host: Host): number | null {
  const stat = host.readText('/proc/stat');
  const m = stat ? /^btime (\d+)$/m.exec(stat) : null;
  return m ? Number(m[1]) * 1000 : null;
}

export function listPids(host: Host): number[] {
  return (host.readDir('/proc') ?? [])
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
}

/** Reads one process. Returns null when it vanished; partial data when some files were unreadable. */
/** The process a thread belongs to (a TID and its TGID differ only for non-leader threads). */
export function readTgid(host: Host, pid: number): number | null {
  const status = host.readText(`/proc/${pid}/status`, 64 * 1024);
  const tgid = status ? parseStatusField(status, 'Tgid')?.trim() : null;
  return tgid && /^\d+$/.test(tgid) ? Number(tgid) : null;
}

/** Device and inode of a root directory, to tell a container's root from the scanner's. */
export function rootIdentity(host: Host, pid: number | 'self'): string | null {
  const st = host.stat(`/proc/${pid}/root`);
  return st ? `${st.dev}:${st.ino}` : null;
}

export function readProcess(
  host: Host,
  pid: number,
  bootMs: number | null,
  gap: (p: string, r: string) => void,
  selfRoot: string | null = rootIdentity(host, 'self'),
): ProcessFact | null {
  const base = `/proc/${pid}`;
  const statText = host.readText(`${base}/stat`);
  const stat = statText ? parseStat(statText) : null;
  if (!stat) {
    const err = host.lastError();
    gap(base, err === 'ENOENT' || err === 'ESRCH' ? 'exited during scan' : (err ?? 'unparseable stat'));
    return null;
  }
  const status = host.readText(`${base}/status`) ?? '';
  const uidField = parseStatusField(status, 'Uid');
  const cmdBuf = host.readFile(`${base}/cmdline`, 256 * 1024);
  const exeLink = host.readlink(`${base}/exe`);
  const exeErr = exeLink === null ? host.lastError() : null;
  const kernelThread = (stat.flags & PF_KTHREAD) !== 0;
  if (exeLink === null && !kernelThread && exeErr !== 'ENOENT') gap(`${base}/exe`, exeErr ?? 'unreadable');
  const exe = exeLink ? parseExeLink(exeLink) : null;

  const loaderEnv: Record<string, string> = {};
  if (!kernelThread) {
    const env = host.readFile(`${base}/environ`, 256 * 1024);
    if (env) {
      for (const kv of splitNul(env)) {
        const eq = kv.indexOf('=');
        const key = kv.slice(0, eq);
        if (eq > 0 && LOADER_VARS.includes(key)) loaderEnv[key] = kv.slice(eq + 1);
      }
    }
  }
  const mapsText = kernelThread ? null : host.readText(`${base}/maps`, 8 * 1024 * 1024);
  const stdio: (string | null)[] = [null, null, null];
  const socketInodes: number[] = [];
  const fds = kernelThread ? [] : (host.readDir(`${base}/fd`) ?? []);
  for (const fd of fds) {
    const link = host.readlink(`${base}/fd/${fd}`);
    if (link === null) continue;
    const n = Number(fd);
    if (n <= 2) stdio[n] = link;
    const ino = socketInode(link);
    if (ino !== null) socketInodes.push(ino);
  }
  return {
    pid,
    ppid: stat.ppid,
    name: stat.comm,
    cmdline: cmdBuf ? splitNul(cmdBuf) : [],
    exe: exe?.path ?? null,
    exeDeleted: exe?.deleted ?? false,
    exeMemfd: exe?.memfd ?? false,
    uid: uidField ? Number(uidField.split(/\s+/)[0]) : null,
    state: stat.state,
    kernelThread,
    threads: stat.threads,
    rssKb: stat.rssPages * 4,
    cpuTicks: stat.utime + stat.stime,
    startedAt: bootMs === null ? null : new Date(bootMs + (stat.startTicks * 1000) / CLK_TCK).toISOString(),
    cwd: kernelThread ? null : host.readlink(`${base}/cwd`),
    loaderEnv,
    maps: mapsText ? parseMaps(mapsText) : [],
    stdio,
    socketInodes,
    netns: host.readlink(`${base}/ns/net`),
    foreignRoot: !kernelThread && selfRoot !== null && (rootIdentity(host, pid) ?? selfRoot) !== selfRoot,
  };
}

export default defineCollector({
  name: 'processes',
  description: 'Every process, read from /proc directly (never from ps): identity, executable, loader environment, mapped files, sockets.',
  paths: ['/proc/[pid]/{stat,status,cmdline,exe,environ,maps,fd,cwd,ns/net}', '/proc/stat'],
  liveOnly: true,
  collect({ host, gap }) {
    const bootMs = bootTimeMs(host);
    const selfRoot = rootIdentity(host, 'self');
    const out: ProcessFact[] = [];
    for (const pid of listPids(host)) {
      if (pid === process.pid) continue; // the scanner itself is examined by the self-check, not as a suspect
      const p = readProcess(host, pid, bootMs, (path, reason) => gap(path, reason), selfRoot);
      if (p) out.push(p);
    }
    return out;
  },
});
