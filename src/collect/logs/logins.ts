import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { readLastlog2, readWtmpDbs } from './login-db';
import { iso } from './log-time';
import { readLogBytes, rotatedFiles } from './read-log';
import { LASTLOG_SIZE, parseLastlog, parseUtmp, UT, UTMP_SIZE, type UtmpRecord } from './utmp-parse';

export interface LoginRecordFile {
  path: string;
  size: number;
  mtime: string | null;
  records: number;
  /** Size is not a whole number of records: bytes were cut out or appended. */
  misaligned: boolean;
  /** All-NUL records followed by real ones (utmp cleaners blank the entries they remove). */
  zeroed: { count: number; first: number | null; before: string | null; after: string | null };
  /** Consecutive login/logout records whose time steps back (records spliced or rewritten). */
  backwards: { index: number; from: string; to: string }[];
  firstTime: string | null;
  lastTime: string | null;
}

export interface LoginSession {
  user: string;
  line: string;
  host: string;
  /** Address from ut_addr_v6, or the host field when that is an address. '' for local logins. */
  ip: string;
  login: string | null;
  logout: string | null;
  path: string;
}

export interface FailedLoginSource {
  /** Remote host or address as btmp recorded it ('' = local console). */
  host: string;
  count: number;
  first: string | null;
  last: string | null;
  topUsers: { user: string; count: number }[];
}

export interface LastlogFact {
  user: string;
  /** -1 when lastlog2 names an account /etc/passwd does not have. */
  uid: number;
  time: string;
  line: string;
  host: string;
  /** Source file when not /var/log/lastlog (lastlog2 database). */
  path?: string;
}

export interface LoginsFact {
  /** wtmp and its rotations, oldest first; present: false when /var/log/wtmp does not exist. */
  wtmp: LoginRecordFile[];
  btmp: LoginRecordFile[];
  present: { wtmp: boolean; btmp: boolean; lastlog: boolean };
  sessions: LoginSession[];
  boots: number;
  failed: FailedLoginSource[];
  lastlog: LastlogFact[];
}

declare module '../../model/facts' {
  interface Facts {
    logins: LoginsFact;
  }
}

const MAX_BYTES = 64 * 1024 * 1024;
const MAX_SESSIONS = 20_000;
const BACKWARDS_SLACK_S = 300;
const IP_LIKE = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]+)$/i;

function recordFile(path: string, size: number, mtimeMs: number, recs: UtmpRecord[], clipped: boolean): LoginRecordFile {
  let lastReal = -1;
  for (let i = recs.length - 1; i >= 0; i--)
    if (!recs[i].zeroed) {
      lastReal = i;
      break;
    }
  const zeroedIdx = recs.filter((r) => r.zeroed && r.index < lastReal).map((r) => r.index);
  const timeOf = (i: number, dir: 1 | -1): string | null => {
    for (let k = i; k >= 0 && k < recs.length; k += dir) if (!recs[k].zeroed) return iso(recs[k].sec * 1000);
    return null;
  };
  const backwards: LoginRecordFile['backwards'] = [];
  let prev: UtmpRecord | null = null;
  for (const r of recs) {
    if (r.zeroed) continue;
    // Boot and clock-change records legitimately jump (RTC wrong until NTP steps the clock).
    if (r.type === UT.BOOT_TIME || r.type === UT.NEW_TIME || r.type === UT.OLD_TIME || r.type === UT.RUN_LVL) {
      prev = null;
      continue;
    }
    if (prev && r.sec + BACKWARDS_SLACK_S < prev.sec && backwards.length < 10)
      backwards.push({ index: r.index, from: iso(prev.sec * 1000) ?? '?', to: iso(r.sec * 1000) ?? '?' });
    prev = r;
  }
  const real = recs.filter((r) => !r.zeroed && r.sec > 0);
  return {
    path,
    size,
    mtime: iso(mtimeMs),
    records: recs.length,
    misaligned: !clipped && size % UTMP_SIZE !== 0,
    zeroed: {
      count: zeroedIdx.length,
      first: zeroedIdx[0] ?? null,
      before: zeroedIdx.length ? timeOf(zeroedIdx[0], -1) : null,
      after: zeroedIdx.length ? timeOf(zeroedIdx[zeroedIdx.length - 1], 1) : null,
    },
    backwards,
    firstTime: real.length ? iso(real[0].sec * 1000) : null,
    lastTime: real.length ? iso(real[real.length - 1].sec * 1000) : null,
  };
}

function readRecords(host: Host, base: string, gap: (p: string, r: string) => void) {
  const files: LoginRecordFile[] = [];
  const records: { path: string; recs: UtmpRecord[] }[] = [];
  for (const path of rotatedFiles(host, '/var/log', base)) {
    const log = readLogBytes(host, path, MAX_BYTES, gap, UTMP_SIZE);
    if (!log) continue;
    const recs = parseUtmp(log.data);
    files.push(recordFile(path, log.size, log.mtimeMs, recs, log.clipped));
    records.push({ path, recs });
  }
  return { files, records };
}

function sessionsOf(records: { path: string; recs: UtmpRecord[] }[]): { sessions: LoginSession[]; boots: number } {
  const sessions: LoginSession[] = [];
  const open = new Map<string, LoginSession>();
  let boots = 0;
  for (const { path, recs } of records) {
    for (const r of recs) {
      if (r.zeroed) continue;
      if (r.type === UT.BOOT_TIME) {
        boots++;
        open.clear();
      } else if (r.type === UT.USER_PROCESS && r.user !== '') {
        const s: LoginSession = {
          user: r.user,
          line: r.line,
          host: r.host,
          ip: r.addr || (IP_LIKE.test(r.host) ? r.host : ''),
          login: iso(r.sec * 1000),
          logout: null,
          path,
        };
        sessions.push(s);
        open.set(r.line, s);
        if (sessions.length > MAX_SESSIONS) sessions.shift();
      } else if (r.type === UT.DEAD_PROCESS) {
        const s = open.get(r.line);
        if (s) {
          s.logout = iso(r.sec * 1000);
          open.delete(r.line);
        }
      }
    }
  }
  return { sessions, boots };
}

function failedSources(records: { path: string; recs: UtmpRecord[] }[]): FailedLoginSource[] {
  const by = new Map<string, { count: number; first: number; last: number; users: Map<string, number> }>();
  for (const { recs } of records) {
    for (const r of recs) {
      if (r.zeroed || (r.type !== UT.LOGIN_PROCESS && r.type !== UT.USER_PROCESS)) continue;
      const key = r.addr || r.host;
      let s = by.get(key);
      if (!s) {
        if (by.size >= 100_000) continue;
        by.set(key, (s = { count: 0, first: r.sec, last: r.sec, users: new Map() }));
      }
      s.count++;
      s.first = Math.min(s.first, r.sec);
      s.last = Math.max(s.last, r.sec);
      if (s.users.has(r.user) || s.users.size < 1000) s.users.set(r.user, (s.users.get(r.user) ?? 0) + 1);
    }
  }
  return [...by.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 500)
    .map(([host, s]) => ({
      host,
      count: s.count,
      first: iso(s.first * 1000),
      last: iso(s.last * 1000),
      topUsers: [...s.users.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([user, count]) => ({ user, count })),
    }));
}

export default defineCollector({
  name: 'logins',
  description:
    'Login sessions, failed logins and last logins parsed natively from wtmp, btmp and lastlog, and from the wtmpdb and lastlog2 databases of Debian 13 (not trusting last/lastb/wtmpdb), with signs of record tampering.',
  paths: [
    '/var/log/wtmp*',
    '/var/log/btmp*',
    '/var/log/lastlog',
    '/var/lib/wtmpdb/wtmp.db',
    '/var/log/wtmp.db',
    '/var/lib/lastlog/lastlog2.db',
  ],
  after: ['users'],
  collect({ host, facts, gap }) {
    const wtmp = readRecords(host, 'wtmp', gap);
    const btmp = readRecords(host, 'btmp', gap);
    const { sessions, boots } = sessionsOf(wtmp.records);
    const users = facts.users?.users ?? [];
    const uids = [...new Set(users.map((u) => u.uid))].filter((u) => Number.isInteger(u) && u >= 0);
    let lastlog: LastlogFact[] = [];
    // lastlog is sparse (nfsnobody's UID makes it ~19 MB of holes): read only up to the highest UID we need.
    const maxUid = uids.filter((u) => u * LASTLOG_SIZE < MAX_BYTES).reduce((a, b) => Math.max(a, b), -1);
    const lastlogPresent = host.lstat('/var/log/lastlog') !== null;
    if (lastlogPresent && maxUid >= 0) {
      const buf = host.readFile('/var/log/lastlog', (maxUid + 1) * LASTLOG_SIZE);
      if (buf === null) gap('/var/log/lastlog', host.lastError() ?? 'unreadable');
      else {
        const names = new Map(users.map((u) => [u.uid, u.name]));
        lastlog = parseLastlog(buf, uids).map((e) => ({
          user: names.get(e.uid) ?? String(e.uid),
          uid: e.uid,
          time: iso(e.sec * 1000) ?? '',
          line: e.line,
          host: e.host,
        }));
      }
    }
    // Debian 13: the same facts from the wtmpdb and lastlog2 SQLite databases.
    const dbs = readWtmpDbs(host, gap);
    const dbFiles: LoginRecordFile[] = dbs.map((d) => ({
      path: d.path,
      size: d.size,
      mtime: d.mtime,
      records: d.records,
      misaligned: false,
      zeroed: { count: 0, first: null, before: null, after: null },
      backwards: [],
      firstTime: d.firstTime,
      lastTime: d.lastTime,
    }));
    const dbSessions = dbs.flatMap((d) => d.sessions);
    const lastlog2 = readLastlog2(host, gap);
    if (lastlog2) {
      const uidOf = new Map(users.map((u) => [u.name, u.uid]));
      for (const e of lastlog2) lastlog.push({ ...e, uid: uidOf.get(e.user) ?? -1 });
    }
    return {
      wtmp: [...wtmp.files, ...dbFiles],
      btmp: btmp.files,
      present: {
        wtmp: host.lstat('/var/log/wtmp') !== null || dbs.length > 0,
        btmp: host.lstat('/var/log/btmp') !== null,
        lastlog: lastlogPresent || lastlog2 !== null,
      },
      sessions: [...sessions, ...dbSessions].slice(-MAX_SESSIONS),
      boots: boots + dbs.reduce((n, d) => n + d.boots, 0),
      failed: failedSources(btmp.records),
      lastlog,
    };
  },
});
