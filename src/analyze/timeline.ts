import type { Lang } from '../i18n/lang';
import { loginMethodText } from '../i18n/login-method';
import { renderValue } from '../i18n/phrases';
import { rt } from '../i18n/report-text';
import { accountLabel, rootAccounts } from '../model/root-accounts';
import type { Facts } from '../model/facts';
import type { ReportFinding, TimelineEvent, TimelineKind } from '../model/report';

// Every timed fact of a scan on one line of time. Facts come from the snapshot (log lines, login
// records, file times, process starts, timed history); without a snapshot only the findings' own
// times are known. Pure: the same findings and facts always give the same timeline.

const MAX_PER_SOURCE = 500;
const MIN_AUTH_FAILURES = 3;
const MAX_SUMMARY_TEXT = 200;
const CRON_DIRS = ['/etc/crontab', '/etc/cron.d/', '/var/spool/cron/', '/etc/anacrontab'];
const ADMIN_UNIT_DIRS = ['/etc/systemd/', '/run/systemd/system/', '/.config/systemd/'];

/** Order for events at the same second: cause before effect. */
const KIND_ORDER: TimelineKind[] = [
  'auth.failed',
  'login.failed',
  'auth.accepted',
  'login.session',
  'web.request',
  'history.command',
  'sudo.command',
  'account.changed',
  'package.changed',
  'file.modified',
  'file.changed',
  'key.written',
  'cron.written',
  'unit.written',
  'process.started',
  'finding',
];

function clipText(s: string): string {
  return s.length > MAX_SUMMARY_TEXT ? `${s.slice(0, MAX_SUMMARY_TEXT)}…` : s;
}

function validTime(t: string | null | undefined): t is string {
  return typeof t === 'string' && !Number.isNaN(Date.parse(t)) && Date.parse(t) > 0;
}

/** "2026-11-18T12:01:30.000Z" → "2026-11-18 12:01:30" for text inside summaries. */
export function shortTime(t: string | null | undefined): string {
  return validTime(t) ? new Date(t).toISOString().slice(0, 19).replace('T', ' ') : '?';
}

interface FileTimes {
  mtime?: string;
  ctime?: string;
}

/**
 * Every object in the facts that names a path with its times ({path, mtime[, ctime]}), whatever
 * collector made it: file inventory entries, cron and unit files, key files, web scripts, histories.
 */
export function fileTimesIndex(facts: Partial<Facts>): Map<string, FileTimes> {
  const out = new Map<string, FileTimes>();
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.path === 'string' && validTime(o.mtime as string)) {
      const prev = out.get(o.path) ?? {};
      out.set(o.path, {
        mtime: prev.mtime ?? (o.mtime as string),
        ctime: prev.ctime ?? (validTime(o.ctime as string) ? (o.ctime as string) : undefined),
      });
    }
    for (const x of Object.values(o)) if (x !== null && typeof x === 'object') visit(x, depth + 1);
  };
  visit(facts, 0);
  return out;
}

/** Findings an event supports: same address, same path, same process, or its text names their path. */
function linkFindings(e: Omit<TimelineEvent, 'findings'>, findings: ReportFinding[], text = ''): string[] {
  return findings
    .filter(
      (f) =>
        (e.ip !== undefined && f.ip === e.ip) ||
        (e.path !== undefined && (f.path === e.path || f.process?.exe === e.path)) ||
        (e.pid !== undefined && f.pid === e.pid) ||
        (e.kind === 'account.changed' && e.user !== undefined && e.user !== 'root' && f.user === e.user) ||
        (text !== '' && f.path !== undefined && f.path.length > 4 && text.includes(f.path)),
    )
    .map((f) => f.id);
}

function fileKind(path: string): TimelineKind {
  if (CRON_DIRS.some((d) => path.startsWith(d))) return 'cron.written';
  if (/\/authorized_keys2?$/.test(path)) return 'key.written';
  if (/\.(service|timer|socket|path)$/.test(path) && ADMIN_UNIT_DIRS.some((d) => path.includes(d))) return 'unit.written';
  return 'file.modified';
}

const FILE_SUMMARY: Partial<Record<TimelineKind, 'evCronWritten' | 'evKeyWritten' | 'evUnitWritten'>> = {
  'cron.written': 'evCronWritten',
  'key.written': 'evKeyWritten',
  'unit.written': 'evUnitWritten',
};

/**
 * `until` is the reference time of the scan: the examined period ends there. Later stamps (an
 * inode change made by copying the image, a clock set forward) are not part of the story.
 */
export function buildTimeline(findings: ReportFinding[], facts: Partial<Facts> | undefined, lang: Lang, until?: string): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const end = until && validTime(until) ? Date.parse(until) + 60_000 : Number.POSITIVE_INFINITY;
  const inPeriod = (t: string) => Date.parse(t) <= end;
  const add = (e: Omit<TimelineEvent, 'findings'>, text = '') => {
    if (!validTime(e.time) || !inPeriod(e.time)) return;
    events.push({ ...e, time: new Date(e.time).toISOString(), findings: linkFindings(e, findings, text) });
  };
  const f = facts ?? {};
  const roots = rootAccounts(f);
  const who = (user: string) => renderValue(accountLabel(user, roots), lang);

  // A mistyped password or two is not part of the story.
  for (const s of (f.authLog?.sources ?? []).filter((s) => s.attempts >= MIN_AUTH_FAILURES).slice(0, MAX_PER_SOURCE)) {
    if (!validTime(s.firstTime)) continue;
    add({
      time: s.firstTime,
      endTime: validTime(s.lastTime) ? s.lastTime : undefined,
      kind: 'auth.failed',
      summary: rt(lang, 'evAuthFailed', {
        count: s.attempts,
        ip: s.ip,
        last: shortTime(s.lastTime),
        users: s.topUsers
          .slice(0, 3)
          .map((u) => u.user)
          .join(', '),
      }),
      source: s.examples[0]?.split(': ')[0] ?? 'auth log',
      ip: s.ip,
    });
  }
  for (const a of (f.authLog?.accepted ?? []).slice(-MAX_PER_SOURCE)) {
    if (!validTime(a.time)) continue;
    const data = { user: who(a.user), ip: a.ip, method: loginMethodText(a.method, lang), count: a.attemptsBefore };
    add({
      time: a.time,
      kind: 'auth.accepted',
      summary: rt(lang, a.attemptsBefore > 0 ? 'evAuthAcceptedAfter' : 'evAuthAccepted', data),
      source: a.path,
      ip: a.ip,
      user: a.user,
    });
  }
  const remoteSessions = (f.logins?.sessions ?? []).filter((s) => s.host !== '' || s.ip !== '');
  for (const s of remoteSessions.slice(-MAX_PER_SOURCE)) {
    if (!validTime(s.login)) continue;
    add({
      time: s.login,
      endTime: validTime(s.logout) ? s.logout : undefined,
      kind: 'login.session',
      summary: rt(lang, 'evSession', {
        user: who(s.user),
        line: s.line,
        host: s.ip || s.host,
        until: s.logout ? rt(lang, 'evSessionUntil', { logout: shortTime(s.logout) }) : '',
      }),
      source: s.path,
      ip: s.ip || undefined,
      user: s.user,
    });
  }
  for (const b of (f.logins?.failed ?? []).slice(0, MAX_PER_SOURCE)) {
    if (b.count < 3 || !validTime(b.first)) continue;
    add({
      time: b.first,
      endTime: validTime(b.last) ? b.last : undefined,
      kind: 'login.failed',
      summary: rt(lang, 'evBtmp', { count: b.count, host: b.host || 'console', last: shortTime(b.last) }),
      source: '/var/log/btmp',
      ip: b.host || undefined,
    });
  }
  for (const s of (f.webAccess?.scripts ?? []).slice(0, MAX_PER_SOURCE)) {
    if (!validTime(s.first)) continue;
    add(
      {
        time: s.first,
        endTime: validTime(s.last) ? s.last : undefined,
        kind: 'web.request',
        summary: rt(lang, 'evWeb', {
          posts: s.posts,
          path: s.path,
          ips: s.posters
            .slice(0, 3)
            .map((p) => p.ip)
            .join(', '),
          last: shortTime(s.last),
        }),
        source: s.example.split(': ')[0] || 'access log',
        ip: s.posters[0]?.ip,
      },
      s.path,
    );
  }

  // File times of everything a finding names, and of the persistence files an attacker writes.
  const times = fileTimesIndex(f);
  const named = new Set<string>();
  for (const x of findings) {
    if (x.path) named.add(x.path);
    if (x.process?.exe) named.add(x.process.exe);
  }
  for (const [path, t] of times) {
    const kind = fileKind(path);
    if (!named.has(path) && kind === 'file.modified') continue;
    if (t.mtime) add({ time: t.mtime, kind, summary: rt(lang, FILE_SUMMARY[kind] ?? 'evFileModified', { path }), source: 'mtime', path });
    // A ctime well after the mtime: permissions changed, or the mtime was set back (timestomping).
    if (t.ctime && t.mtime && named.has(path) && Date.parse(t.ctime) - Date.parse(t.mtime) > 60_000)
      add({ time: t.ctime, kind: 'file.changed', summary: rt(lang, 'evFileChanged', { path }), source: 'ctime', path });
  }

  const procPids = new Set(findings.flatMap((x) => (x.pid !== undefined ? [x.pid] : [])));
  for (const p of f.processes ?? []) {
    if (!procPids.has(p.pid) && !(p.exe && named.has(p.exe))) continue;
    if (!validTime(p.startedAt)) continue;
    add({
      time: p.startedAt,
      kind: 'process.started',
      summary: rt(lang, 'evProcess', { name: p.name, pid: p.pid, cmdline: clipText(p.cmdline.join(' ')) }),
      source: '/proc',
      pid: p.pid,
      path: p.exe ?? undefined,
    });
  }

  let historyCount = 0;
  for (const h of f.histories ?? []) {
    for (const line of h.lines) {
      if (!validTime(line.time) || historyCount++ >= MAX_PER_SOURCE) continue;
      const ip = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(line.text)?.[1];
      add(
        {
          time: line.time,
          kind: 'history.command',
          summary: rt(lang, 'evHistory', { user: h.user, text: clipText(line.text) }),
          source: `${h.path}:${line.n}`,
          user: h.user,
          ip,
        },
        line.text,
      );
    }
  }

  const eventKinds = { sudo: 'sudo.command', account: 'account.changed', package: 'package.changed' } as const;
  const eventText = { sudo: 'evSudo', account: 'evAccount', package: 'evPackage' } as const;
  for (const ev of (f.systemEvents?.events ?? []).slice(-MAX_PER_SOURCE * 2)) {
    add(
      {
        time: ev.time,
        kind: eventKinds[ev.kind],
        summary: rt(lang, eventText[ev.kind], { user: ev.user ?? '?', text: clipText(ev.text) }),
        source: ev.path,
        user: ev.user,
      },
      ev.text,
    );
  }

  // A finding whose time no fact above covers still belongs on the line.
  const covered = new Set(events.flatMap((e) => e.findings));
  for (const x of findings) {
    if (!validTime(x.time) || covered.has(x.id) || !inPeriod(x.time)) continue;
    events.push({
      time: new Date(x.time).toISOString(),
      kind: 'finding',
      summary: rt(lang, 'evFinding', { title: x.title }),
      source: x.rule,
      findings: [x.id],
      ip: x.ip,
      user: x.user,
      path: x.path,
      pid: x.pid,
    });
  }
  return sortEvents(events);
}

export function sortEvents(events: TimelineEvent[]): TimelineEvent[] {
  return events.sort(
    (a, b) =>
      Date.parse(a.time) - Date.parse(b.time) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.summary.localeCompare(b.summary),
  );
}
