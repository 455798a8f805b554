import { pathSpellings } from '../../analyze/facts-index';
import type { Host } from '../../host/host';
import filesIntel from '../../intel/files.json';
import { defineCollector } from '../collector';
import { DEFAULT_LIMITS, type FileEntry, FileWalker, type WalkArea, type WalkLimits } from './walk';

export type { FileEntry } from './walk';

export interface FileInventoryFact {
  /** Directories that were walked (target paths), so rules and reports can say what was covered. */
  walked: string[];
  entries: FileEntry[];
}

declare module '../../model/facts' {
  interface Facts {
    fileInventory: FileInventoryFact;
  }
}

// The directories the incident write-ups tell you to inspect by hand (find /tmp /etc -mtime -5,
// ls -Athl /usr/bin …), walked to a bounded depth. Order matters: the first spelling of a
// directory wins (/usr/bin before its usrmerge alias /bin), and fully kept areas come before
// the deep set-id-only ones so a directory is listed once.
const TMP_DEPTH = 8;
export const AREAS: WalkArea[] = [
  { dir: '/tmp', role: 'tmp', depth: TMP_DEPTH, keepAllDepth: TMP_DEPTH },
  { dir: '/var/tmp', role: 'tmp', depth: TMP_DEPTH, keepAllDepth: TMP_DEPTH },
  { dir: '/dev/shm', role: 'tmp', depth: TMP_DEPTH, keepAllDepth: TMP_DEPTH },
  { dir: '/usr/bin', role: 'bin', depth: 1, keepAllDepth: 1 },
  { dir: '/usr/sbin', role: 'bin', depth: 1, keepAllDepth: 1 },
  { dir: '/bin', role: 'bin', depth: 1, keepAllDepth: 1 },
  { dir: '/sbin', role: 'bin', depth: 1, keepAllDepth: 1 },
  { dir: '/usr/local/bin', role: 'local-bin', depth: 1, keepAllDepth: 1 },
  { dir: '/usr/local/sbin', role: 'local-bin', depth: 1, keepAllDepth: 1 },
  { dir: '/etc', role: 'etc', depth: 6, keepAllDepth: 6 },
  { dir: '/boot', role: 'boot', depth: 2, keepAllDepth: 2 },
  { dir: '/root/.ssh', role: 'ssh', depth: 2, keepAllDepth: 2 },
  // multiarch library directories are added here at run time (see libraryAreas)
  { dir: '/usr/lib', role: 'lib', depth: 2, keepAllDepth: 1 },
  { dir: '/lib', role: 'lib', depth: 1, keepAllDepth: 1 },
  { dir: '/usr/lib64', role: 'lib', depth: 2, keepAllDepth: 1 },
  { dir: '/lib64', role: 'lib', depth: 1, keepAllDepth: 1 },
  { dir: '/usr/libexec', role: 'lib', depth: 2, keepAllDepth: 0 },
  // Only set-id files and hidden directories from here on.
  { dir: '/', role: 'top', depth: 1, keepAllDepth: 0 },
  { dir: '/usr', role: 'top', depth: 1, keepAllDepth: 0 },
  { dir: '/usr/share', role: 'top', depth: 1, keepAllDepth: 0 },
  { dir: '/usr/local', role: 'top', depth: 2, keepAllDepth: 0 },
  { dir: '/usr/include', role: 'top', depth: 1, keepAllDepth: 0 },
  { dir: '/var', role: 'top', depth: 1, keepAllDepth: 0 },
  { dir: '/var/lib', role: 'top', depth: 1, keepAllDepth: 0 },
  { dir: '/var/spool', role: 'top', depth: 2, keepAllDepth: 0 },
  { dir: '/var/log', role: 'top', depth: 1, keepAllDepth: 0 },
  { dir: '/opt', role: 'top', depth: 2, keepAllDepth: 0 },
  { dir: '/srv', role: 'top', depth: 2, keepAllDepth: 0 },
  { dir: '/root', role: 'home', depth: 3, keepAllDepth: 0 },
  { dir: '/home', role: 'home', depth: 4, keepAllDepth: 0 },
];

/** /usr/lib/x86_64-linux-gnu and friends: where libc and libpam live on Debian. */
export function libraryAreas(host: Host): WalkArea[] {
  return (host.readDir('/usr/lib') ?? [])
    .filter((n) => /^[a-z0-9_]+-linux-gnu[a-z0-9_]*$/.test(n))
    .sort()
    .map((n) => ({ dir: `/usr/lib/${n}`, role: 'lib' as const, depth: 1, keepAllDepth: 1 }));
}

export function collectInventory(
  host: Host,
  ownedFiles: string[] | null,
  gap: (p: string, r: string) => void,
  limits: WalkLimits = DEFAULT_LIMITS,
): FileInventoryFact {
  const ownedSet = new Set(ownedFiles ?? []);
  const owned = (p: string) => pathSpellings(p).some((s) => ownedSet.has(s));
  const knownPaths = new Set(filesIntel.knownPaths.flatMap(pathSpellings));
  const knownNames = new Set(filesIntel.knownNames.map((n) => n.toLowerCase()));
  const wanted = (p: string) => knownPaths.has(p) || knownNames.has(p.slice(p.lastIndexOf('/') + 1).toLowerCase());
  const walker = new FileWalker(host, { owned, wanted, gap, limits, benignHidden: filesIntel.benignHiddenDirs });
  const libs = libraryAreas(host);
  const firstLib = AREAS.findIndex((a) => a.role === 'lib');
  const areas = [...AREAS.slice(0, firstLib), ...libs, ...AREAS.slice(firstLib)];
  for (const area of areas) walker.walk(area);
  for (const p of filesIntel.knownPaths) if (!listedUnderOtherSpelling(host, walker, p)) walker.probe(p);
  return { walked: areas.map((a) => a.dir), entries: walker.entries() };
}

/**
 * On merged-/usr systems /lib is a link to usr/lib: /lib/x and /usr/lib/x are one file, listed
 * once under the spelling the walk found. Where /lib is a real directory they are two files.
 */
function listedUnderOtherSpelling(host: Host, walker: FileWalker, path: string): boolean {
  const st = host.stat(path);
  if (!st) return false;
  return pathSpellings(path)
    .slice(1)
    .some((other) => {
      if (!walker.has(other)) return false;
      const o = host.stat(other);
      return o !== null && o.dev === st.dev && o.ino === st.ino;
    });
}

export default defineCollector({
  name: 'fileInventory',
  description:
    'Bounded walk of the directories incident responders check by hand (tmp dirs, bin/lib dirs, /etc, /boot, /root/.ssh; set-id files under /home, /opt, /usr/local): type, mode, owner, times, ELF/script magic and sha256 of executables in odd places.',
  paths: [...AREAS.map((a) => a.dir), '/usr/lib/*-linux-gnu'],
  after: ['packages'],
  collect({ host, facts, gap }) {
    const pk = facts.packages;
    return collectInventory(host, pk && pk.manager !== null ? pk.files : null, gap);
  },
});
