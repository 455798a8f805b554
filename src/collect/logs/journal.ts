import type { Host } from '../../host/host';
import { parseJournalHeader, readJournalEntries, tailObjectEnd } from './journal-file';
import { iso } from './log-time';
import { readRange } from './read-log';

// systemd journal files as a log source: a default Debian 12 server has no rsyslog, so the sshd,
// sudo and account-management lines exist only here. Entries become syslog-shaped lines
// ("host ident[pid]: message") so the text-log parsers apply unchanged.

/** Persistent journal, then the volatile one (live systems, or hosts without /var/log/journal). */
export const JOURNAL_DIRS = ['/var/log/journal', '/run/log/journal'];

/** How much journal a scan reads: journald's own files are at most 128 MiB each by default. */
export interface JournalBudget {
  maxFileBytes: number;
  maxTotalBytes: number;
  timeMs: number;
}

export const JOURNAL_BUDGET: JournalBudget = { maxFileBytes: 256 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, timeMs: 60_000 };
const MAX_FILES = 2000;

export interface JournalFileInfo {
  path: string;
  /** Bytes holding objects (the rest of a journal file is preallocated space). */
  bytes: number;
  entries: number;
  /** Entries from the programs asked for. */
  matched: number;
  firstTime: string | null;
  lastTime: string | null;
  compression: string[];
  compact: boolean;
}

export interface JournalLine {
  ms: number;
  /** "host ident[pid]: message", as a syslog file would hold it after its stamp. */
  rest: string;
  ident: string;
  pid: string;
  message: string;
  path: string;
}

export interface JournalRead {
  files: JournalFileInfo[];
  lines: JournalLine[];
}

interface Candidate {
  path: string;
  mtimeMs: number;
}

/** Every journal file under the machine-id folders, system journals only (user-UID files hold user services' output). */
export function journalFiles(host: Host): Candidate[] {
  const out: Candidate[] = [];
  for (const dir of JOURNAL_DIRS) {
    for (const sub of host.readDir(dir) ?? []) {
      const subdir = `${dir}/${sub}`;
      const st = host.lstat(subdir);
      if (!st?.isDirectory()) continue;
      for (const name of host.readDir(subdir) ?? []) {
        if (!/\.journal~?$/.test(name) || name.startsWith('user-')) continue;
        const path = `${subdir}/${name}`;
        const fst = host.lstat(path);
        if (fst?.isFile()) out.push({ path, mtimeMs: fst.mtimeMs });
        if (out.length >= MAX_FILES) return out;
      }
    }
  }
  return out;
}

/**
 * Reads the entries of the given programs (SYSLOG_IDENTIFIER or _COMM) from every journal file,
 * newest files first until the byte and time budgets are spent; what is skipped, cut or corrupt
 * becomes a gap naming the file.
 */
export function readJournals(
  host: Host,
  idents: ReadonlySet<string>,
  gap: (p: string, r: string) => void,
  limits: JournalBudget = JOURNAL_BUDGET,
): JournalRead {
  const candidates = journalFiles(host).sort((a, b) => b.mtimeMs - a.mtimeMs);
  const files: JournalFileInfo[] = [];
  const lines: JournalLine[] = [];
  let budget = limits.maxTotalBytes;
  const deadline = performance.now() + limits.timeMs;
  for (const { path } of candidates) {
    if (budget <= 0) {
      gap(path, 'skipped: journal byte budget spent on newer files');
      continue;
    }
    if (performance.now() > deadline) {
      gap(path, 'skipped: journal time budget spent on newer files');
      continue;
    }
    const head = readRange(host, path, () => ({ start: 0, end: 4096 }));
    if (!head) {
      gap(path, 'unreadable journal file');
      continue;
    }
    const header = parseJournalHeader(head);
    if (typeof header === 'string') {
      gap(path, `journal not read: ${header}`);
      continue;
    }
    const tail = readRange(host, path, () => ({ start: header.usedEnd, end: header.usedEnd + 16 }));
    const end = tailObjectEnd(header, tail ?? Buffer.alloc(0));
    // A header that promises more than the file holds (cut copy, damaged header): read what is there.
    const want = Math.min(end, host.stat(path)?.size ?? end);
    if (want > limits.maxFileBytes || want > budget) {
      const limit = Math.round(Math.min(limits.maxFileBytes, budget) / 1048576);
      gap(path, `journal not read: ${Math.round(want / 1048576)} MiB is over the ${limit} MiB budget`);
      continue;
    }
    const buf = readRange(host, path, () => ({ start: 0, end: want }));
    if (!buf) {
      gap(path, 'unreadable journal file');
      continue;
    }
    budget -= buf.length;
    const info: JournalFileInfo = {
      path,
      bytes: buf.length,
      entries: 0,
      matched: 0,
      firstTime: null,
      lastTime: null,
      compression: header.compression,
      compact: header.compact,
    };
    let first: number | null = null;
    let last: number | null = null;
    const r = readJournalEntries(buf, header, end, {
      keyFields: ['SYSLOG_IDENTIFIER', '_COMM', 'SYSLOG_PID', '_PID', '_HOSTNAME'],
      lazyFields: ['MESSAGE'],
      want: (f) => idents.has(f.get('SYSLOG_IDENTIFIER') ?? f.get('_COMM') ?? ''),
      visit: (e) => {
        const ms = Math.floor(e.realtimeUs / 1000);
        if (first === null || ms < first) first = ms;
        if (last === null || ms > last) last = ms;
        const message = e.fields.get('MESSAGE');
        if (message === undefined) return;
        const f = e.fields;
        const ident = f.get('SYSLOG_IDENTIFIER') ?? f.get('_COMM') ?? '';
        const pid = f.get('SYSLOG_PID') ?? f.get('_PID') ?? '';
        const host = (f.get('_HOSTNAME') ?? '-').replace(/\s/g, '?');
        lines.push({ ms, rest: `${host} ${ident}${pid ? `[${pid}]` : ''}: ${message}`, ident, pid, message, path });
      },
      deadline,
    });
    info.entries = r.entries;
    info.matched = r.visited;
    info.firstTime = iso(header.headRealtimeUs ? Math.floor(header.headRealtimeUs / 1000) : first);
    info.lastTime = iso(header.tailRealtimeUs ? Math.floor(header.tailRealtimeUs / 1000) : last);
    files.push(info);
    if (r.problem !== null) {
      gap(
        path,
        `journal ${r.problem}: read ${r.entries} entries up to byte ${r.stoppedAt} of ${end}; the rest of the file was not examined`,
      );
    }
    if (r.undecoded.xz > 0) gap(path, `${r.undecoded.xz} XZ-compressed journal field(s) not decoded`);
    if (r.undecoded.corrupt > 0) gap(path, `${r.undecoded.corrupt} compressed journal field(s) corrupt (${r.undecoded.lastError})`);
    if (header.unknownFlags !== 0)
      gap(path, `journal uses unknown format flags 0x${header.unknownFlags.toString(16)}; entries may be misread`);
  }
  // Files overlap in time only around rotation; entries are merged by time for the parsers.
  lines.sort((a, b) => a.ms - b.ms);
  return { files, lines };
}
