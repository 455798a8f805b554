import { defineCollector } from '../collector';
import { type CommandFact, TargetResolver } from './command-targets';
import { type CutFn, type FileInfo, type GapFn, listDir, logicalLines, readPersistenceFile } from './file-info';

export interface InitScriptFact {
  file: FileInfo;
  name: string;
  /** The script's path with symlinks resolved (/etc/init.d → /etc/rc.d/init.d on RHEL), to match rc links. */
  realPath: string | null;
  binary: boolean;
  /** Command lines (comments dropped) with the programs they run. */
  commands: CommandFact[];
}

export interface RcLinkFact {
  /** /etc/rc3.d/S90srstomucra */
  path: string;
  runlevel: string;
  /** S = started, K = killed on entering the runlevel. */
  action: 'S' | 'K' | '?';
  order: number | null;
  /** The service name after the S/K and order digits. */
  name: string;
  isLink: boolean;
  linkTarget: string | null;
  /** What it finally points at, inside the target root; null when dangling. */
  resolved: string | null;
}

export interface BootFileFact {
  file: FileInfo;
  binary: boolean;
  commands: CommandFact[];
}

export interface InittabEntry extends CommandFact {
  id: string;
  runlevels: string;
  action: string;
  process: string;
}

export interface InitScriptsFact {
  scripts: InitScriptFact[];
  links: RcLinkFact[];
  /** /etc/rc.local and /etc/rc.d/rc.local (once when one links to the other). */
  rcLocal: BootFileFact[];
  inittab: { file: FileInfo; entries: InittabEntry[] } | null;
}

declare module '../../model/facts' {
  interface Facts {
    initScripts: InitScriptsFact;
  }
}

const INIT_DIRS = ['/etc/init.d', '/etc/rc.d/init.d'];
const RUNLEVELS = ['0', '1', '2', '3', '4', '5', '6', 'S'];
// RHEL keeps the real directories under /etc/rc.d (with /etc/rcN.d links to them): read those first.
const RC_DIRS = [
  ...RUNLEVELS.slice(0, 7).map((r) => ({ dir: `/etc/rc.d/rc${r}.d`, runlevel: r })),
  ...RUNLEVELS.map((r) => ({ dir: `/etc/rc${r}.d`, runlevel: r })),
];
const RC_LOCAL = ['/etc/rc.local', '/etc/rc.d/rc.local'];

/** inittab: "id:runlevels:action:process". */
export function parseInittab(
  text: string,
  onCut?: CutFn,
): { line: number; id: string; runlevels: string; action: string; process: string; text: string }[] {
  const out: { line: number; id: string; runlevels: string; action: string; process: string; text: string }[] = [];
  for (const l of logicalLines(text, undefined, onCut)) {
    const m = /^([^:]*):([^:]*):([^:]*):(.*)$/.exec(l.text);
    if (m) out.push({ line: l.line, id: m[1], runlevels: m[2], action: m[3], process: m[4].trim(), text: l.text });
  }
  return out;
}

export default defineCollector({
  name: 'initScripts',
  description:
    'SysV init: /etc/init.d scripts, every rcN.d start/kill link (Debian and RHEL layouts), rc.local and inittab entries, with the programs they run.',
  paths: [...INIT_DIRS.map((d) => `${d}/*`), '/etc/rc{0..6,S}.d/*', '/etc/rc.d/rc{0..6}.d/*', ...RC_LOCAL, '/etc/inittab'],
  collect({ host, intel, gap }) {
    const g: GapFn = (p, r) => gap(p, r);
    const resolver = new TargetResolver(host, intel.paths);
    const commandsOf = (path: string, text: string | null) =>
      text ? logicalLines(text, 3000, (_l, why) => gap(path, why)).map((l) => ({ ...l, targets: resolver.resolve(l.text) })) : [];
    const seen = new Set<string>();
    const firstVisit = (p: string) => {
      const real = host.realpath(p);
      if (real === null || seen.has(real)) return false;
      seen.add(real);
      return true;
    };

    const scripts: InitScriptFact[] = [];
    for (const dir of INIT_DIRS) {
      if (!firstVisit(dir)) continue;
      for (const name of listDir(host, dir, g)) {
        if (name === 'README' || name.startsWith('.')) continue;
        const r = readPersistenceFile(host, `${dir}/${name}`, g);
        if (r)
          scripts.push({
            file: r.info,
            name,
            realPath: host.realpath(`${dir}/${name}`),
            binary: r.binary,
            commands: commandsOf(`${dir}/${name}`, r.text),
          });
      }
    }

    const links: RcLinkFact[] = [];
    for (const { dir, runlevel } of RC_DIRS) {
      if (!firstVisit(dir)) continue;
      for (const name of listDir(host, dir, g)) {
        if (name === 'README' || name.startsWith('.')) continue;
        const p = `${dir}/${name}`;
        const lst = host.lstat(p);
        if (!lst || lst.isDirectory()) continue;
        const m = /^([SK])(\d{1,3})(.*)$/.exec(name);
        links.push({
          path: p,
          runlevel,
          action: m ? (m[1] as 'S' | 'K') : '?',
          order: m ? Number(m[2]) : null,
          name: m ? m[3] : name,
          isLink: lst.isSymbolicLink(),
          linkTarget: lst.isSymbolicLink() ? host.readlink(p) : null,
          resolved: host.realpath(p),
        });
      }
    }

    const rcLocal: BootFileFact[] = [];
    for (const p of RC_LOCAL) {
      if (!host.lstat(p) || !firstVisit(p)) continue;
      const r = readPersistenceFile(host, p, g);
      if (r) rcLocal.push({ file: r.info, binary: r.binary, commands: commandsOf(p, r.text) });
    }

    let inittab: InitScriptsFact['inittab'] = null;
    if (host.lstat('/etc/inittab')) {
      const r = readPersistenceFile(host, '/etc/inittab', g);
      if (r) {
        const entries = r.text
          ? parseInittab(r.text, (_l, why) => g('/etc/inittab', why)).map((e) => ({
              ...e,
              targets: resolver.resolve(e.process.replace(/^[+-]/, '')),
            }))
          : [];
        inittab = { file: r.info, entries };
      }
    }
    return { scripts, links, rcLocal, inittab };
  },
});
