import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { writeOutputFile } from '../../output/write-file';
import type { Host } from '../../host/host';
import { decodeName, fsPath } from '../../host/byte-names';
import { DEFAULT_CONTENT_LIMITS } from './content-scan';

// ClamAV over the content scanner's file set. ClamAV runs on the analyst's machine (also for an
// offline --root): it is handed the files the content scan selected, never a tree to walk.
// clamd gets each file's bytes over its socket (zINSTREAM), read through the Host, so a link can
// never lead it out of the root and a clamd running as its own user can still judge root's files.
// clamscan gets the list of files (their paths inside the root already resolved, links not
// followed) in a file list in a private temporary directory, removed afterwards.

export interface ClamavDetection {
  /** The file as the target sees it. */
  path: string;
  /** The signature name as ClamAV reports it, e.g. "Unix.Trojan.Mirai-7100807-0" or "X.UNOFFICIAL". */
  signature: string;
  size: number | null;
  mtime: string | null;
}

export interface ClamavFact {
  engine: 'clamd' | 'clamscan';
  /** The clamd socket or the clamscan program used. */
  via: string;
  /** ClamAV's own version line: "ClamAV 1.4.6/27473/Sun Nov 29 09:26:01 2026" (database parts absent for unsigned databases). */
  version: string;
  engineVersion: string | null;
  databaseVersion: string | null;
  databaseDate: string | null;
  /** The signature directory (clamscan -d, clamd's DatabaseDirectory), when known. */
  databaseDir: string | null;
  /** Signature files in that directory (main.cvd, daily.cld, site.ndb...). */
  databaseFiles: string[];
  filesListed: number;
  filesScanned: number;
  ms: number;
  detections: ClamavDetection[];
}

declare module '../../model/facts' {
  interface Facts {
    clamav: ClamavFact;
  }
}

export interface ClamavOptions {
  /** Signature directory for clamscan -d (--clamav-db); clamd cannot switch databases, so this selects clamscan. */
  databaseDir?: string;
  /** The clamd socket (--clamd-socket); default: LocalSocket of the first clamd.conf found. */
  clamdSocket?: string;
  /** Time budget for the whole ClamAV pass, in milliseconds. */
  ms: number;
  /** Where to look for clamd.conf and the programs (tests point these elsewhere). */
  clamdConfs?: string[];
  clamscanPaths?: string[];
}

export const DEFAULT_CLAMAV_MS = 600_000;

export const CLAMD_CONFS = ['/etc/clamav/clamd.conf', '/etc/clamd.d/scan.conf', '/etc/clamd.conf', '/usr/local/etc/clamd.conf'];
export const CLAMSCAN_PATHS = ['/usr/bin/clamscan', '/usr/local/bin/clamscan', '/bin/clamscan'];
const DEFAULT_DB_DIR = '/var/lib/clamav';
const DB_FILE =
  /\.(cvd|cld|cud|hdb|hsb|hdu|hsu|mdb|msb|mdu|msu|ndb|ndu|ldb|ldu|idb|cdb|cbc|pdb|gdb|wdb|ftm|crb|cat|ign|ign2|fp|sfp|info|yar|yara|pwdb|imp)$/;
/** Larger files are sent to clamd in pieces of this size. */
const CHUNK = 1024 * 1024;
/** Files in flight at once to clamd (its default MaxThreads is 10). */
const CONCURRENCY = 4;

type GapFn = (p: string | undefined, reason: string, kind?: 'skipped' | 'cut' | 'unreadable' | 'collector-failed') => void;

/** Reads clamd.conf's LocalSocket and DatabaseDirectory (the analyst's machine, so plain fs). */
export function readClamdConf(file: string): { socket: string | null; databaseDir: string | null } | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const value = (key: string) => {
    const m = new RegExp(`^\\s*${key}\\s+(.+?)\\s*$`, 'm').exec(text);
    return m ? m[1].replace(/^"(.*)"$/, '$1') : null;
  };
  return { socket: value('LocalSocket'), databaseDir: value('DatabaseDirectory') };
}

/** "ClamAV 1.4.6/27473/Sun Nov 29 09:26:01 2026" → its parts. */
export function parseVersion(line: string): Pick<ClamavFact, 'version' | 'engineVersion' | 'databaseVersion' | 'databaseDate'> {
  const version = line.replace(/\0/g, '').trim();
  const [engine, db, ...date] = version.split('/');
  return {
    version,
    engineVersion: /^ClamAV\s+(\S+)/.exec(engine ?? '')?.[1] ?? null,
    databaseVersion: db?.trim() || null,
    databaseDate: date.join('/').trim() || null,
  };
}

function databaseFiles(dir: string | null): string[] {
  if (!dir) return [];
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => DB_FILE.test(n))
      .sort();
  } catch {
    return [];
  }
}

/** Sends one command to clamd and returns its whole reply (clamd closes after answering a z-command). */
function clamdCall(socket: string, command: string, body: Buffer | null, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const conn = net.createConnection(socket);
    conn.setTimeout(Math.max(1, timeoutMs), () => conn.destroy(new Error(`no answer from clamd within ${Math.round(timeoutMs / 1000)} s`)));
    conn.on('data', (d) => chunks.push(d));
    // clamd answers "INSTREAM size limit exceeded" and closes while we still write: keep its answer.
    conn.on('error', (e) => (chunks.length > 0 ? resolve(Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '')) : reject(e)));
    conn.on('close', () => resolve(Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '')));
    conn.on('connect', () => {
      conn.write(`z${command}\0`);
      if (body !== null) {
        for (let i = 0; i < body.length; i += CHUNK) {
          const part = body.subarray(i, i + CHUNK);
          const len = Buffer.alloc(4);
          len.writeUInt32BE(part.length);
          conn.write(len);
          conn.write(part);
        }
        conn.write(Buffer.alloc(4));
      }
    });
  });
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  ).slice(0, 300);
}

function fileFacts(host: Host, p: string): { size: number | null; mtime: string | null } {
  const st = host.lstat(p);
  return { size: st ? st.size : null, mtime: st ? st.mtime.toISOString() : null };
}

function budgetGap(gap: GapFn, ms: number, engine: string, notScanned: number, first: string | undefined) {
  gap(
    first,
    `ClamAV (${engine}) stopped at its time budget of ${Math.round(ms / 1000)} s: ${notScanned} file(s) were not scanned by ClamAV`,
    'skipped',
  );
}

async function scanWithClamd(host: Host, socket: string, files: string[], opts: ClamavOptions, gap: GapFn, dbDir: string | null) {
  const started = performance.now();
  const deadline = started + opts.ms;
  const version = parseVersion(await clamdCall(socket, 'VERSION', null, 30_000));
  const fact: ClamavFact = {
    engine: 'clamd',
    via: socket,
    ...version,
    databaseDir: dbDir,
    databaseFiles: databaseFiles(dbDir),
    filesListed: files.length,
    filesScanned: 0,
    ms: 0,
    detections: [],
  };
  const failed: { path: string; why: string }[] = [];
  let next = 0;
  let stoppedAt: number | null = null;
  const worker = async () => {
    while (next < files.length && stoppedAt === null) {
      const i = next++;
      if (performance.now() >= deadline) {
        stoppedAt = i;
        return;
      }
      const p = files[i];
      const data = host.readFile(p, DEFAULT_CONTENT_LIMITS.maxFileBytes);
      if (!data) {
        failed.push({ path: p, why: host.lastError() ?? 'unreadable' });
        continue;
      }
      let reply: string;
      try {
        reply = await clamdCall(socket, 'INSTREAM', data, deadline - performance.now());
      } catch (e) {
        if (performance.now() >= deadline) {
          stoppedAt = stoppedAt ?? i;
          return;
        }
        failed.push({ path: p, why: (e as Error).message });
        continue;
      }
      const m = /^stream: (.+) FOUND$/.exec(reply.trim());
      if (m) {
        fact.filesScanned++;
        fact.detections.push({ path: p, signature: m[1], ...fileFacts(host, p) });
      } else if (/^stream: OK$/.test(reply.trim())) fact.filesScanned++;
      else if (/size limit exceeded/i.test(reply)) failed.push({ path: p, why: "larger than clamd's StreamMaxLength (clamd.conf)" });
      else failed.push({ path: p, why: firstLine(reply) || 'no answer' });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (stoppedAt !== null) {
    const left = files.length - fact.filesScanned - failed.length;
    budgetGap(gap, opts.ms, 'clamd', left, files[stoppedAt]);
  }
  if (failed.length > 0) gap(failed[0].path, `${failed.length} file(s) not scanned by ClamAV (clamd): ${failed[0].why}`, 'unreadable');
  fact.detections.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  fact.ms = Math.round(performance.now() - started);
  return fact;
}

function run(
  file: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: Buffer; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { encoding: 'buffer', timeout: Math.max(1, Math.round(timeoutMs)), killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        if (e && typeof e.code === 'string') return reject(e);
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          stdout,
          stderr: stderr.toString('utf8'),
          timedOut: e?.killed === true,
        });
      },
    );
    child.stdin?.end();
  });
}

async function scanWithClamscan(host: Host, clamscan: string, files: string[], opts: ClamavOptions, gap: GapFn) {
  const started = performance.now();
  const dbDir = opts.databaseDir ?? null;
  const dbArgs = dbDir ? ['--database', dbDir] : [];
  const versionRun = await run(clamscan, ['--version', ...dbArgs], 30_000);
  const fact: ClamavFact = {
    engine: 'clamscan',
    via: clamscan,
    ...parseVersion(versionRun.stdout.toString('utf8')),
    databaseDir: dbDir ?? DEFAULT_DB_DIR,
    databaseFiles: databaseFiles(dbDir ?? DEFAULT_DB_DIR),
    filesListed: files.length,
    filesScanned: 0,
    ms: 0,
    detections: [],
  };
  // The list names each file where this machine opens it; a file list is one path a line.
  const byLocal = new Map<string, string>();
  const lines: Buffer[] = [];
  let newline = 0;
  for (const p of files) {
    const local = host.localPath(p);
    if (local === null) continue;
    if (local.includes('\n')) {
      newline++;
      continue;
    }
    byLocal.set(local, p);
    const bytes = fsPath(local);
    lines.push(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, Buffer.from('\n'));
  }
  if (newline > 0) gap(undefined, `${newline} file(s) not scanned by ClamAV (clamscan): file name contains a newline`, 'skipped');
  const listDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-clamav-'));
  const listFile = path.join(listDir, 'files.lst');
  const args = [
    '--no-summary',
    '--infected',
    '--stdout',
    `--file-list=${listFile}`,
    // The list holds regular files whose directories are already resolved inside the root: no link is followed.
    '--follow-dir-symlinks=0',
    '--follow-file-symlinks=0',
    ...dbArgs,
  ];
  const left = opts.ms - (performance.now() - started);
  let r: Awaited<ReturnType<typeof run>>;
  try {
    // Node's child stdin is a socket, which clamscan cannot open as a file list: a private file it is.
    writeOutputFile(listFile, Buffer.concat(lines));
    r = await run(clamscan, args, left);
  } finally {
    fs.rmSync(listDir, { recursive: true, force: true });
  }
  const warned: string[] = [];
  for (const raw of r.stdout.toString('latin1').split('\n')) {
    const line = decodeName(Buffer.from(raw, 'latin1'));
    const found = / FOUND$/.test(line) ? line.lastIndexOf(': ') : -1;
    if (found > 0) {
      const local = line.slice(0, found);
      const p = byLocal.get(local) ?? local;
      fact.detections.push({ path: p, signature: line.slice(found + 2, -' FOUND'.length), ...fileFacts(host, p) });
    } else {
      const w = /^WARNING: (.+): Can't access file$/.exec(line);
      if (w) warned.push(byLocal.get(w[1]) ?? w[1]);
    }
  }
  for (const line of r.stderr.split('\n')) {
    const w = /^WARNING: (.+): Can't access file$/.exec(line);
    if (w) warned.push(byLocal.get(w[1]) ?? w[1]);
  }
  fact.ms = Math.round(performance.now() - started);
  if (r.timedOut) {
    budgetGap(gap, opts.ms, 'clamscan', byLocal.size - fact.detections.length, undefined);
    return fact;
  }
  if (r.code !== 0 && r.code !== 1) {
    const why = firstLine(
      r.stderr
        .split('\n')
        .filter((l) => /error/i.test(l))
        .join('\n') || r.stderr,
    );
    gap(undefined, `ClamAV (clamscan) failed (exit ${r.code}): ${why || 'no message'}`, 'collector-failed');
    // A database that did not load scanned nothing: no verdict to report.
    if (fact.detections.length === 0) return null;
  }
  fact.filesScanned = Math.max(0, byLocal.size - warned.length);
  if (warned.length > 0) gap(warned[0], `${warned.length} file(s) not scanned by ClamAV (clamscan): cannot access the file`, 'unreadable');
  fact.detections.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return fact;
}

function findProgram(paths: string[]): string | null {
  for (const p of paths) {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return null;
}

/** The clamd socket to use and its database directory: --clamd-socket, else the first clamd.conf's LocalSocket. */
function findClamd(opts: ClamavOptions): { socket: string; databaseDir: string | null } | null {
  const confs = (opts.clamdConfs ?? CLAMD_CONFS).map(readClamdConf);
  const conf = opts.clamdSocket ? confs.find((c) => c?.socket === opts.clamdSocket) : confs.find((c) => c?.socket);
  const socket = opts.clamdSocket ?? conf?.socket ?? null;
  if (!socket) return null;
  // The database directory is known only from the configuration of the clamd behind that socket.
  return { socket, databaseDir: conf ? (conf.databaseDir ?? DEFAULT_DB_DIR) : null };
}

/**
 * Runs ClamAV over `files` (target paths): a running clamd first, else clamscan. Whatever keeps
 * ClamAV from judging a file becomes a gap; ClamAV absent or failing is a gap for the whole pass.
 */
export async function scanWithClamav(host: Host, files: string[], opts: ClamavOptions, gap: GapFn): Promise<ClamavFact | null> {
  let clamdWhy: string | null = null;
  if (opts.databaseDir === undefined) {
    const clamd = findClamd(opts);
    if (clamd) {
      try {
        return await scanWithClamd(host, clamd.socket, files, opts, gap, clamd.databaseDir);
      } catch (e) {
        clamdWhy = `clamd at ${clamd.socket} did not answer (${(e as Error).message})`;
        if (opts.clamdSocket) {
          gap(undefined, `ClamAV not run: ${clamdWhy}`, 'collector-failed');
          return null;
        }
      }
    }
  } else if (!fs.existsSync(opts.databaseDir)) {
    gap(undefined, `ClamAV not run: signature directory ${opts.databaseDir} does not exist`, 'collector-failed');
    return null;
  }
  const clamscan = findProgram(opts.clamscanPaths ?? CLAMSCAN_PATHS);
  if (!clamscan) {
    gap(
      undefined,
      clamdWhy
        ? `ClamAV not run: ${clamdWhy} and clamscan is not installed`
        : 'ClamAV not run: neither a clamd socket nor clamscan was found (install clamav)',
      'collector-failed',
    );
    return null;
  }
  try {
    return await scanWithClamscan(host, clamscan, files, opts, gap);
  } catch (e) {
    gap(undefined, `ClamAV (clamscan) failed: ${(e as Error).message.split('\n')[0]}`, 'collector-failed');
    return null;
  }
}

/** For messages: the signature directory a user would recognise. */
export function describeDatabase(f: ClamavFact): string {
  const dir = f.databaseDir ? path.normalize(f.databaseDir) : null;
  const files = f.databaseFiles.length > 0 ? ` (${f.databaseFiles.join(', ')})` : '';
  return dir ? `${dir}${files}` : 'the database clamd loaded';
}
