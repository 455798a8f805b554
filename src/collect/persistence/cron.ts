import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { type CommandFact, cronCommandPart, DEFAULT_PATH, TargetResolver } from './command-targets';
import { type FileInfo, type GapFn, listDir, logicalLines, MAX_LINES, readPersistenceFile } from './file-info';

export type CronTableKind = 'crontab' | 'cron.d' | 'user' | 'anacrontab' | 'script';

export interface CronEntry extends CommandFact {
  /** "*\/5 * * * *", "@reboot", anacron's "1 5", or the run-parts period of a script ("daily"). */
  schedule: string;
  /** The account the command runs as. */
  user: string;
  /** The command field alone (the whole line is `text`). */
  command: string;
}

export interface CronTableFact {
  file: FileInfo;
  kind: CronTableKind;
  /** Scripts and binaries in cron.{hourly,…}: compiled programs have no lines to show. */
  binary: boolean;
  entries: CronEntry[];
  /** Variable lines (PATH=…, MAILTO=…, SHELL=…), which change how every job runs. */
  env: { line: number; text: string }[];
}

declare module '../../model/facts' {
  interface Facts {
    cronJobs: CronTableFact[];
  }
}

const PERIOD_DIRS = ['hourly', 'daily', 'weekly', 'monthly'];
const USER_SPOOLS = ['/var/spool/cron/crontabs', '/var/spool/cron', '/var/spool/cron/tabs'];
const ENV_LINE = /^[A-Za-z_][A-Za-z0-9_]*\s*=/;
const SPECIAL = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/i;

/** Splits one crontab line into schedule, user and command; null for lines cron would reject. */
export function parseCronLine(text: string, withUser: boolean): { schedule: string; user: string | null; command: string } | null {
  const fields = text.split(/[ \t]+/);
  const timeFields = SPECIAL.test(fields[0]) ? 1 : 5;
  const need = timeFields + (withUser ? 1 : 0) + 1;
  if (fields.length < need) return null;
  if (timeFields === 5 && !fields.slice(0, 5).every((f) => /^[-0-9*/,a-zA-Z]+$/.test(f))) return null;
  const schedule = fields.slice(0, timeFields).join(' ');
  const user = withUser ? fields[timeFields] : null;
  // Keep the command's own spacing: cut the line after the leading fields.
  const re = new RegExp(`^\\s*(\\S+[ \\t]+){${need - 1}}`);
  const m = re.exec(text);
  return { schedule, user, command: m ? text.slice(m[0].length) : fields.slice(need - 1).join(' ') };
}

/** anacrontab: "period delay job-id command" (period may be @monthly). */
export function parseAnacronLine(text: string): { schedule: string; command: string } | null {
  const m = /^(\S+)[ \t]+(\S+)[ \t]+(\S+)[ \t]+(.+)$/.exec(text);
  if (!m || !/^(\d+|@\w+)$/.test(m[1]) || !/^\d+$/.test(m[2])) return null;
  return { schedule: `${m[1]} ${m[2]} ${m[3]}`, command: m[4] };
}

function pathVar(env: { text: string }[]): string {
  const p = env.map((e) => /^PATH\s*=\s*["']?([^"']*)/.exec(e.text)).find((m) => m);
  return p ? p[1] : DEFAULT_PATH;
}

function readTable(
  host: Host,
  resolver: TargetResolver,
  path: string,
  kind: CronTableKind,
  gap: GapFn,
  owner: string | null,
  period?: string,
): CronTableFact | null {
  const r = readPersistenceFile(host, path, gap);
  if (!r) return null;
  const table: CronTableFact = { file: r.info, kind, binary: r.binary, entries: [], env: [] };
  if (r.text === null) return table;
  const lines = logicalLines(r.text, MAX_LINES, (_line, why) => gap(path, why));
  if (kind === 'script') {
    for (const l of lines) {
      table.entries.push({
        line: l.line,
        text: l.text,
        schedule: period ?? '',
        user: 'root',
        command: l.text,
        targets: resolver.resolve(l.text),
      });
    }
    return table;
  }
  for (const l of lines) {
    if (ENV_LINE.test(l.text)) table.env.push(l);
  }
  const pv = pathVar(table.env);
  for (const l of lines) {
    if (ENV_LINE.test(l.text)) continue;
    const parsed: { schedule: string; user?: string | null; command: string } | null =
      kind === 'anacrontab' ? parseAnacronLine(l.text) : parseCronLine(l.text, kind !== 'user');
    if (!parsed) continue;
    const user = parsed.user ?? owner ?? 'root';
    const runPart = kind === 'anacrontab' ? parsed.command : cronCommandPart(parsed.command);
    table.entries.push({
      line: l.line,
      text: l.text,
      schedule: parsed.schedule,
      user,
      command: parsed.command,
      targets: resolver.resolve(runPart, pv),
    });
  }
  return table;
}

export default defineCollector({
  name: 'cronJobs',
  description:
    'Every cron table and cron script: /etc/crontab, /etc/cron.d, cron.{hourly,daily,weekly,monthly}, anacrontab and user crontabs (Debian and RHEL spools), parsed into schedule, user and command with the programs each command runs.',
  paths: [
    '/etc/crontab',
    '/etc/cron.d/*',
    '/etc/cron.{hourly,daily,weekly,monthly}/*',
    '/etc/anacrontab',
    '/var/spool/cron/crontabs/*',
    '/var/spool/cron/*',
    '/var/spool/cron/tabs/*',
  ],
  collect({ host, intel, gap }) {
    const resolver = new TargetResolver(host, intel.paths);
    const out: CronTableFact[] = [];
    const push = (t: CronTableFact | null) => {
      if (t) out.push(t);
    };
    const gapFn: GapFn = (p, reason) => gap(p, reason);
    if (host.lstat('/etc/crontab')) push(readTable(host, resolver, '/etc/crontab', 'crontab', gapFn, null));
    if (host.lstat('/etc/anacrontab')) push(readTable(host, resolver, '/etc/anacrontab', 'anacrontab', gapFn, null));
    for (const n of listDir(host, '/etc/cron.d', gapFn)) push(readTable(host, resolver, `/etc/cron.d/${n}`, 'cron.d', gapFn, null));
    for (const period of PERIOD_DIRS) {
      const dir = `/etc/cron.${period}`;
      for (const n of listDir(host, dir, gapFn)) push(readTable(host, resolver, `${dir}/${n}`, 'script', gapFn, null, period));
    }
    const seenSpool = new Set<string>();
    for (const dir of USER_SPOOLS) {
      const real = host.realpath(dir);
      if (real === null || seenSpool.has(real)) continue;
      seenSpool.add(real);
      for (const n of listDir(host, dir, gapFn)) {
        const p = `${dir}/${n}`;
        const st = host.lstat(p);
        if (!st || st.isDirectory() || n.startsWith('.') || n === 'deny' || n === 'allow') continue; // crontabs/, atjobs/ live here too
        if (dir === '/var/spool/cron' && (n === 'crontabs' || n === 'atjobs' || n === 'atspool' || n === 'tabs' || n === 'lastrun'))
          continue;
        push(readTable(host, resolver, p, 'user', gapFn, n));
      }
    }
    return out;
  },
});
