import { defineCollector } from '../collector';
import { type CommandFact, TargetResolver } from './command-targets';
import { type CutFn, type FileInfo, type GapFn, listDir, logicalLines, readPersistenceFile } from './file-info';

export interface AtJobFact {
  file: FileInfo;
  /** From "# atrun uid=N", else the file owner. */
  uid: number;
  /** From "# mail USER", when present. */
  user: string | null;
  /** The job's own commands (at's environment preamble and heredoc wrapper removed). */
  commands: CommandFact[];
}

declare module '../../model/facts' {
  interface Facts {
    atJobs: AtJobFact[];
  }
}

const SPOOLS = ['/var/spool/cron/atjobs', '/var/spool/at'];

/**
 * at writes the submitting shell's environment, then "cd DIR || { … exit 1 }", then the
 * commands (newer versions inside a heredoc to ${SHELL}). Only the part after the cd block is
 * what the user asked to run.
 */
export function atJobCommands(text: string, onCut?: CutFn): { line: number; text: string }[] {
  const lines = logicalLines(text, undefined, onCut);
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^cd .*\|\|\s*\{$/.test(lines[i].text)) {
      const end = lines.findIndex((l, j) => j > i && l.text === '}');
      if (end > 0) start = end + 1;
      break;
    }
  }
  const body = lines.slice(start);
  const heredoc = body.length > 0 ? /^\$\{SHELL:-\/bin\/sh\}\s*<<\s*'?([A-Za-z0-9_]+)'?$/.exec(body[0].text) : null;
  if (heredoc) return body.slice(1).filter((l) => l.text !== heredoc[1]);
  return body;
}

export default defineCollector({
  name: 'atJobs',
  description: 'Pending at jobs (Debian /var/spool/cron/atjobs, RHEL /var/spool/at): who queued them and the commands they will run.',
  paths: SPOOLS.map((d) => `${d}/*`),
  collect({ host, intel, gap }) {
    const g: GapFn = (p, r) => gap(p, r);
    const resolver = new TargetResolver(host, intel.paths);
    const out: AtJobFact[] = [];
    for (const dir of SPOOLS) {
      for (const name of listDir(host, dir, g)) {
        if (name.startsWith('.') || name === 'spool') continue; // .SEQ counter, RHEL output spool
        const r = readPersistenceFile(host, `${dir}/${name}`, g);
        if (!r) continue;
        const text = r.text ?? '';
        const uid = /^# atrun uid=(\d+)/m.exec(text);
        const mail = /^# mail\s+(\S+)/m.exec(text);
        const commands = atJobCommands(text, (_l, why) => g(`${dir}/${name}`, why)).map((l) => ({
          ...l,
          targets: resolver.resolve(l.text),
        }));
        out.push({ file: r.info, uid: uid ? Number(uid[1]) : r.info.uid, user: mail ? mail[1] : null, commands });
      }
    }
    return out;
  },
});
