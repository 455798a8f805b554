import type { ProcessFact } from '../collect/processes';
import type { Snapshot } from '../model/facts';
import { pathSpellings } from '../model/path-spellings';

// Rules import it from here as well.
export { pathSpellings };

// Lookups that many rules need, built once per snapshot.

const owned = new WeakMap<Snapshot, Set<string>>();
const procs = new WeakMap<Snapshot, Map<number, ProcessFact>>();
const userNames = new WeakMap<Snapshot, Map<number, string>>();

/** Whether a package owns the path; null when the package database is unavailable (unknown, not "no"). */
export function isPackageOwned(snapshot: Snapshot, path: string): boolean | null {
  const pk = snapshot.facts.packages;
  if (!pk || pk.manager === null) return null;
  let set = owned.get(snapshot);
  if (!set) {
    set = new Set(pk.files);
    owned.set(snapshot, set);
  }
  return pathSpellings(path).some((p) => set.has(p));
}

/**
 * Whether a package owns a file as a process sees it. A process in a container sees its own root
 * filesystem, which the host's package database does not describe: unknown, not "unowned".
 */
export function processFileOwned(snapshot: Snapshot, p: ProcessFact, path: string): boolean | null {
  return p.foreignRoot ? null : isPackageOwned(snapshot, path);
}

export function processByPid(snapshot: Snapshot, pid: number): ProcessFact | undefined {
  let map = procs.get(snapshot);
  if (!map) {
    map = new Map((snapshot.facts.processes ?? []).map((p) => [p.pid, p]));
    procs.set(snapshot, map);
  }
  return map.get(pid);
}

export function userName(snapshot: Snapshot, uid: number | null): string {
  if (uid === null) return '?';
  let map = userNames.get(snapshot);
  if (!map) {
    map = new Map((snapshot.facts.users?.users ?? []).map((u) => [u.uid, u.name]));
    userNames.set(snapshot, map);
  }
  return map.get(uid) ?? String(uid);
}

/** "systemd(1) > sshd(800) > bash(1200)" from init down to pid. */
export function processChain(snapshot: Snapshot, pid: number): string {
  const parts: string[] = [];
  const seen = new Set<number>();
  let cur = processByPid(snapshot, pid);
  while (cur && !seen.has(cur.pid) && parts.length < 32) {
    seen.add(cur.pid);
    parts.unshift(`${cur.name}(${cur.pid})`);
    cur = cur.ppid > 0 ? processByPid(snapshot, cur.ppid) : undefined;
  }
  return parts.join(' > ');
}

export function commandLine(p: ProcessFact): string {
  return p.cmdline.length > 0 ? p.cmdline.join(' ') : `[${p.name}]`;
}

const TMP_DIRS = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/shm/'];

export function inTmpDir(path: string): boolean {
  return TMP_DIRS.some((d) => path.startsWith(d));
}

/**
 * The component that hides a path (".x", "...", " "), unless it is a dot-dir that well-known tools
 * create directly under a home (~/.local, ~/.nvm, ~/.pyenv…: intel paths.knownHomeDotDirs).
 * Home-relative forms (~/x, $HOME/x) count as homes too.
 */
export function hiddenPlace(path: string, knownHomeDotDirs: readonly string[]): string | null {
  if (hiddenComponent(path) === null) return null;
  const parts = path.split('/');
  const homeLevel = /^(~|\$HOME|\$\{HOME\})$/.test(parts[0]) ? 1 : parts[1] === 'root' ? 2 : parts[1] === 'home' ? 3 : -1;
  for (let i = 0; i < parts.length; i++) {
    const c = parts[i];
    if (c === '' || c === '.' || c === '..' || hiddenComponent(c) === null) continue;
    if (i === homeLevel && i < parts.length - 1 && knownHomeDotDirs.includes(c)) continue;
    return c;
  }
  return null;
}

/** A path component that hides: starts with "." (".x", "...") or is only spaces/dots. */
export function hiddenComponent(path: string): string | null {
  for (const c of path.split('/')) {
    if (c === '') continue;
    if (c.startsWith('.') || /^[\s.]+$/.test(c) || /^\s|\s$/.test(c)) return c;
  }
  return null;
}
