import path from 'node:path';
import fs from 'node:fs';
import type { Host } from '../../host/host';
import type { Facts } from '../../model/facts';
import type { RuleSource } from '../../intel/yara/builtin';
import { pathSpellings } from '../../model/path-name';
import { defineCollector } from '../collector';
import { DEFAULT_WEB_ROOTS as WEB_ROOTS, configuredRoots } from '../logs/web-scripts';
import { excerptAt } from './excerpt';
import { makeScanner, type Scanner } from './scanner';

export interface ContentMatch {
  path: string;
  /** meta.id of the content rule, e.g. "reverse-shell". */
  id: string;
  /** The YARA rule name. */
  rule: string;
  severity?: string;
  attack?: string;
  description?: string;
  zh?: string;
  /** Byte offset of the first (longest) match. */
  offset: number;
  /** The matching text with some context, escaped and bounded (see excerptAt). */
  excerpts: string[];
  size: number;
  mtime: string;
}

export interface WebScriptName {
  path: string;
  /** The web root it was found under. */
  root: string;
  size: number;
  mtime: string;
}

export interface ContentScanFact {
  engine: string | null;
  ruleCount: number;
  filesScanned: number;
  bytesScanned: number;
  ms: number;
  matches: ContentMatch[];
  /**
   * Server-side scripts under web roots whose name has a second extension ("logo.png.php") or a
   * rarely used script extension (".phtml", ".php5"), whatever their content.
   */
  webScriptNames?: WebScriptName[];
  /**
   * Large data files met in the walked areas and not read: over AREA_DATA_BYTES, not executable,
   * neither ELF nor script (backups, dumps, archives, media). Not a gap: no content rule is about them.
   */
  largeDataFiles?: number;
}

declare module '../../model/facts' {
  interface Facts {
    contentScan: ContentScanFact;
  }
}

export interface ContentLimits {
  /** Larger files are not read (one gap per scan names the first and the count). */
  maxFileBytes: number;
  totalBytes: number;
  files: number;
  ms: number;
}

export const DEFAULT_CONTENT_LIMITS: ContentLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  totalBytes: 1024 * 1024 * 1024,
  files: 60_000,
  ms: 30_000,
};

/**
 * Where payloads and their configuration live besides what the file inventory already lists, in
 * the order they are read (the budgets cut the last ones first): temporary and shared-memory dirs,
 * web roots, home dirs, /etc, /usr/local, /opt, /srv, then unowned files under /var/lib. Each is
 * walked to a bounded depth; package-owned files are left to the package integrity check.
 */
export const CONTENT_AREAS: ContentArea[] = [
  { dir: '/tmp', depth: 10 },
  { dir: '/var/tmp', depth: 10 },
  { dir: '/dev/shm', depth: 10 },
  { dir: '/run/shm', depth: 10 },
  ...WEB_ROOTS.map((dir) => ({ dir, depth: 14, web: true })),
  { dir: '/root', depth: 6 },
  { dir: '/home', depth: 7 },
  { dir: '/etc', depth: 6 },
  { dir: '/usr/local', depth: 6 },
  { dir: '/opt', depth: 6 },
  { dir: '/srv', depth: 8 },
  // Service data lives deeper (databases, container layers): the programs and scripts dropped
  // beside it sit near the top.
  { dir: '/var/lib', depth: 4 },
];

export interface ContentArea {
  dir: string;
  depth: number;
  /** A web document root: server-side scripts with telling names are recorded (see webScriptNames). */
  web?: boolean;
}

/**
 * Outside web roots, a walked file larger than this is read only when it can run (execute bit, ELF
 * or "#!" start): what the content rules look for (scripts, configurations, programs, webshells)
 * is small or a program, and a home or /opt full of backups must not use up the budgets, or make
 * every scan of a real server incomplete. Named targets (processes, persistence, the inventory)
 * and web roots are always read.
 */
const AREA_DATA_BYTES = 1024 * 1024;

/** Server-side script names a web server runs, with a second extension or a rare script one. */
const ODD_SCRIPT_NAME =
  /\.(?:[a-z0-9]{1,5}\.(?:php\d?|phtml|pht|phar|jspx?|aspx?|ashx|asmx|cer|asa)|php[3-8]|phtml|pht|phar|phps|jspx|jspf)$/i;

/** What the content scan reads, most telling first. */
export interface Sources {
  inventory: string[];
  processExes: string[];
  persistenceTargets: string[];
  /** Directories walked after the listed files; CONTENT_AREAS when not given. */
  areas?: ContentArea[];
}

/** Paths named by persistence facts (cron, systemd, init, at): every `targets[].path`. */
export function persistenceTargets(facts: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.targets)) {
      for (const t of o.targets as { path?: unknown }[]) if (t && typeof t.path === 'string') out.push(t.path);
    }
    for (const x of Object.values(o)) if (x && typeof x === 'object') visit(x, depth + 1);
  };
  for (const k of ['cronJobs', 'systemdUnits', 'initScripts', 'atJobs']) visit(facts[k], 0);
  return out;
}

/**
 * hostsweep's own program, bundle and its source map (by device and inode, so bind mounts and other spellings
 * match too): they carry the rules' and indicators' strings and would match themselves.
 */
function ownFileIds(): Set<string> {
  const ids = new Set<string>();
  const script = process.argv[1];
  for (const p of [process.execPath, script, script && `${script}.map`]) {
    if (!p) continue;
    try {
      // The scanner's own files, not the target's: plain fs is right here.
      const st = fs.statSync(p);
      ids.add(`${st.dev}:${st.ino}`);
    } catch {
      // not there (an inline script): nothing to exclude
    }
  }
  // The node_modules hostsweep runs from (beside a bundle or a checkout): its own dependencies.
  let dir = script ? path.dirname(path.resolve(script)) : '';
  for (let i = 0; dir && i < 4; i++) {
    try {
      const st = fs.statSync(path.join(dir, 'node_modules'));
      ids.add(`${st.dev}:${st.ino}`);
      break;
    } catch {
      dir = path.dirname(dir);
    }
  }
  return ids;
}

const MAX_WEB_NAMES = 2000;

export class ContentScan {
  private readonly own = ownFileIds();
  private readonly seen = new Set<string>();
  private readonly fact: ContentScanFact;
  private readonly tooLarge: string[] = [];
  private readonly special: string[] = [];
  private readonly started = performance.now();
  private stoppedAt: string | null = null;

  constructor(
    private readonly host: Host,
    private readonly scanner: Scanner,
    private readonly owned: (p: string) => boolean,
    private readonly gap: (p: string | undefined, r: string, kind?: 'skipped' | 'cut') => void,
    private readonly limits: ContentLimits,
    /** Told each file the scan reads (ClamAV scans the same set). */
    private readonly onFile?: (path: string) => void,
  ) {
    this.fact = {
      engine: scanner.engine,
      ruleCount: scanner.ruleCount,
      filesScanned: 0,
      bytesScanned: 0,
      ms: 0,
      matches: [],
      webScriptNames: [],
    };
  }

  run(src: Sources): ContentScanFact {
    for (const p of [...src.processExes, ...src.persistenceTargets]) this.file(p);
    for (const p of src.inventory) this.file(p);
    for (const a of src.areas ?? CONTENT_AREAS) this.walk(a.dir, a.depth, a.web ? a.dir : null);
    if (this.tooLarge.length)
      this.gap(
        this.tooLarge[0],
        `${this.tooLarge.length} file(s) larger than ${this.limits.maxFileBytes} bytes not content-scanned (size budget)`,
        'skipped',
      );
    if (this.special.length)
      this.gap(this.special[0], `${this.special.length} FIFO(s) or device file(s) not content-scanned: not regular files`, 'skipped');
    this.fact.ms = Math.round(performance.now() - this.started);
    return this.fact;
  }

  private budgetLeft(path: string): boolean {
    if (this.stoppedAt !== null) return false;
    let why: string | null = null;
    if (performance.now() - this.started > this.limits.ms) why = `time budget of ${this.limits.ms} ms`;
    else if (this.fact.bytesScanned >= this.limits.totalBytes) why = `byte budget of ${this.limits.totalBytes} bytes`;
    else if (this.fact.filesScanned >= this.limits.files) why = `file budget of ${this.limits.files} files`;
    if (why === null) return true;
    this.stoppedAt = path;
    this.gap(path, `content scan stopped at the ${why}: this file and those after it were not content-scanned`, 'skipped');
    return false;
  }

  private walk(dir: string, depth: number, webRoot: string | null): void {
    if (depth <= 0 || this.stoppedAt !== null) return;
    const names = this.host.readDir(dir);
    if (!names) {
      const err = this.host.lastError();
      if (err && err !== 'ENOENT' && err !== 'ENOTDIR') this.gap(dir, err);
      return;
    }
    for (const n of names) {
      const p = dir === '/' ? `/${n}` : `${dir}/${n}`;
      const st = this.host.lstatEntry(dir, n);
      if (!st) continue;
      if (st.isDirectory()) {
        // No directory is skipped by name (.cache, node_modules are hiding places too): the budgets bound the work.
        if (!this.own.has(`${st.dev}:${st.ino}`)) this.walk(p, depth - 1, webRoot);
      } else {
        if (webRoot !== null && st.isFile() && ODD_SCRIPT_NAME.test(n) && (this.fact.webScriptNames?.length ?? 0) < MAX_WEB_NAMES)
          this.fact.webScriptNames?.push({ path: p, root: webRoot, size: st.size, mtime: st.mtime.toISOString() });
        if (webRoot === null && st.isFile() && this.largeData(p, st)) this.fact.largeDataFiles = (this.fact.largeDataFiles ?? 0) + 1;
        else this.file(p, st);
      }
      if (this.stoppedAt !== null) return;
    }
  }

  private largeData(path: string, st: { size: number; mode: number }): boolean {
    if (st.size <= AREA_DATA_BYTES || (st.mode & 0o111) !== 0) return false;
    const head = this.host.readFile(path, 4);
    if (!head) return false;
    return !(head.subarray(0, 4).equals(ELF_MAGIC) || head.subarray(0, 2).toString('latin1') === '#!');
  }

  /** Scans one target file once. Package-owned files are left to the package integrity check. */
  private file(path: string, st = this.host.lstat(path)): void {
    if (this.seen.has(path)) return;
    this.seen.add(path);
    if (!st) return;
    if (st.isFIFO() || st.isCharacterDevice() || st.isBlockDevice()) {
      this.special.push(path);
      return;
    }
    if (!st.isFile() || st.size === 0) return;
    if (this.owned(path) || this.own.has(`${st.dev}:${st.ino}`)) return;
    if (st.size > this.limits.maxFileBytes) {
      this.tooLarge.push(path);
      return;
    }
    if (!this.budgetLeft(path)) return;
    const data = this.host.readFile(path, this.limits.maxFileBytes);
    if (!data) return;
    this.fact.filesScanned++;
    this.fact.bytesScanned += data.length;
    this.onFile?.(path);
    for (const hit of this.scanner.scan(data)) {
      const m = hit.meta;
      this.fact.matches.push({
        path,
        id: m.id,
        rule: m.rule,
        ...(m.severity ? { severity: m.severity } : {}),
        ...(m.attack ? { attack: m.attack } : {}),
        ...(m.description ? { description: m.description } : {}),
        ...(m.zh ? { zh: m.zh } : {}),
        offset: hit.matches[0]?.offset ?? 0,
        excerpts: [...new Set(hit.matches.map((x) => excerptAt(data, x.offset, x.length)))],
        size: st.size,
        mtime: st.mtime.toISOString(),
      });
    }
  }
}

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

const NO_RULES: Scanner = { engine: 'none', ruleCount: 0, scan: () => [] };

export function scanContent(
  host: Host,
  sources: Sources,
  ruleSources: RuleSource[],
  owned: (p: string) => boolean,
  gap: (p: string | undefined, r: string, kind?: 'skipped' | 'cut') => void,
  limits: ContentLimits = DEFAULT_CONTENT_LIMITS,
  onFile?: (path: string) => void,
): ContentScanFact {
  const scanner = makeScanner(ruleSources);
  if (typeof scanner === 'string') {
    gap(undefined, `content rules not evaluated: ${scanner}`, 'skipped');
    // ClamAV still gets the file set when YARA-X cannot load.
    if (onFile) new ContentScan(host, NO_RULES, owned, gap, limits, onFile).run(sources);
    return { engine: null, ruleCount: 0, filesScanned: 0, bytesScanned: 0, ms: 0, matches: [] };
  }
  return new ContentScan(host, scanner, owned, gap, limits, onFile).run(sources);
}

/**
 * The content scan's file set, shared with other content engines (ClamAV): the programs of running
 * processes, every cron/unit/init/at target, the file inventory's unowned files, then the areas
 * (CONTENT_AREAS, the web roots nginx and Apache configs name, and every account's home).
 */
export function contentSources(host: Host, facts: Partial<Facts>): Sources {
  const pk = facts.packages;
  const known = pk !== undefined && pk.manager !== null;
  const inventory = (facts.fileInventory?.entries ?? [])
    // Unowned programs and libraries in system dirs too, when the package database says which are
    // unowned (without it every system file would be read).
    .filter((e) => e.kind === 'file' && (known || (e.role !== 'bin' && e.role !== 'lib')))
    .map((e) => e.path);
  // Our own program is not the target's (a bundled node is large and unowned).
  const processExes = (facts.processes ?? [])
    .filter((p) => p.pid !== process.pid)
    .map((p) => p.exe)
    .filter((x): x is string => typeof x === 'string');
  const areas = [...CONTENT_AREAS];
  const under = (d: string) => areas.some((a) => d === a.dir || d.startsWith(`${a.dir}/`));
  for (const dir of configuredRoots(host)) if (!under(dir)) areas.push({ dir, depth: 14, web: true });
  // Homes outside /home and /root (service accounts: /var/lib/postgresql, /srv/git, /data/u).
  for (const u of facts.users?.users ?? []) {
    const home = u.home.replace(/\/+$/, '');
    if (home.startsWith('/') && home !== '' && !/^\/(proc|sys|dev|run|bin|sbin|usr|lib\d*|nonexistent)(\/|$)/.test(home) && !under(home))
      areas.push({ dir: home, depth: 4 });
  }
  return { inventory, processExes, persistenceTargets: persistenceTargets(facts as Record<string, unknown>), areas };
}

export default defineCollector({
  name: 'contentScan',
  description:
    "YARA-X content rules (src/intel/yara and --rules DIR) over files not owned by a package: every running program, every cron/unit/init/at target, the inventory of dropped files, tmp and shm dirs, web roots (default and configured), home dirs (every account's), /etc, /usr/local, /opt, /srv and /var/lib, bounded by size and time budgets. Also records server-side scripts under web roots with a second or rare extension.",
  paths: [...CONTENT_AREAS.map((a) => `${a.dir}/**`), '~*/**', '/proc/*/exe'],
  after: ['packages', 'fileInventory', 'processes', 'cronJobs', 'systemdUnits', 'initScripts', 'atJobs', 'users'],
  collect({ host, facts, gap, options }) {
    const pk = facts.packages;
    const ownedSet = new Set(pk && pk.manager !== null ? pk.files : []);
    const owned = (p: string) => pathSpellings(p).some((s) => ownedSet.has(s));
    const rules = options.contentRules ?? [];
    return scanContent(host, contentSources(host, facts), rules, owned, gap, DEFAULT_CONTENT_LIMITS, options.onContentFile);
  },
});
