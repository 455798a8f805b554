import { severityRank } from '../model/finding';
import type { ReportFinding } from '../model/report';

// Findings that belong to one attack: they share an address, a path (one names the other's file),
// a non-system user, a process tree, or they happened within a short time of each other. Groups
// are the connected components of those links (union-find), so the order of findings is irrelevant.

export const TIME_WINDOW_MS = 30 * 60_000;
/** Accounts too common to tie two findings together on their own. */
const COMMON_USERS = new Set(['root', '', '?', 'nobody']);
/** Directories whose children are unrelated to each other. */
const SHARED_DIRS = new Set(['/', '/tmp', '/var/tmp', '/dev/shm', '/etc', '/root', '/home', '/usr', '/var', '/opt', '/srv', '/run']);
const IP = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/g;
const PATH = /(?:^|[\s'"=(:;|&>])(\/[\w.@+-]+(?:\/[\w.@+-]+)+)/g;
/** System binaries named in nearly every command: naming them does not link two findings. */
const COMMON_PATHS =
  /^\/(usr\/)?(s?bin|lib)\/(sh|bash|dash|wget|curl|python3?|perl|nohup|chmod|rm|cat|echo|sleep)$|^\/dev\/(null|zero|tcp|udp)\b|^\/proc\//;

export interface FindingGroup {
  findings: string[];
  /** Why they belong together, as "kind:value": ip:45.148.10.21, path:/tmp/.x/xmrig, dir:…, user:…, pid:…, window:30. */
  links: string[];
}

function isUsefulIp(ip: string): boolean {
  return !/^(0\.|127\.|255\.)/.test(ip) && ip.split('.').every((o) => Number(o) <= 255);
}

export function findingIps(f: ReportFinding): string[] {
  const out = new Set<string>();
  if (f.ip && isUsefulIp(f.ip)) out.add(f.ip);
  for (const text of [f.title, ...f.evidence]) for (const m of text.matchAll(IP)) if (isUsefulIp(m[1])) out.add(m[1]);
  return [...out];
}

export function findingPaths(f: ReportFinding): string[] {
  const out = new Set<string>();
  if (f.path) out.add(f.path);
  if (f.process?.exe) out.add(f.process.exe);
  return [...out];
}

function mentionedPaths(f: ReportFinding): string[] {
  const out = new Set<string>();
  for (const text of [f.title, ...f.evidence, f.process?.cmdline ?? '']) {
    for (const m of text.matchAll(PATH)) if (!COMMON_PATHS.test(m[1])) out.add(m[1].replace(/[.,;:]+$/, ''));
  }
  return [...out];
}

/** "systemd(1) > cron(812) > sh(901)" → [812, 901]: the tree without init and kthreadd. */
function treePids(f: ReportFinding): number[] {
  const pids = [...(f.process?.chain ?? '').matchAll(/\((\d+)\)/g)].map((m) => Number(m[1])).filter((p) => p > 2);
  if (f.pid !== undefined && f.pid > 2) pids.push(f.pid);
  return pids;
}

function parentDir(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}

class UnionFind {
  private readonly parent: number[];
  readonly reasons = new Map<number, Set<string>>();
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number, reason: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    const set = this.reasons.get(ra) ?? new Set<string>();
    for (const r of this.reasons.get(rb) ?? []) set.add(r);
    set.add(reason);
    if (ra !== rb) {
      this.parent[rb] = ra;
      this.reasons.delete(rb);
    }
    this.reasons.set(ra, set);
  }
}

export function correlate(findings: ReportFinding[]): FindingGroup[] {
  const uf = new UnionFind(findings.length);
  const byKey = new Map<string, number>();
  const join = (key: string, i: number, reason: string) => {
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, i);
    else uf.union(first, i, reason);
  };
  const primary = new Map<string, number>();
  findings.forEach((f, i) => {
    for (const ip of findingIps(f)) join(`ip:${ip}`, i, `ip:${ip}`);
    for (const p of findingPaths(f)) {
      join(`path:${p}`, i, `path:${p}`);
      if (!primary.has(p)) primary.set(p, i);
    }
    for (const u of [f.user, f.process?.user]) if (u && !COMMON_USERS.has(u)) join(`user:${u}`, i, `user:${u}`);
    for (const pid of treePids(f)) join(`pid:${pid}`, i, `pid:${pid}`);
  });
  findings.forEach((f, i) => {
    // One finding names another's file (a cron line running the dropped binary, a unit's ExecStart).
    for (const p of mentionedPaths(f)) {
      const j = primary.get(p);
      if (j !== undefined && j !== i) uf.union(j, i, `path:${p}`);
    }
    // A file inside a directory another finding is about (the hidden directory and its payload).
    for (const p of findingPaths(f)) {
      for (let d = parentDir(p); d !== '/' && !SHARED_DIRS.has(d); d = parentDir(d)) {
        const j = primary.get(d);
        if (j !== undefined && j !== i) uf.union(j, i, `dir:${d}`);
      }
    }
  });
  // Time window: consecutive timed findings of some weight closer than the window.
  const timed = findings
    .map((f, i) => ({ i, t: f.time ? Date.parse(f.time) : Number.NaN, f }))
    .filter((x) => !Number.isNaN(x.t) && severityRank(x.f.severity) >= severityRank('medium'))
    .sort((a, b) => a.t - b.t);
  for (let k = 1; k < timed.length; k++) {
    if (timed[k].t - timed[k - 1].t <= TIME_WINDOW_MS) uf.union(timed[k - 1].i, timed[k].i, `window:${TIME_WINDOW_MS / 60_000}`);
  }

  const groups = new Map<number, number[]>();
  findings.forEach((_, i) => {
    const r = uf.find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.entries()].map(([root, members]) => ({
    findings: members.map((i) => findings[i].id),
    links: [...(uf.reasons.get(root) ?? [])].sort(),
  }));
}
