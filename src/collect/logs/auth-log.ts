import { defineCollector } from '../collector';
import { ACTIVITY_HINT, ACTIVITY_PROGRAMS, type ParsedActivity, parseActivity } from './activity-parse';
import { ActivityCollector, type ActivityFact } from './activity';
import { parseSshdMessage, type AuthEvent } from './auth-parse';
import { readJournals } from './journal';
import { iso, parseSyslogStamp, targetTimeZone, ZoneClock } from './log-time';
import { clip, lines, readLog, rotatedFiles } from './read-log';

export interface AuthLogFile {
  path: string;
  /** Stamps of the first and last parsed lines: the window this file covers. */
  firstTime: string | null;
  lastTime: string | null;
  sshdEvents: number;
}

/** Failed attempts from one address. */
export interface AuthSource {
  ip: string;
  /** Best estimate of attempts: the largest of the failure counters (sshd logs one attempt several ways). */
  attempts: number;
  failedPasswords: number;
  invalidUsers: number;
  firstTime: string | null;
  lastTime: string | null;
  /** Most-tried user names, most first. */
  topUsers: { user: string; count: number }[];
  distinctUsers: number;
  examples: string[];
}

/** Failed attempts against one account name, from every address. */
export interface AuthTarget {
  user: string;
  attempts: number;
  sources: number;
  firstTime: string | null;
  lastTime: string | null;
}

export interface AuthAccepted {
  time: string | null;
  user: string;
  ip: string;
  method: string;
  /** Key type and fingerprint of a publickey login ("RSA", "SHA256:…"), as sshd logged them. */
  keyType: string | null;
  fingerprint: string | null;
  path: string;
  line: string;
  /** Attempts the same address had made before this login. */
  attemptsBefore: number;
  firstFailure: string | null;
  lastFailure: string | null;
}

export interface AuthLogFact {
  files: AuthLogFile[];
  timeZone: string | null;
  /** Every source with a failure, most attempts first (bounded); rules decide how many make an attack. */
  sources: AuthSource[];
  targets: AuthTarget[];
  accepted: AuthAccepted[];
  totalAttempts: number;
  /** sudo, su, account changes and cron commands from the same logs. */
  activity: ActivityFact;
}

declare module '../../model/facts' {
  interface Facts {
    authLog: AuthLogFact;
  }
}

const LOG_DIR = '/var/log';
const BASES = ['auth.log', 'secure'];
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 192 * 1024 * 1024;
const MAX_SOURCES = 500;
const MAX_TARGETS = 200;
const MAX_ACCEPTED = 2000;
const MAX_DISTINCT_KEYS = 100_000;

/** Programs whose journal entries feed the auth facts. */
const JOURNAL_IDENTS = new Set<string>(['sshd', 'sshd-session', ...ACTIVITY_PROGRAMS]);

interface AuthLine {
  ms: number | null;
  /** An sshd event, or else a sudo/su/account/cron one. */
  e: AuthEvent | null;
  a: ParsedActivity | null;
  line: string;
  path: string;
  key: string | null;
}

function parseLine(rest: string): { e: AuthEvent | null; a: ParsedActivity | null } | null {
  const clipped = rest.length > 4096 ? rest.slice(0, 4096) : rest;
  const e = parseSshdMessage(clipped);
  if (e) return { e, a: null };
  const a = parseActivity(rest);
  return a ? { e: null, a } : null;
}

const REPEATED = /^(\S+): message repeated \d+ times: \[ ?(.*?) ?\]$/;

/**
 * "prog[pid]: message" without the host (rsyslog may shorten the journal's hostname); rsyslog's
 * "message repeated N times: [ m ]" stands for N copies of "prog[pid]: m".
 */
function dedupKey(rest: string): string | null {
  const sp = rest.indexOf(' ');
  if (sp <= 0) return null;
  const key = rest.slice(sp + 1);
  const r = REPEATED.exec(key);
  return r ? `${r[1]}: ${r[2]}` : key;
}

/** Two time-ordered lists merged; lines without a time keep their place in the first list. */
function* mergeByTime(a: AuthLine[], b: AuthLine[]): Generator<AuthLine> {
  let j = 0;
  for (const x of a) {
    while (j < b.length && x.ms !== null && (b[j].ms ?? 0) < x.ms) yield b[j++];
    yield x;
  }
  while (j < b.length) yield b[j++];
}

class Counter {
  failed = 0;
  invalid = 0;
  pam = 0;
  preauth = 0;
  first: number | null = null;
  last: number | null = null;
  readonly names = new Map<string, number>();
  readonly examples: string[] = [];

  get attempts(): number {
    return Math.max(this.failed, this.invalid, this.pam, this.preauth);
  }
  add(e: AuthEvent, ms: number | null, name: string, line: string, path: string) {
    if (e.kind === 'failed') this.failed += e.repeat;
    else if (e.kind === 'invalid') this.invalid += e.repeat;
    else if (e.kind === 'pam-failure') this.pam += e.repeat;
    else if (e.kind === 'preauth-closed') this.preauth += e.repeat;
    if (ms !== null) {
      if (this.first === null || ms < this.first) this.first = ms;
      if (this.last === null || ms > this.last) this.last = ms;
    }
    // "Invalid user x" and "Failed password for invalid user x" describe one try: name it once.
    const named = e.kind === 'invalid' || (e.kind === 'failed' && !e.invalidUser);
    if (name !== '' && named && (this.names.has(name) || this.names.size < 1000)) {
      this.names.set(name, (this.names.get(name) ?? 0) + e.repeat);
    }
    if (this.examples.length < 3) this.examples.push(`${path}: ${clip(line)}`);
  }
}

export function collectAuthLog(host: import('../../host/host').Host, gap: (p: string, r: string) => void): AuthLogFact {
  const zone = targetTimeZone(host);
  const clock = new ZoneClock(zone);
  const bySource = new Map<string, Counter>();
  const byUser = new Map<string, Counter>();
  const accepted: AuthAccepted[] = [];
  const files: AuthLogFile[] = [];
  let budget = MAX_TOTAL_BYTES;
  let totalAttempts = 0;

  const paths = BASES.flatMap((b) => rotatedFiles(host, LOG_DIR, b));
  // Newest files matter most: spend the byte budget from the newest backwards, then parse oldest first.
  const chosen: { path: string; text: string; mtimeMs: number }[] = [];
  for (const path of [...paths].reverse()) {
    if (budget <= 0) {
      gap(path, 'skipped: auth log byte budget spent on newer files');
      continue;
    }
    const log = readLog(host, path, Math.min(MAX_FILE_BYTES, budget), gap);
    if (!log) continue;
    budget -= log.text.length;
    chosen.unshift({ path, text: log.text, mtimeMs: log.mtimeMs });
  }

  // Text lines first (in file order), then journal lines not already in the text logs, merged by
  // time so "attempts before" counts failures from either source.
  const textLines: AuthLine[] = [];
  for (const { path, text, mtimeMs } of chosen) {
    const file: AuthLogFile = { path, firstTime: null, lastTime: null, sshdEvents: 0 };
    let firstMs: number | null = null;
    let lastMs: number | null = null;
    let lastLine = '';
    for (const line of lines(text)) {
      // Most of a busy auth log is PAM and systemd noise: stamp only the first line and the lines of
      // programs parsed here.
      const wanted = line.includes('sshd') || ACTIVITY_HINT.test(line);
      if (!wanted && firstMs !== null) {
        if (line !== '') lastLine = line;
        continue;
      }
      const { ms, rest } = parseSyslogStamp(line, mtimeMs, clock);
      if (ms !== null) {
        if (firstMs === null) firstMs = ms;
        lastMs = ms;
        lastLine = '';
      }
      if (!wanted) continue;
      const parsed = parseLine(rest);
      if (!parsed) continue;
      if (parsed.e) file.sshdEvents++;
      textLines.push({ ms: ms ?? lastMs, ...parsed, line, path, key: dedupKey(rest) });
    }
    if (lastLine !== '') lastMs = parseSyslogStamp(lastLine, mtimeMs, clock).ms ?? lastMs;
    file.firstTime = iso(firstMs);
    file.lastTime = iso(lastMs);
    files.push(file);
  }

  const journal = readJournals(host, JOURNAL_IDENTS, gap);
  // rsyslog copies journal lines into auth.log: the same line (program, PID, message) counted
  // twice would double every attempt. Count text copies per line and drop as many journal copies.
  const inText = new Map<string, number>();
  for (const t of textLines) if (t.key !== null) inText.set(t.key, (inText.get(t.key) ?? 0) + (t.e?.repeat ?? 1));
  const journalLines: AuthLine[] = [];
  const perJournal = new Map<string, number>();
  for (const j of journal.lines) {
    const parsed = parseLine(j.rest);
    if (!parsed) continue;
    if (parsed.e) perJournal.set(j.path, (perJournal.get(j.path) ?? 0) + 1);
    const key = dedupKey(j.rest);
    const copies = key === null ? 0 : (inText.get(key) ?? 0);
    if (key !== null && copies > 0) {
      inText.set(key, copies - 1);
      continue;
    }
    journalLines.push({ ms: j.ms, ...parsed, line: `${iso(j.ms)} ${j.rest}`, path: j.path, key });
  }
  const journalFiles: AuthLogFile[] = journal.files.map((f) => ({
    path: f.path,
    firstTime: f.firstTime,
    lastTime: f.lastTime,
    sshdEvents: perJournal.get(f.path) ?? 0,
  }));

  const activity = new ActivityCollector();
  for (const { ms, e, a, line, path } of mergeByTime(textLines, journalLines)) {
    if (a) activity.add(a, ms, path, line);
    if (!e || e.kind === 'max-attempts') continue;
    if (e.kind === 'accepted') {
      const src = bySource.get(e.ip);
      accepted.push({
        time: iso(ms),
        user: clip(e.user, 64),
        ip: clip(e.ip, 64),
        method: clip(e.method ?? '', 40),
        keyType: e.keyType === undefined ? null : clip(e.keyType, 40),
        fingerprint: e.fingerprint ?? null,
        path,
        line: clip(line),
        attemptsBefore: src?.attempts ?? 0,
        firstFailure: iso(src?.first ?? null),
        lastFailure: iso(src?.last ?? null),
      });
      if (accepted.length > MAX_ACCEPTED) accepted.shift();
      continue;
    }
    totalAttempts += e.repeat;
    let src = bySource.get(e.ip);
    if (!src && bySource.size < MAX_DISTINCT_KEYS) bySource.set(e.ip, (src = new Counter()));
    src?.add(e, ms, e.user, line, path);
    if (e.user !== '') {
      let u = byUser.get(e.user);
      if (!u && byUser.size < MAX_DISTINCT_KEYS) byUser.set(e.user, (u = new Counter()));
      u?.add(e, ms, e.ip, line, path);
    }
  }

  const sources: AuthSource[] = [...bySource.entries()]
    .sort((a, b) => b[1].attempts - a[1].attempts)
    .slice(0, MAX_SOURCES)
    .map(([ip, c]) => ({
      ip: clip(ip, 64),
      attempts: c.attempts,
      failedPasswords: c.failed,
      invalidUsers: c.invalid,
      firstTime: iso(c.first),
      lastTime: iso(c.last),
      topUsers: [...c.names.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([user, count]) => ({ user: clip(user, 64), count })),
      distinctUsers: c.names.size,
      examples: c.examples,
    }));
  const targets: AuthTarget[] = [...byUser.entries()]
    .sort((a, b) => b[1].attempts - a[1].attempts)
    .slice(0, MAX_TARGETS)
    .map(([user, c]) => ({
      user: clip(user, 64),
      attempts: c.attempts,
      sources: c.names.size,
      firstTime: iso(c.first),
      lastTime: iso(c.last),
    }));

  return {
    files: [...files, ...journalFiles],
    timeZone: zone,
    sources,
    targets,
    accepted,
    totalAttempts,
    activity: activity.result(),
  };
}

export default defineCollector({
  name: 'authLog',
  description:
    'SSH authentication events, sudo and su use, account changes (useradd, usermod, userdel, groupadd, gpasswd, passwd) and cron commands from /var/log/auth.log and /var/log/secure (rotated and gzipped copies included) and from the systemd journal (read natively, archived and damaged files included); SSH failures aggregated per source address and per account.',
  paths: [
    '/var/log/auth.log*',
    '/var/log/secure*',
    '/var/log/journal/*/*.journal*',
    '/run/log/journal/*/*.journal*',
    '/etc/timezone',
    '/etc/localtime',
  ],
  collect({ host, gap }) {
    return collectAuthLog(host, gap);
  },
});
