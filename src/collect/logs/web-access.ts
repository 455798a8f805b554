import { defineCollector } from '../collector';
import { iso } from './log-time';
import { clip, readLog, rotatedFiles } from './read-log';

/** Requests to one server-side script (query string stripped). */
export interface WebScriptTraffic {
  path: string;
  requests: number;
  posts: number;
  /** POSTs answered 2xx: a missing file answers 404, a live webshell 200. */
  postsOk: number;
  /** Distinct client addresses for any method (capped at 1000). */
  clients: number;
  /** POSTing addresses with their counts, most first (top 10). */
  posters: { ip: string; count: number }[];
  posterCount: number;
  first: string | null;
  last: string | null;
  example: string;
}

/** Requests sharing one User-Agent or one request target. */
export interface WebRequestGroup {
  key: string;
  count: number;
  ok: number;
  ips: string[];
  first: string | null;
  last: string | null;
  example: string;
}

export interface WebAccessFact {
  files: { path: string; lines: number; parsed: number }[];
  scripts: WebScriptTraffic[];
  agents: WebRequestGroup[];
  /** Script requests with a query string, and every script path (for file-name indicators). */
  targets: WebRequestGroup[];
}

declare module '../../model/facts' {
  interface Facts {
    webAccess: WebAccessFact;
  }
}

const LOGS: [string, string][] = [
  ['/var/log/nginx', 'access.log'],
  ['/var/log/apache2', 'access.log'],
  ['/var/log/apache2', 'ssl_access.log'],
  ['/var/log/httpd', 'access_log'],
  ['/var/log/httpd', 'ssl_access_log'],
];
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_LINES = 200_000;
const MAX_KEYS = 20_000;
const SCRIPT = /\.(php\d?|phtml|pht|phar|jspx?|jspf|aspx?|ashx|asmx|asa|cer|cgi|pl)$/i;
const COMBINED =
  /^(\S+) \S+ \S+ \[([^\]]{1,40})\] "(\S{1,20}) (\S{1,4096})(?: [^"]{0,40})?" (\d{3}) \S+(?: "((?:[^"\\]|\\.){0,4096})" "((?:[^"\\]|\\.){0,4096})")?/;
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** "25/Nov/2026:12:00:01 +0800" → UTC ms. */
export function parseClfTime(s: string): number | null {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (!m || MONTHS[m[2]] === undefined) return null;
  const off = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  return Date.UTC(Number(m[3]), MONTHS[m[2]], Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - off;
}

class Group {
  count = 0;
  ok = 0;
  readonly ips = new Set<string>();
  first: number | null = null;
  last: number | null = null;
  example = '';
  add(ip: string, ms: number | null, status: number, line: string) {
    this.count++;
    if (status >= 200 && status < 300) this.ok++;
    if (this.ips.size < 20) this.ips.add(ip);
    if (ms !== null) {
      if (this.first === null || ms < this.first) this.first = ms;
      if (this.last === null || ms > this.last) this.last = ms;
    }
    if (!this.example || (status >= 200 && status < 300 && this.ok === 1)) this.example = line;
  }
  out(key: string): WebRequestGroup {
    return {
      key: clip(key),
      count: this.count,
      ok: this.ok,
      ips: [...this.ips].map((i) => clip(i, 64)),
      first: iso(this.first),
      last: iso(this.last),
      example: clip(this.example),
    };
  }
}

interface ScriptAcc {
  requests: number;
  posts: number;
  postsOk: number;
  clients: Set<string>;
  posters: Map<string, number>;
  first: number | null;
  last: number | null;
  example: string;
}

export default defineCollector({
  name: 'webAccess',
  description:
    'nginx/Apache access logs (combined format, rotated and gzipped, newest 200k lines each) aggregated per script, user agent and request target.',
  paths: LOGS.map(([d, b]) => `${d}/${b}*`),
  collect({ host, gap }) {
    const files: WebAccessFact['files'] = [];
    const scripts = new Map<string, ScriptAcc>();
    const agents = new Map<string, Group>();
    const targets = new Map<string, Group>();
    for (const [dir, base] of LOGS) {
      for (const path of rotatedFiles(host, dir, base)) {
        const log = readLog(host, path, MAX_FILE_BYTES, gap);
        if (!log) continue;
        let all = log.text.split('\n');
        if (all.length > MAX_LINES) {
          gap(path, `only the newest ${MAX_LINES} of ${all.length} lines read`);
          all = all.slice(-MAX_LINES);
        }
        let parsed = 0;
        for (const raw of all) {
          const m = COMBINED.exec(raw.length > 10000 ? raw.slice(0, 10000) : raw);
          if (!m) continue;
          parsed++;
          const [, ip, stamp, method, target, statusText, , agent] = m;
          const ms = parseClfTime(stamp);
          const status = Number(statusText);
          const q = target.indexOf('?');
          const pathOnly = q >= 0 ? target.slice(0, q) : target;
          if (agent !== undefined && agent !== '' && agent !== '-') {
            let g = agents.get(agent);
            if (!g && agents.size < MAX_KEYS) agents.set(agent, (g = new Group()));
            g?.add(ip, ms, status, `${path}: ${raw}`);
          }
          if (!SCRIPT.test(pathOnly)) continue;
          for (const key of q >= 0 ? [pathOnly, target] : [pathOnly]) {
            let g = targets.get(key);
            if (!g && targets.size < MAX_KEYS) targets.set(key, (g = new Group()));
            g?.add(ip, ms, status, `${path}: ${raw}`);
          }
          let s = scripts.get(pathOnly);
          if (!s) {
            if (scripts.size >= MAX_KEYS) continue;
            scripts.set(
              pathOnly,
              (s = { requests: 0, posts: 0, postsOk: 0, clients: new Set(), posters: new Map(), first: null, last: null, example: '' }),
            );
          }
          s.requests++;
          if (s.clients.size < 1000) s.clients.add(ip);
          if (method === 'POST') {
            s.posts++;
            if (status >= 200 && status < 300) s.postsOk++;
            if (s.posters.has(ip) || s.posters.size < 1000) s.posters.set(ip, (s.posters.get(ip) ?? 0) + 1);
            if (!s.example) s.example = `${path}: ${raw}`;
            if (ms !== null) {
              if (s.first === null || ms < s.first) s.first = ms;
              if (s.last === null || ms > s.last) s.last = ms;
            }
          }
        }
        files.push({ path, lines: all.length, parsed });
      }
    }
    const scriptList: WebScriptTraffic[] = [...scripts.entries()]
      .filter(([, s]) => s.posts >= 5)
      .sort((a, b) => b[1].posts - a[1].posts)
      .slice(0, 500)
      .map(([path, s]) => ({
        path: clip(path),
        requests: s.requests,
        posts: s.posts,
        postsOk: s.postsOk,
        clients: s.clients.size,
        posters: [...s.posters.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10)
          .map(([ip, count]) => ({ ip: clip(ip, 64), count })),
        posterCount: s.posters.size,
        first: iso(s.first),
        last: iso(s.last),
        example: clip(s.example),
      }));
    return {
      files,
      scripts: scriptList,
      agents: [...agents.entries()]
        .sort((a, b) => b[1].count - a[1].count)
        .slice(0, 5000)
        .map(([k, g]) => g.out(k)),
      targets: [...targets.entries()].map(([k, g]) => g.out(k)),
    };
  },
});
