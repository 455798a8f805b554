import type { Stats } from 'node:fs';
import type { Host } from '../../host/host';
import { type FileKind, fileKind, type Magic, magicOf, printable, printableName, shebangOf } from './file-kind';

/** Where a file was found; rules judge a file by its place as much as by its content. */
export type AreaRole = 'tmp' | 'bin' | 'local-bin' | 'lib' | 'etc' | 'boot' | 'ssh' | 'home' | 'top' | 'probe';

export interface WalkArea {
  dir: string;
  role: AreaRole;
  /** How deep to descend: 1 = the directory's own entries. */
  depth: number;
  /** Entries up to this depth are always kept; deeper ones only when set-id or inside a hidden directory. */
  keepAllDepth: number;
}

export interface FileEntry {
  path: string;
  kind: FileKind;
  /** Permission bits with setuid/setgid/sticky (st_mode & 0o7777). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: string;
  ctime: string;
  role: AreaRole;
  /** 1 for an entry directly in the walked directory, 2 one level below, … (0 for probed paths). */
  depth: number;
  /** The hidden path component ("...", ".x") below the walked directory, when there is one. */
  hidden?: string;
  /** Set when the first bytes were read: ELF program, #! script or other data. */
  magic?: Magic;
  shebang?: string;
  /** The first few KB of a script in a temporary or hidden place, printable, for content checks. */
  head?: string;
  sha256?: string;
  linkTarget?: string;
}

export interface WalkLimits {
  /**
   * Entries of one directory examined in full. Past it (a directory padded with 200,000 junk
   * names) every name is still looked at, but only executables, set-id files and hidden
   * directories are kept: a payload cannot hide behind padding, and the facts stay small.
   */
  perDir: number;
  /** Names of one directory looked at at all; the rest become a gap naming the directory. */
  perDirNames: number;
  /** lstat calls per area. */
  perArea: number;
  /**
   * Non-executable files whose first bytes are read, per scan. Executables are always opened
   * (within the time budget): a flood of junk must not leave the real program unidentified.
   */
  magicReads: number;
  /** Wall-clock budget of the whole walk; where it runs out becomes a gap naming the directory. */
  walkMs: number;
  /** Files hashed per scan, and the largest one hashed. */
  hashes: number;
  hashMaxBytes: number;
  hashTotalBytes: number;
}

export const DEFAULT_LIMITS: WalkLimits = {
  perDir: 5000,
  perDirNames: 1_000_000,
  perArea: 1_200_000,
  magicReads: 4000,
  walkMs: 60_000,
  hashes: 400,
  hashMaxBytes: 32 * 1024 * 1024,
  hashTotalBytes: 128 * 1024 * 1024,
};

const HEAD_BYTES = 8192;

export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || /^[\s.]*$/.test(name) || /^\s|\s$/.test(name);
}

export function isExecBits(mode: number): boolean {
  return (mode & 0o111) !== 0;
}

export function isSetId(mode: number): boolean {
  return (mode & 0o6000) !== 0;
}

/** What is kept even in an oversized directory: anything that can run, or hide more. */
function notable(st: Stats, name: string): boolean {
  if (st.isDirectory()) return isHiddenName(name);
  return st.isFile() && (isExecBits(st.mode) || isSetId(st.mode));
}

interface WalkState {
  host: Host;
  limits: WalkLimits;
  gap: (path: string, reason: string) => void;
  owned: (path: string) => boolean;
  entries: Map<string, FileEntry>;
  /** dev:ino of directories already listed, with the depth left when they were. */
  visited: Map<string, number>;
  magicReads: number;
  hashes: number;
  hashedBytes: number;
  /** performance.now() past which the walk stops (with a gap). */
  deadline: number;
  outOfTime: boolean;
  /** Names from builtin intel worth hashing wherever they turn up. */
  wanted: (path: string) => boolean;
  limitGaps: Set<string>;
  /** Dot-directories ordinary software makes (.git, .build-id): not "hidden" for our purposes. */
  benignHidden: Set<string>;
}

export class FileWalker {
  private state: WalkState;

  constructor(
    host: Host,
    opts: {
      owned: (p: string) => boolean;
      wanted: (p: string) => boolean;
      gap: (p: string, r: string) => void;
      benignHidden?: string[];
      limits?: WalkLimits;
    },
  ) {
    this.state = {
      host,
      limits: opts.limits ?? DEFAULT_LIMITS,
      gap: opts.gap,
      owned: opts.owned,
      wanted: opts.wanted,
      entries: new Map(),
      visited: new Map(),
      magicReads: 0,
      deadline: performance.now() + (opts.limits ?? DEFAULT_LIMITS).walkMs,
      outOfTime: false,
      hashes: 0,
      hashedBytes: 0,
      limitGaps: new Set(),
      benignHidden: new Set(opts.benignHidden ?? []),
    };
  }

  entries(): FileEntry[] {
    return [...this.state.entries.values()];
  }

  walk(area: WalkArea): void {
    const { host } = this.state;
    const st = host.stat(area.dir);
    if (!st) return; // absent directories are normal (no /dev/shm in an image)
    if (!st.isDirectory()) return;
    if (this.state.outOfTime) {
      this.state.gap(area.dir, `not examined: the file walk's time budget (${this.state.limits.walkMs / 1000} s) ran out before`);
      return;
    }
    const budget = { left: this.state.limits.perArea };
    this.walkDir(area, area.dir, 1, null, st.dev, budget);
  }

  /** Adds one exact path (known-bad locations from intel), whatever directory it is in. */
  /** Whether a path is already listed. */
  has(path: string): boolean {
    return this.state.entries.has(path);
  }

  probe(path: string): void {
    if (this.state.entries.has(path)) return;
    const st = this.state.host.lstat(path);
    if (!st) return;
    this.add(path, st, 'probe', 0, null, true);
  }

  private walkDir(area: WalkArea, dir: string, depth: number, hidden: string | null, rootDev: number, budget: { left: number }): void {
    const s = this.state;
    const dirSt = s.host.stat(dir);
    if (!dirSt) return;
    const key = `${dirSt.dev}:${dirSt.ino}`;
    const remaining = area.depth - depth;
    const seen = s.visited.get(key);
    if (seen !== undefined && seen >= remaining) return;
    s.visited.set(key, remaining);

    const names = s.host.readDir(dir);
    if (names === null) {
      s.gap(dir, s.host.lastError() ?? 'unreadable directory');
      return;
    }
    // Sorted so that two scans of the same tree examine the same names.
    const list = names.length > s.limits.perDir ? [...names].sort() : names;
    if (list.length > s.limits.perDirNames) {
      s.gap(dir, `${names.length} entries; only the first ${s.limits.perDirNames} were examined`);
      list.length = s.limits.perDirNames;
    }
    const prefix = dir === '/' ? '/' : `${dir}/`;
    for (let i = 0; i < list.length; i++) {
      const name = list[i];
      // Checked every 256 names: a clock read per name would cost more than the lstat.
      if ((i & 0xff) === 0 && performance.now() > s.deadline) {
        s.outOfTime = true;
        s.gap(
          dir,
          `the file walk's time budget (${s.limits.walkMs / 1000} s) ran out after ${i} of ${list.length} entries: the rest was not examined`,
        );
        return;
      }
      if (budget.left-- <= 0) {
        if (!s.limitGaps.has(area.dir)) {
          s.limitGaps.add(area.dir);
          s.gap(area.dir, `more than ${s.limits.perArea} entries below it; the rest was not examined`);
        }
        return;
      }
      if (name.includes('\n')) {
        // Newlines in names break every line-based tool the analyst will use next; keep it visible.
        s.gap(prefix + printableName(name), 'file name contains a newline');
      }
      const path = prefix + name;
      const st = s.host.lstatEntry(dir, name);
      if (!st) continue; // vanished between readdir and lstat
      if (i === s.limits.perDir) {
        s.gap(
          dir,
          `${list.length} entries; past the first ${s.limits.perDir} only executables, set-id files and hidden directories were kept`,
        );
      }
      if (i >= s.limits.perDir && !notable(st, name)) continue;
      // Under home directories dot-directories are the norm (.cache, .npm): there only set-id files count.
      const h = area.role === 'home' ? null : (hidden ?? (isHiddenName(name) && !s.benignHidden.has(name) ? name : null));
      const keep = depth <= area.keepAllDepth || h !== null || (st.isFile() && isSetId(st.mode & 0o7777));
      if (keep && !s.entries.has(path)) this.add(path, st, area.role, depth, h, false);
      if (s.outOfTime) return;
      if (st.isDirectory() && st.dev === rootDev) {
        // Hidden directories are followed further than the area's depth: that is where payloads sit.
        const maxDepth = hidden === null && h !== null ? Math.max(area.depth, depth + 4) : area.depth;
        if (depth < maxDepth) this.walkDir({ ...area, depth: maxDepth }, path, depth + 1, h, rootDev, budget);
      }
    }
  }

  private add(path: string, st: Stats, role: AreaRole, depth: number, hidden: string | null, probed: boolean): void {
    const s = this.state;
    const mode = st.mode & 0o7777;
    const e: FileEntry = {
      path,
      kind: fileKind(st),
      mode,
      uid: st.uid,
      gid: st.gid,
      size: st.size,
      mtime: new Date(st.mtimeMs).toISOString(),
      ctime: new Date(st.ctimeMs).toISOString(),
      role,
      depth,
    };
    if (hidden !== null) e.hidden = hidden;
    if (e.kind === 'symlink') {
      const t = s.host.readlink(path);
      if (t !== null) e.linkTarget = printable(t);
    }
    if (e.kind === 'file') this.inspect(e, hidden !== null, probed);
    s.entries.set(path, e);
  }

  private inspect(e: FileEntry, hidden: boolean, probed: boolean): void {
    const s = this.state;
    const execish = isExecBits(e.mode) || isSetId(e.mode);
    // Droppers write to /tmp/x or /tmp/.x/y; deep trees in /tmp are unpacked software, opened only when executable.
    const place = (e.role === 'tmp' && e.depth <= 3) || hidden || probed;
    const wanted = probed || s.wanted(e.path);
    const owned = e.role !== 'tmp' && !place && s.owned(e.path);
    // Preload rootkits drop plain 0644 libraries, so unowned files at the top of bin/lib directories are opened too.
    const unownedSystem = !owned && (execish || ((e.role === 'bin' || e.role === 'lib') && e.depth === 1));
    if (e.size === 0 || !(place || wanted || unownedSystem)) return;
    if (!execish && s.magicReads >= s.limits.magicReads) {
      if (!s.limitGaps.has('magic')) {
        s.limitGaps.add('magic');
        s.gap(e.path, `more than ${s.limits.magicReads} files to identify; the rest were not opened`);
      }
      return;
    }
    if (!execish) s.magicReads++;
    const head = s.host.readFile(e.path, HEAD_BYTES);
    if (head === null) {
      s.gap(e.path, s.host.lastError() ?? 'unreadable');
      return;
    }
    e.magic = magicOf(head);
    if (e.magic === 'script') {
      e.shebang = shebangOf(head);
      if (place) e.head = printable(head.toString('utf8'));
    }
    // Hashes are evidence for what rules report; big admin-installed tools in /usr/local or /etc are not worth the time.
    const reportable = wanted || place || isSetId(e.mode) || e.role === 'bin' || e.role === 'lib';
    if (reportable && (wanted || e.magic !== 'data' || execish)) this.hash(e);
  }

  private hash(e: FileEntry): void {
    const s = this.state;
    if (s.hashes >= s.limits.hashes || e.size > s.limits.hashMaxBytes || s.hashedBytes + e.size > s.limits.hashTotalBytes) return;
    s.hashes++;
    s.hashedBytes += e.size;
    const hashes = s.host.hashFile(e.path, ['sha256'], s.limits.hashMaxBytes);
    if (hashes?.sha256) e.sha256 = hashes.sha256;
  }
}
