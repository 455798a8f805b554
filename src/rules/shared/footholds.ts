import { pathSpellings } from '../../model/path-name';
import type { CommandFact } from '../../collect/persistence/command-targets';
import type { Snapshot } from '../../model/facts';
import { type PhraseValue, phrase } from '../../i18n/phrases';

// What ties a dropped file to the rest of an intrusion: something starts it at boot or on a
// schedule, or it is running now. Shared by the files and rootkit rules that judge dropped files.

const references = new WeakMap<Snapshot, Map<string, string[]>>();
const ABSOLUTE = /(?:^|[\s'"=(:;|&>])(\/[^\s'";|&<>()`]+)/g;

function add(map: Map<string, string[]>, path: string | null | undefined, where: string): void {
  if (!path) return;
  for (const p of pathSpellings(path)) {
    const list = map.get(p) ?? [];
    if (!list.includes(where)) list.push(where);
    map.set(p, list);
  }
}

function addCommands(map: Map<string, string[]>, file: string, commands: CommandFact[]): void {
  for (const c of commands) {
    for (const t of c.targets) {
      add(map, t.path, `${file}:${c.line}`);
      add(map, t.resolved, `${file}:${c.line}`);
    }
  }
}

/** Every file a cron job, at job, systemd unit, init script, rc.local, inittab or shell profile starts, with where ("/etc/crontab:3"). */
export function persistenceReferences(snapshot: Snapshot): Map<string, string[]> {
  const cached = references.get(snapshot);
  if (cached) return cached;
  const map = new Map<string, string[]>();
  const f = snapshot.facts;
  for (const t of f.cronJobs ?? []) addCommands(map, t.file.path, t.entries);
  for (const j of f.atJobs ?? []) addCommands(map, j.file.path, j.commands);
  for (const u of f.systemdUnits?.units ?? []) {
    addCommands(map, u.file.path, u.execs);
    // The unit file itself is started by its wants link.
  }
  for (const l of f.systemdUnits?.links ?? []) add(map, l.resolved, l.path);
  for (const g of f.systemdUnits?.generators ?? []) addCommands(map, g.file.path, g.commands);
  for (const s of f.initScripts?.scripts ?? []) addCommands(map, s.file.path, s.commands);
  for (const l of f.initScripts?.links ?? []) add(map, l.resolved, l.path);
  for (const r of f.initScripts?.rcLocal ?? []) addCommands(map, r.file.path, r.commands);
  const tab = f.initScripts?.inittab;
  if (tab) addCommands(map, tab.file.path, tab.entries);
  for (const file of f.shellStartup?.files ?? []) {
    for (const l of file.lines) for (const m of l.text.matchAll(ABSOLUTE)) add(map, m[1], `${file.path}:${l.n}`);
  }
  references.set(snapshot, map);
  return map;
}

/** Processes whose executable is this file. */
export function runningFrom(snapshot: Snapshot, path: string): { pid: number; name: string }[] {
  const spellings = new Set(pathSpellings(path));
  return (snapshot.facts.processes ?? []).filter((p) => p.exe !== null && spellings.has(p.exe)).map((p) => ({ pid: p.pid, name: p.name }));
}

/** Evidence lines for what starts the file and what runs it; empty when nothing does. */
export function footholdLinks(snapshot: Snapshot, path: string): { referenced: boolean; running: boolean; evidence: PhraseValue[] } {
  const refs = persistenceReferences(snapshot).get(path) ?? [];
  const procs = runningFrom(snapshot, path);
  const evidence: PhraseValue[] = [
    ...refs.slice(0, 5).map((where) => phrase('foothold.startedBy', { where })),
    ...procs.slice(0, 5).map((p) => phrase('foothold.running', { pid: p.pid, name: p.name })),
  ];
  return { referenced: refs.length > 0, running: procs.length > 0, evidence };
}

/** Whether a path lies below one of the intel prefixes; "~/" stands for /root and every /home/<user>. */
export function underAny(path: string, prefixes: readonly string[]): string | null {
  for (const pre of prefixes) {
    if (pre.startsWith('~/')) {
      const rest = pre.slice(1);
      const m = /^(\/root|\/home\/[^/]+)(\/.*)$/.exec(path);
      if (m && (m[2] === rest.replace(/\/$/, '') || m[2].startsWith(rest.endsWith('/') ? rest : `${rest}/`))) return pre;
    } else if (path === pre.replace(/\/$/, '') || path.startsWith(pre.endsWith('/') ? pre : `${pre}/`)) return pre;
  }
  return null;
}
