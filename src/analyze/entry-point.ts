import type { Lang } from '../i18n/lang';
import { loginMethodText } from '../i18n/login-method';
import { renderValue } from '../i18n/phrases';
import { rt } from '../i18n/report-text';
import type { Facts } from '../model/facts';
import { severityRank } from '../model/finding';
import { accountLabel, rootAccounts } from '../model/root-accounts';
import type { EntryKind, EntryPoint, Evidence, ReportFinding, TimelineEvent } from '../model/report';
import { findingIps, findingPaths } from './correlate';
import { shortTime } from './timeline';

// How the attacker most likely got in, with the records that say so. Only records on the host can
// name an entry point: a login after password guessing, a webshell and who requested it, a login
// a rule flagged, attack traffic against the web server. Without such a record there is no entry
// point — never a guess dressed up as one. Candidates are ranked; the conclusion that a candidate
// *was* the way in is an inference from the order of events, and says so.

/** Failed attempts before a login that make it "after brute force". */
export const BRUTE_FORCE_MIN_ATTEMPTS = 10;
const HOUR = 3600_000;
const LINK_WINDOW_MS = 24 * HOUR;
const SOON_MS = HOUR;

const LOG_CATEGORIES = new Set(['log_bruteforce', 'log_login', 'log_web']);
const LOGIN_RULES = new Set([
  'logs/remote-root-login',
  'logs/ssh-root-password-login',
  'logs/ssh-root-key-login',
  'logs/login-from-bruteforce-ip',
]);
const BRUTE_LOGIN_RULES = new Set(['logs/ssh-login-after-bruteforce', 'logs/login-from-bruteforce-ip']);

interface Candidate extends EntryPoint {
  findingIds: string[];
}

interface Artefact {
  finding: ReportFinding;
  t: number;
  what: string;
}

/** What the attacker left (files, jobs, processes, keys), dated: what an entry must come before. */
export function artefactsOf(findings: ReportFinding[]): Artefact[] {
  return findings
    .filter((f) => !LOG_CATEGORIES.has(f.category) && f.time && severityRank(f.severity) >= severityRank('medium'))
    .map((f) => ({ finding: f, t: Date.parse(f.time as string), what: f.path ?? f.process?.name ?? f.title }))
    .filter((a) => !Number.isNaN(a.t))
    .sort((a, b) => a.t - b.t);
}

function confidenceOf(score: number): EntryPoint['confidence'] {
  return score >= 0.75 ? 'high' : score >= 0.5 ? 'medium' : 'low';
}

/** Score and evidence for what follows a point of entry at time `t`. */
function followUp(t: number, artefacts: Artefact[], lang: Lang): { bonus: number; evidence: Evidence[] } {
  const after = artefacts.find((a) => a.t >= t);
  const before = artefacts.find((a) => a.t < t);
  if (!after) return { bonus: before ? -0.2 : 0, evidence: [{ text: rt(lang, 'evdNoArtefactAfter'), basis: 'seen', findings: [] }] };
  const minutes = Math.round((after.t - t) / 60_000);
  const ev: Evidence = {
    text: rt(lang, 'evdFollowed', { minutes, what: after.what }),
    basis: 'seen',
    time: new Date(after.t).toISOString(),
    findings: [after.finding.id],
  };
  const bonus = after.t - t <= SOON_MS ? 0.3 : after.t - t <= LINK_WINDOW_MS ? 0.15 : 0;
  return { bonus: bonus - (before ? 0.2 : 0), evidence: [ev] };
}

function historyMentions(ip: string, facts: Partial<Facts> | undefined, lang: Lang): Evidence[] {
  const out: Evidence[] = [];
  const word = new RegExp(`(^|[^\\d.])${ip.replace(/\./g, '\\.')}($|[^\\d.])`);
  for (const h of facts?.histories ?? []) {
    for (const line of h.lines) {
      if (!word.test(line.text)) continue;
      out.push({
        text: rt(lang, 'evdHistoryIp', { ip, user: h.user, text: line.text.slice(0, 200) }),
        basis: 'seen',
        time: line.time ?? undefined,
        findings: [],
      });
      if (out.length >= 3) return out;
    }
  }
  return out;
}

function sshCandidates(findings: ReportFinding[], facts: Partial<Facts> | undefined, artefacts: Artefact[], lang: Lang): Candidate[] {
  const out: Candidate[] = [];
  const accepted = (facts?.authLog?.accepted ?? []).filter((a) => a.time && a.attemptsBefore >= BRUTE_FORCE_MIN_ATTEMPTS);
  const sources = new Map((facts?.authLog?.sources ?? []).map((s) => [s.ip, s]));
  const loginFindings = findings.filter((f) => BRUTE_LOGIN_RULES.has(f.rule) && f.ip);
  const roots = rootAccounts(facts);
  const who = (user: string) => renderValue(accountLabel(user, roots), lang);
  const how = (method: string) => loginMethodText(method, lang);
  // Facts first (exact lines); findings stand in when the report has no snapshot.
  const logins: { ip: string; user: string; method: string; time?: string; attempts?: number; first?: string; last?: string }[] =
    accepted.length > 0
      ? accepted.map((a) => ({
          ip: a.ip,
          user: a.user,
          method: a.method,
          time: a.time ?? undefined,
          attempts: sources.get(a.ip)?.attempts ?? a.attemptsBefore,
          first: a.firstFailure ?? undefined,
          last: a.lastFailure ?? undefined,
        }))
      : loginFindings.map((f) => ({ ip: f.ip as string, user: f.user ?? '?', method: 'password', time: f.time }));
  // The first successful login from each guessing address is the one that let them in.
  const firstPerIp = new Map<string, (typeof logins)[number]>();
  for (const l of logins) {
    const prev = firstPerIp.get(l.ip);
    if (!prev || (l.time && prev.time && Date.parse(l.time) < Date.parse(prev.time))) firstPerIp.set(l.ip, l);
  }
  for (const l of firstPerIp.values()) {
    const related = findings.filter((f) => findingIps(f).includes(l.ip)).map((f) => f.id);
    const evidence: Evidence[] = [];
    if (l.attempts !== undefined)
      evidence.push({
        text: rt(lang, 'evdFailed', { count: l.attempts, ip: l.ip, first: shortTime(l.first), last: shortTime(l.last) }),
        basis: 'seen',
        time: l.first,
        findings: related,
      });
    else
      for (const f of loginFindings.filter((x) => x.ip === l.ip))
        evidence.push({ text: rt(lang, 'evdLoginFinding', { title: f.title }), basis: 'seen', time: f.time, findings: [f.id] });
    evidence.push({
      text: rt(lang, 'evdAccepted', { time: shortTime(l.time), method: how(l.method), user: who(l.user), ip: l.ip }),
      basis: 'seen',
      time: l.time,
      findings: related,
    });
    const t = l.time ? Date.parse(l.time) : Number.NaN;
    const follow = Number.isNaN(t) ? { bonus: 0, evidence: [] } : followUp(t, artefacts, lang);
    const history = historyMentions(l.ip, facts, lang);
    out.push({
      kind: 'ssh-bruteforce',
      score: 0.5 + follow.bonus + (history.length > 0 ? 0.1 : 0),
      confidence: 'low',
      summary: rt(lang, 'epBruteforce', { ip: l.ip, user: who(l.user), method: how(l.method) }),
      evidence: [...evidence, ...follow.evidence, ...history],
      ip: l.ip,
      user: l.user,
      time: l.time,
      findingIds: related,
    });
  }
  // Logins a rule flagged that did not follow guessing (a stolen password or key).
  for (const f of findings.filter((x) => LOGIN_RULES.has(x.rule) && x.ip && !firstPerIp.has(x.ip as string))) {
    const t = f.time ? Date.parse(f.time) : Number.NaN;
    const follow = Number.isNaN(t) ? { bonus: 0, evidence: [] } : followUp(t, artefacts, lang);
    out.push({
      kind: 'ssh-login',
      score: 0.35 + follow.bonus,
      confidence: 'low',
      summary: rt(lang, 'epSshLogin', { ip: f.ip, user: f.user ? who(f.user) : '?' }),
      evidence: [
        { text: rt(lang, 'evdLoginFinding', { title: f.title }), basis: 'seen', time: f.time, findings: [f.id] },
        ...follow.evidence,
      ],
      ip: f.ip,
      user: f.user,
      time: f.time,
      findingIds: [f.id],
    });
  }
  return out;
}

function webCandidates(findings: ReportFinding[], facts: Partial<Facts> | undefined, artefacts: Artefact[], lang: Lang): Candidate[] {
  const out: Candidate[] = [];
  const files = findings.filter((f) => f.category === 'webshell' && f.path);
  const traffic = findings.filter((f) => f.rule === 'logs/webshell-access-pattern' && f.path);
  const scripts = facts?.webAccess?.scripts ?? [];
  const usedTraffic = new Set<string>();
  const matches = (file: string, url: string) => url.length > 1 && (file === url || file.endsWith(url.startsWith('/') ? url : `/${url}`));
  for (const file of files) {
    const path = file.path as string;
    const evidence: Evidence[] = [
      { text: rt(lang, 'evdWebshellFile', { path, time: shortTime(file.time) }), basis: 'seen', time: file.time, findings: [file.id] },
    ];
    const ids = [file.id];
    let ip: string | undefined;
    let first: string | undefined;
    const script = scripts.find((s) => matches(path, s.path));
    const tf = traffic.find((x) => matches(path, x.path as string));
    if (tf) {
      usedTraffic.add(tf.id);
      ids.push(tf.id);
    }
    if (script && script.posters.length > 0) {
      ip = script.posters[0].ip;
      first = script.first ?? undefined;
      evidence.push({
        text: rt(lang, 'evdWebshellPosts', {
          posts: script.posts,
          url: script.path,
          ip: script.posters.map((p) => p.ip).join(', '),
          first: shortTime(script.first),
          last: shortTime(script.last),
        }),
        basis: 'seen',
        time: first,
        findings: tf ? [tf.id] : [],
      });
    } else if (tf) {
      ip = tf.ip;
      first = tf.time;
      evidence.push({ text: rt(lang, 'evdLoginFinding', { title: tf.title }), basis: 'seen', time: tf.time, findings: [tf.id] });
    }
    const history = ip ? historyMentions(ip, facts, lang) : [];
    const anchor = Date.parse(first ?? file.time ?? '');
    const follow = Number.isNaN(anchor)
      ? { bonus: 0, evidence: [] }
      : followUp(
          anchor,
          artefacts.filter((a) => a.finding.id !== file.id),
          lang,
        );
    out.push({
      kind: 'webshell',
      score: 0.5 + (ip ? 0.25 : 0) + (history.length > 0 ? 0.15 : 0) + Math.max(0, follow.bonus) * 0.5,
      confidence: 'low',
      summary: rt(lang, 'epWebshell', { path, requested: ip ? rt(lang, 'epWebshellRequested', { ip }) : '' }),
      evidence: [...evidence, ...history, ...follow.evidence],
      ip,
      path,
      time: first ?? file.time,
      findingIds: ids,
    });
  }
  // Webshell traffic whose file was not found (deleted, or outside the scanned web roots).
  for (const tf of traffic.filter((x) => !usedTraffic.has(x.id))) {
    const history = tf.ip ? historyMentions(tf.ip, facts, lang) : [];
    out.push({
      kind: 'webshell',
      score: 0.45 + (history.length > 0 ? 0.15 : 0),
      confidence: 'low',
      summary: rt(lang, 'epWebshell', { path: tf.path, requested: tf.ip ? rt(lang, 'epWebshellRequested', { ip: tf.ip }) : '' }),
      evidence: [{ text: rt(lang, 'evdLoginFinding', { title: tf.title }), basis: 'seen', time: tf.time, findings: [tf.id] }, ...history],
      ip: tf.ip,
      path: tf.path,
      time: tf.time,
      findingIds: [tf.id],
    });
  }
  for (const f of findings.filter((x) => x.rule === 'logs/web-attack-traffic' && x.ip)) {
    out.push({
      kind: 'web-exploit',
      score: 0.3,
      confidence: 'low',
      summary: rt(lang, 'epWebExploit', { ip: f.ip }),
      evidence: [{ text: rt(lang, 'evdLoginFinding', { title: f.title }), basis: 'seen', time: f.time, findings: [f.id] }],
      ip: f.ip,
      time: f.time,
      findingIds: [f.id],
    });
  }
  return out;
}

/**
 * Entry points for one incident, most likely first. `all` is every finding of the report (the
 * login that let them in may sit in another group than the miner it led to); `incident` the ids of
 * this incident's findings.
 */
export function findEntryPoints(
  all: ReportFinding[],
  incident: Set<string>,
  facts: Partial<Facts> | undefined,
  lang: Lang,
  _events: TimelineEvent[] = [],
): EntryPoint[] {
  const mine = all.filter((f) => incident.has(f.id));
  const artefacts = artefactsOf(mine);
  const ips = new Set(mine.flatMap(findingIps));
  const paths = new Set(mine.flatMap(findingPaths));
  const firstArtefact = artefacts[0]?.t;
  const candidates = [...sshCandidates(all, facts, artefacts, lang), ...webCandidates(all, facts, artefacts, lang)].filter((c) => {
    if (c.findingIds.some((id) => incident.has(id))) return true;
    if ((c.ip && ips.has(c.ip)) || (c.path && paths.has(c.path))) return true;
    // Not linked by a shared value: only an entry shortly before this incident's first artefact.
    const t = c.time ? Date.parse(c.time) : Number.NaN;
    return firstArtefact !== undefined && !Number.isNaN(t) && t <= firstArtefact && firstArtefact - t <= LINK_WINDOW_MS;
  });
  const seen = new Set<string>();
  return candidates
    .map((c) => ({ ...c, score: Math.round(Math.min(1, Math.max(0.05, c.score)) * 100) / 100 }))
    .sort((a, b) => b.score - a.score || (a.time ?? '').localeCompare(b.time ?? ''))
    .filter((c) => {
      const key = `${c.kind}|${c.ip ?? ''}|${c.path ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ findingIds: _ids, ...c }, i, list) => {
      const evidence =
        i === 0 && list.length === 1
          ? [...c.evidence, { text: rt(lang, 'evdOnlyEntry'), basis: 'inferred' as const, findings: [] }]
          : c.evidence;
      return { ...c, confidence: confidenceOf(c.score), evidence } satisfies EntryPoint;
    });
}

export type { EntryKind };
