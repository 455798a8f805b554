import { defineCollector } from '../collector';
import { listFiles, readConfigFile } from './config-file';

/** A program udev runs: RUN{program}, PROGRAM or IMPORT{program}. */
export interface UdevCommand {
  n: number;
  text: string;
  key: 'RUN' | 'PROGRAM' | 'IMPORT';
  command: string;
  /** Programs and paths named in the command that exist (udev finds relative programs in /usr/lib/udev). */
  existing: string[];
}

export interface UdevRulesFile {
  path: string;
  mtime: string | null;
  commands: UdevCommand[];
  /** A same-named file in an earlier directory overrides this one: udev never reads it. */
  overridden: boolean;
}

declare module '../../model/facts' {
  interface Facts {
    udevRules: { files: UdevRulesFile[] };
  }
}

// Earlier directories override same-named files in later ones (udev(7)); /run is tmpfs and not persistent.
const RULE_DIRS = ['/etc/udev/rules.d', '/usr/local/lib/udev/rules.d', '/usr/lib/udev/rules.d', '/lib/udev/rules.d'];
const PROGRAM_KEY = /\b(RUN|PROGRAM|IMPORT)(?:\{(\w+)\})?\s*(?:\+=|:=|==|=)\s*"((?:[^"\\]|\\.)*)"/g;

/** Commands udev executes from one rules line (builtins and imports of files or db are not programs). */
export function udevCommands(n: number, text: string, exists: (path: string) => boolean): UdevCommand[] {
  const out: UdevCommand[] = [];
  for (const m of text.matchAll(PROGRAM_KEY)) {
    const key = m[1] as UdevCommand['key'];
    const kind = m[2];
    if (key === 'RUN' && kind !== undefined && kind !== 'program') continue;
    if (key === 'IMPORT' && kind !== 'program') continue;
    const command = m[3];
    const top = command.trim().split(/\s+/)[0] ?? '';
    const named = [top.startsWith('/') ? top : `/lib/udev/${top}`, ...(command.match(/(?<=^|[\s'"=;|&(])\/[^\s'";|&()]+/g) ?? [])];
    out.push({ n, text, key, command, existing: [...new Set(named)].filter(exists).slice(0, 20) });
  }
  return out;
}

export default defineCollector({
  name: 'udevRules',
  description:
    'udev rules that run programs on device events (RUN, PROGRAM, IMPORT{program}) in /etc/udev/rules.d and the packaged rules directories.',
  paths: RULE_DIRS.map((d) => `${d}/*.rules`),
  collect({ host, gap }) {
    const seen = new Set<string>();
    const names = new Set<string>();
    const files: UdevRulesFile[] = [];
    for (const dir of RULE_DIRS) {
      for (const path of listFiles(host, dir, { seen, gap, filter: (n) => n.endsWith('.rules') })) {
        const name = path.slice(dir.length + 1);
        const overridden = names.has(name);
        names.add(name);
        const f = readConfigFile(host, path, gap);
        if (!f) continue;
        const commands = f.lines.flatMap((l) => udevCommands(l.n, l.text, (p) => host.stat(p)?.isFile() === true));
        if (commands.length > 0) files.push({ path, mtime: f.mtime, commands, overridden });
      }
    }
    return { files };
  },
});
