import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import pkg from '../../package.json';
import { parseStat } from '../collect/proc-parse';
import { parseUtmp } from '../collect/logs/utmp-parse';
import type { Snapshot } from '../model/facts';
import type { ScanResult } from '../model/scan-result';
import { checkOutputFile, writeOutputFile } from '../output/write-file';
import { safeName } from './preserve-executables';
import { ResponseTarget } from './target';

// collect: evidence before anything changes. One gzip'ed tar with the scan document, the facts,
// the volatile state of a live system (processes with maps, environ, fds and cwd; sockets;
// sessions; firewall rules), a copy of every file a finding names, the executables of flagged
// processes (read through /proc/PID/exe after checking the PID is still the same process), the
// logs and histories, and a manifest with the SHA-256 of every member.

export const COLLECT_SCHEMA = 'hostsweep/collect@1';

export interface CollectMember {
  name: string;
  size: number;
  sha256: string;
  /** Where it came from ("/etc/crontab", "/proc/812/exe", "nft list ruleset"). */
  source: string;
}

export interface CollectManifest {
  schema: typeof COLLECT_SCHEMA;
  tool: { name: 'hostsweep'; version: string };
  createdAt: string;
  host: string;
  target: { kind: 'live' | 'root'; root: string };
  members: CollectMember[];
  /** What could not be collected, and why. */
  gaps: { source: string; reason: string }[];
}

const MAX_FILE = 64 * 1024 * 1024;
const MAX_TOTAL = 768 * 1024 * 1024;
const NFT = '/usr/sbin/nft';
const IPTABLES_SAVE = '/usr/sbin/iptables-save';
const IP6TABLES_SAVE = '/usr/sbin/ip6tables-save';

const LOG_FILES = [
  /^auth\.log/,
  /^secure/,
  /^syslog/,
  /^messages/,
  /^cron/,
  /^kern\.log/,
  /^audit\.log/,
  /^[wb]tmp/,
  /^lastlog$/,
  /^faillog$/,
  /^dpkg\.log/,
  /^yum\.log/,
];

/** Tar member names are ASCII paths below a folder: attacker bytes never reach a header raw. */
export function memberName(folder: string, targetPath: string): string {
  const clean = targetPath
    .split('/')
    .filter((c) => c !== '' && c !== '.' && c !== '..')
    .map((c) => c.replace(/[^A-Za-z0-9._+@-]/g, '_'))
    .join('/');
  const name = `${folder}/${clean}`;
  if (name.length <= 200) return name;
  return `${folder}/long/${createHash('sha256').update(targetPath).digest('hex')}`;
}

function readBoundedNoFollow(local: string, noFollow: boolean): Buffer {
  const fd = fs.openSync(local, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (noFollow ? fs.constants.O_NOFOLLOW : 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() && !local.startsWith('/proc/')) throw new Error('not a regular file');
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, MAX_FILE - total), null);
      if (n <= 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      if (total >= MAX_FILE) throw new Error(`larger than ${MAX_FILE} bytes`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

class Archive {
  readonly members: CollectMember[] = [];
  readonly gaps: { source: string; reason: string }[] = [];
  private readonly names = new Set<string>();
  private readonly sources = new Set<string>();
  private total = 0;
  readonly tar = pack();
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor() {
    const gz = createGzip({ level: 6 });
    this.tar.pipe(gz);
    gz.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      gz.on('end', () => resolve(Buffer.concat(this.chunks)));
      gz.on('error', reject);
    });
  }

  add(wanted: string, data: Buffer, source: string, mtime?: Date): void {
    // The same source twice is kept once; two paths that spell the same ASCII name both stay.
    if (this.sources.has(`${wanted}\0${source}`)) return;
    this.sources.add(`${wanted}\0${source}`);
    let name = wanted;
    for (let i = 2; this.names.has(name); i++) name = `${wanted}~${i}`;
    if (this.total + data.length > MAX_TOTAL) {
      this.gaps.push({ source, reason: `archive size limit (${MAX_TOTAL} bytes) reached` });
      return;
    }
    this.names.add(name);
    this.total += data.length;
    this.tar.entry({ name, size: data.length, mode: 0o600, mtime: mtime ?? new Date() }, data);
    this.members.push({ name, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), source });
  }

  addJson(name: string, value: unknown, source: string): void {
    this.add(name, Buffer.from(`${JSON.stringify(value, null, 2)}\n`), source);
  }

  /** Adds a file of the target (or /proc), recording a gap instead of failing. */
  addFile(name: string, local: string, source: string, noFollow: boolean): boolean {
    try {
      const st = fs.lstatSync(local);
      this.add(name, readBoundedNoFollow(local, noFollow), source, st.mtime);
      return true;
    } catch (e) {
      this.gaps.push({ source, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      return false;
    }
  }

  async finish(): Promise<Buffer> {
    this.tar.finalize();
    return this.done;
  }
}

function startTicksOf(pid: number): number | null {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'))?.startTicks ?? null;
  } catch {
    return null;
  }
}

function bootMs(): number | null {
  try {
    const m = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    return m ? Number(m[1]) * 1000 : null;
  } catch {
    return null;
  }
}

function links(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    for (const n of fs.readdirSync(dir)) {
      try {
        out[n] = fs.readlinkSync(`${dir}/${n}`);
      } catch {
        // fd closed meanwhile
      }
    }
  } catch {
    // process gone or not ours to read
  }
  return out;
}

function readlinkOrNull(p: string): string | null {
  try {
    return fs.readlinkSync(p);
  } catch {
    return null;
  }
}

function volatileState(a: Archive): void {
  let pids: number[] = [];
  try {
    pids = fs
      .readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .filter((p) => p !== process.pid);
  } catch (e) {
    a.gaps.push({ source: '/proc', reason: (e as Error).message });
  }
  const index: unknown[] = [];
  for (const pid of pids) {
    const dir = `/proc/${pid}`;
    let ok = true;
    for (const f of ['stat', 'status', 'cmdline', 'environ', 'maps']) {
      try {
        a.add(`volatile/proc/${pid}/${f}`, fs.readFileSync(`${dir}/${f}`), `${dir}/${f}`);
      } catch (e) {
        if (f === 'stat') ok = false;
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ESRCH')
          a.gaps.push({ source: `${dir}/${f}`, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      }
    }
    if (!ok) continue;
    const info = {
      pid,
      exe: readlinkOrNull(`${dir}/exe`),
      cwd: readlinkOrNull(`${dir}/cwd`),
      root: readlinkOrNull(`${dir}/root`),
      fds: links(`${dir}/fd`),
    };
    a.addJson(`volatile/proc/${pid}/links.json`, info, `${dir}/{exe,cwd,root,fd}`);
    index.push({
      pid,
      stat: (() => {
        try {
          return parseStat(fs.readFileSync(`${dir}/stat`, 'latin1'));
        } catch {
          return null;
        }
      })(),
      exe: info.exe,
    });
  }
  a.addJson('volatile/processes.json', index, '/proc');
  for (const f of ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6', 'unix', 'packet', 'route', 'ipv6_route', 'arp', 'dev'])
    a.addFile(`volatile/net/${f}`, `/proc/net/${f}`, `/proc/net/${f}`, false);
  for (const f of ['ip_tables_names', 'ip6_tables_names'])
    if (fs.existsSync(`/proc/net/${f}`)) a.addFile(`volatile/firewall/${f}`, `/proc/net/${f}`, `/proc/net/${f}`, false);
  for (const [name, bin, args] of [
    ['nft-ruleset.txt', NFT, ['list', 'ruleset']],
    ['iptables-save.txt', IPTABLES_SAVE, []],
    ['ip6tables-save.txt', IP6TABLES_SAVE, []],
  ] as const) {
    try {
      const outText = execFileSync(bin, [...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000, maxBuffer: 64 * 1024 * 1024 });
      a.add(`volatile/firewall/${name}`, outText, `${bin} ${args.join(' ')}`.trim());
    } catch (e) {
      a.gaps.push({
        source: bin,
        reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : (e as Error).message.split('\n')[0],
      });
    }
  }
  for (const u of ['/run/utmp', '/var/run/utmp']) {
    try {
      const raw = fs.readFileSync(u);
      a.add('volatile/sessions/utmp', raw, u);
      a.addJson('volatile/sessions/sessions.json', parseUtmp(raw), u);
      break;
    } catch {
      // try the other spelling
    }
  }
}

function logsAndHistories(a: Archive, target: ResponseTarget, snapshot: Snapshot | null): void {
  let names: string[] = [];
  try {
    names = fs.readdirSync(target.local('/var/log/.'));
  } catch {
    a.gaps.push({ source: '/var/log', reason: 'not readable' });
  }
  for (const n of names.sort()) {
    if (!LOG_FILES.some((re) => re.test(n))) continue;
    const p = `/var/log/${n}`;
    const r = target.tryLocal(p);
    if ('refused' in r) continue;
    try {
      if (!fs.lstatSync(r.local).isFile()) continue;
    } catch {
      continue; // rotated away meanwhile
    }
    a.addFile(memberName('logs', p), r.local, p, true);
  }
  const homes = new Set([
    '/root',
    ...(snapshot?.facts.users?.users ?? []).map((u) => u.home).filter((h) => h.startsWith('/') && h !== '/'),
  ]);
  for (const h of homes) {
    for (const f of ['.bash_history', '.zsh_history', '.sh_history', '.ash_history', '.mysql_history', '.python_history', '.viminfo']) {
      const p = `${h}/${f}`;
      const r = target.tryLocal(p);
      if ('refused' in r) continue;
      try {
        if (!fs.lstatSync(r.local).isFile()) continue;
      } catch {
        continue;
      }
      a.addFile(memberName('histories', p), r.local, p, true);
    }
  }
}

export interface CollectOptions {
  root?: string;
  file: string;
  force?: boolean;
  scanned: { result: ScanResult; snapshot: Snapshot };
}

/** Writes the archive (atomically, no clobber unless force) and returns its manifest. */
export async function collectArchive(opts: CollectOptions): Promise<{ manifest: CollectManifest; bytes: number }> {
  checkOutputFile(opts.file, { overwrite: opts.force });
  const target = new ResponseTarget(opts.root);
  const { result, snapshot } = opts.scanned;
  const a = new Archive();
  a.addJson('scan.json', result, 'hostsweep scan');
  a.addJson('snapshot.json', snapshot, 'hostsweep facts');

  // Executables of flagged processes first: they may be gone in a moment.
  if (target.kind === 'live') {
    const boot = bootMs();
    const seen = new Set<number>();
    for (const f of result.findings) {
      if (f.pid === undefined || f.pid <= 1 || seen.has(f.pid)) continue;
      seen.add(f.pid);
      const source = `/proc/${f.pid}/exe`;
      const ticks = startTicksOf(f.pid);
      const started = f.process?.startedAt;
      if (ticks === null) {
        a.gaps.push({ source, reason: 'process gone' });
        continue;
      }
      if (started && boot !== null && Math.abs(boot + ticks * 10 - Date.parse(started)) > 1500) {
        a.gaps.push({ source, reason: 'PID now belongs to another process; not copied' });
        continue;
      }
      a.addFile(
        `executables/${f.pid}-${safeName(f.process?.name ?? 'unknown')}.bin`,
        source,
        `${source} (${readlinkOrNull(source) ?? '?'})`,
        false,
      );
    }
    volatileState(a);
  }
  // Every file a finding names, as it is now.
  for (const f of result.findings) {
    if (!f.path) continue;
    const r = target.tryLocal(f.path);
    if ('refused' in r) {
      a.gaps.push({ source: f.path, reason: r.refused.reason.en });
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.lstatSync(r.local);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) a.add(memberName('files', `${f.path}.symlink`), Buffer.from(fs.readlinkSync(r.local)), f.path, st.mtime);
    else if (st.isFile()) a.addFile(memberName('files', f.path), r.local, f.path, true);
  }
  logsAndHistories(a, target, snapshot);

  const manifest: CollectManifest = {
    schema: COLLECT_SCHEMA,
    tool: { name: 'hostsweep', version: pkg.version },
    createdAt: new Date().toISOString(),
    host: result.host,
    target: { kind: target.kind, root: target.root },
    members: [...a.members],
    gaps: a.gaps,
  };
  a.add('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'hostsweep');
  const data = await a.finish();
  writeOutputFile(opts.file, data, { overwrite: opts.force, mode: 0o600 });
  return { manifest, bytes: data.length };
}

/** Every member of an archive written by collectArchive, by name (for checking one). */
export async function readArchive(file: string): Promise<Map<string, Buffer>> {
  const { extract } = await import('tar-stream');
  const { gunzipSync } = await import('node:zlib');
  const tar = gunzipSync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        out.set(header.name, Buffer.concat(chunks));
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    ex.end(tar);
  });
  return out;
}
