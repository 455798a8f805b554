import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { type CommandFact, TargetResolver } from './command-targets';
import type { Intel } from '../../intel/schema';
import { type CutFn, type FileInfo, type GapFn, listDir, logicalLines, readPersistenceFile } from './file-info';

export interface ExecFact extends CommandFact {
  /** ExecStart, ExecStartPre, ExecStop…; `text` is the whole "Key=value" line. */
  key: string;
  /** The command with systemd's prefixes (-@:+!) removed. */
  command: string;
}

export interface UnitFact {
  file: FileInfo;
  /** "foo.service"; for a drop-in, the unit it extends. */
  name: string;
  kind: 'unit' | 'drop-in';
  scope: 'system' | 'user';
  /** The unit directory it was found in. */
  dir: string;
  /** For per-user units: the account whose home holds it. */
  user?: string;
  description: string | null;
  /** User= of a service: who its commands run as (root when unset). */
  runAs: string | null;
  execs: ExecFact[];
  /** For timers and path units: the unit they start (Unit=, default the same name). */
  triggers?: string;
  /** OnCalendar=/OnBootSec=/… of a timer, as written. */
  schedule?: string[];
  /** A unit file that is a symlink to a file outside every unit directory. */
  linkedFromOutside?: boolean;
}

export interface WantsLinkFact {
  /** …/multi-user.target.wants/foo.service */
  path: string;
  unit: string;
  scope: 'system' | 'user';
  user?: string;
  linkTarget: string | null;
  /** The file it leads to, inside the target root; null when dangling. */
  resolved: string | null;
}

export interface GeneratorFact {
  file: FileInfo;
  binary: boolean;
  commands: CommandFact[];
}

export interface SystemdFact {
  units: UnitFact[];
  links: WantsLinkFact[];
  generators: GeneratorFact[];
}

declare module '../../model/facts' {
  interface Facts {
    systemdUnits: SystemdFact;
  }
}

export const SYSTEM_UNIT_DIRS = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/run/systemd/transient',
  '/usr/local/lib/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
];
export const USER_UNIT_DIRS = ['/etc/systemd/user', '/usr/lib/systemd/user', '/lib/systemd/user'];
const GENERATOR_DIRS = ['system-generators', 'user-generators'].flatMap((g) =>
  ['/etc/systemd', '/run/systemd', '/usr/local/lib/systemd', '/usr/lib/systemd', '/lib/systemd'].map((d) => `${d}/${g}`),
);
const UNIT_SUFFIX = /\.(service|socket|timer|path|mount|automount|swap|target|slice|scope)$/;
const TIMER_KEYS = new Set(['OnCalendar', 'OnBootSec', 'OnStartupSec', 'OnActiveSec', 'OnUnitActiveSec', 'OnUnitInactiveSec']);
const UNIT_BYTES = 256 * 1024;

/** Strips ExecStart's prefixes: "-" ignore failure, "@" argv0, ":" "+" "!" "!!" privilege. */
export function execCommand(value: string): string {
  return value.replace(/^[-@:+!]+/, '').trim();
}

export function parseUnit(text: string, onCut?: CutFn): { section: string; key: string; value: string; line: number }[] {
  const out: { section: string; key: string; value: string; line: number }[] = [];
  let section = '';
  for (const l of logicalLines(text, undefined, onCut)) {
    if (l.text.startsWith(';')) continue;
    const sec = /^\[([^\]]+)\]$/.exec(l.text);
    if (sec) {
      section = sec[1];
      continue;
    }
    const eq = l.text.indexOf('=');
    if (eq <= 0) continue;
    out.push({ section, key: l.text.slice(0, eq).trim(), value: l.text.slice(eq + 1).trim(), line: l.line });
  }
  return out;
}

class UnitReader {
  readonly units: UnitFact[] = [];
  readonly links: WantsLinkFact[] = [];
  private seenDirs = new Set<string>();
  private resolver: TargetResolver;
  private unitDirsReal: string[] = [];

  constructor(
    private host: Host,
    private gap: GapFn,
    paths: Intel['paths'],
  ) {
    this.resolver = new TargetResolver(host, paths);
    for (const d of [...SYSTEM_UNIT_DIRS, ...USER_UNIT_DIRS]) {
      const real = host.realpath(d);
      if (real) this.unitDirsReal.push(`${real}/`);
    }
  }

  private inUnitDir(p: string): boolean {
    return this.unitDirsReal.some((d) => p.startsWith(d));
  }

  readDir(dir: string, scope: 'system' | 'user', user?: string) {
    const real = this.host.realpath(dir);
    if (real === null || this.seenDirs.has(real)) return; // /lib → /usr/lib on merged-/usr systems
    this.seenDirs.add(real);
    for (const name of listDir(this.host, dir, this.gap)) {
      const p = `${dir}/${name}`;
      const lst = this.host.lstat(p);
      if (!lst) continue;
      if (lst.isDirectory()) {
        if (/\.(wants|requires|upholds)$/.test(name)) this.readLinks(p, scope, user);
        else if (name.endsWith('.d') && UNIT_SUFFIX.test(name.slice(0, -2))) this.readDropIns(p, name.slice(0, -2), dir, scope, user);
        continue;
      }
      if (!UNIT_SUFFIX.test(name) && !name.endsWith('@')) continue;
      if (lst.isSymbolicLink()) {
        const to = this.host.realpath(p);
        // Aliases into another unit directory are judged there; /dev/null is a masked unit.
        if (to === null || to === '/dev/null' || this.inUnitDir(to)) continue;
      }
      const u = this.readUnitFile(p, name, 'unit', dir, scope, user);
      if (u && lst.isSymbolicLink()) u.linkedFromOutside = true;
    }
  }

  private readLinks(dir: string, scope: 'system' | 'user', user?: string) {
    for (const name of listDir(this.host, dir, this.gap)) {
      const p = `${dir}/${name}`;
      const target = this.host.readlink(p);
      this.links.push({ path: p, unit: name, scope, user, linkTarget: target, resolved: this.host.realpath(p) });
    }
  }

  private readDropIns(dir: string, unit: string, parent: string, scope: 'system' | 'user', user?: string) {
    for (const name of listDir(this.host, dir, this.gap)) {
      if (name.endsWith('.conf')) this.readUnitFile(`${dir}/${name}`, unit, 'drop-in', parent, scope, user);
    }
  }

  private readUnitFile(
    path: string,
    name: string,
    kind: 'unit' | 'drop-in',
    dir: string,
    scope: 'system' | 'user',
    user?: string,
  ): UnitFact | null {
    const r = readPersistenceFile(this.host, path, this.gap);
    if (!r) return null;
    if (r.info.size > UNIT_BYTES) this.gap(path, `unit file of ${r.info.size} bytes; only the first ${UNIT_BYTES} parsed`);
    const u: UnitFact = { file: r.info, name, kind, scope, dir, description: null, runAs: null, execs: [] };
    if (user) u.user = user;
    const directives = r.text ? parseUnit(r.text.slice(0, UNIT_BYTES), (_l, why) => this.gap(path, why)) : [];
    const schedule: string[] = [];
    for (const d of directives) {
      if (d.key === 'Description') u.description = d.value;
      else if (d.key === 'User' && d.section === 'Service') u.runAs = d.value;
      else if (d.key === 'Unit' && (d.section === 'Timer' || d.section === 'Path')) u.triggers = d.value;
      else if (TIMER_KEYS.has(d.key) && d.section === 'Timer') schedule.push(`${d.key}=${d.value}`);
      else if (/^Exec[A-Z]/.test(d.key) && d.value !== '') {
        const command = execCommand(d.value);
        const targets = this.resolver.resolve(command);
        // "-" before the path: systemd ignores the command's failure, a missing program included.
        if (/^[@:+!]*-/.test(d.value)) for (const t of targets) if (!t.exists) t.guarded = true;
        u.execs.push({ line: d.line, text: `${d.key}=${d.value}`, key: d.key, command, targets });
      }
    }
    if (name.endsWith('.timer') || name.endsWith('.path')) u.triggers ??= name.replace(/\.(timer|path)$/, '.service');
    if (schedule.length > 0) u.schedule = schedule;
    this.units.push(u);
    return u;
  }

  generators(): GeneratorFact[] {
    const out: GeneratorFact[] = [];
    const seen = new Set<string>();
    for (const dir of GENERATOR_DIRS) {
      const real = this.host.realpath(dir);
      if (real === null || seen.has(real)) continue;
      seen.add(real);
      for (const name of listDir(this.host, dir, this.gap)) {
        const r = readPersistenceFile(this.host, `${dir}/${name}`, this.gap);
        if (!r) continue;
        const commands = r.text
          ? logicalLines(r.text, 2000, (_l, why) => this.gap(`${dir}/${name}`, why)).map((l) => ({
              ...l,
              targets: this.resolver.resolve(l.text),
            }))
          : [];
        out.push({ file: r.info, binary: r.binary, commands });
      }
    }
    return out;
  }
}

export default defineCollector({
  name: 'systemdUnits',
  description:
    'systemd units, drop-ins, timers, enablement links (*.wants) and generators, system-wide and per user (~/.config/systemd/user), with the programs each Exec line runs.',
  paths: [...SYSTEM_UNIT_DIRS, ...USER_UNIT_DIRS, '~/.config/systemd/user', ...GENERATOR_DIRS],
  after: ['users'],
  collect({ host, intel, facts, gap }) {
    const reader = new UnitReader(host, (p, reason) => gap(p, reason), intel.paths);
    for (const d of SYSTEM_UNIT_DIRS) reader.readDir(d, 'system');
    for (const d of USER_UNIT_DIRS) reader.readDir(d, 'user');
    const homes = new Map<string, string>();
    for (const u of facts.users?.users ?? []) if (u.home.startsWith('/') && u.home !== '/' && !homes.has(u.home)) homes.set(u.home, u.name);
    for (const [home, user] of homes) reader.readDir(`${home.replace(/\/$/, '')}/.config/systemd/user`, 'user', user);
    return { units: reader.units, links: reader.links, generators: reader.generators() };
  },
});
