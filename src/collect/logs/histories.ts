import { defineCollector } from '../collector';
import { iso } from './log-time';
import { clip, lines } from './read-log';

export interface HistoryLine {
  /** 1-based line number in the file. */
  n: number;
  /** From zsh extended history or bash HISTTIMEFORMAT "#epoch" lines, when present. */
  time: string | null;
  text: string;
}

export interface HistoryFile {
  user: string;
  path: string;
  size: number;
  mtime: string | null;
  /** Link target when the history file is a symlink (e.g. /dev/null: history disabled). */
  symlink: string | null;
  totalLines: number;
  /** The newest commands (bounded). */
  lines: HistoryLine[];
}

declare module '../../model/facts' {
  interface Facts {
    histories: HistoryFile[];
  }
}

const NAMES = [
  '.bash_history',
  '.zsh_history',
  '.ash_history',
  '.history',
  '.sh_history',
  '.python_history',
  '.mysql_history',
  '.psql_history',
];
const MAX_BYTES = 8 * 1024 * 1024;
const MAX_LINES = 5000;
const NOT_HOMES = new Set([
  '/',
  '/nonexistent',
  '/dev/null',
  '/bin',
  '/sbin',
  '/usr/bin',
  '/usr/sbin',
  '/usr/games',
  '/proc',
  '/sys',
  '/dev',
  '/run',
]);
const ZSH_EXTENDED = /^: (\d{9,11}):\d+;(.*)$/;
const BASH_STAMP = /^#(\d{9,11})$/;

export function parseHistory(text: string): { total: number; lines: HistoryLine[] } {
  const out: HistoryLine[] = [];
  let n = 0;
  let stamp: number | null = null;
  for (const raw of lines(text)) {
    n++;
    const bash = BASH_STAMP.exec(raw);
    if (bash) {
      stamp = Number(bash[1]) * 1000;
      continue;
    }
    const zsh = ZSH_EXTENDED.exec(raw);
    const cmd = zsh ? zsh[2] : raw;
    const time = zsh ? Number(zsh[1]) * 1000 : stamp;
    stamp = null;
    if (cmd.trim() === '') continue;
    out.push({ n, time: iso(time), text: clip(cmd, 1000) });
    if (out.length > MAX_LINES) out.shift();
  }
  return { total: n, lines: out };
}

export default defineCollector({
  name: 'histories',
  description: 'Shell, Python, MySQL and psql histories of every account with a home directory (bash, zsh extended, ash, sh).',
  paths: NAMES.map((n) => `~/${n}`),
  after: ['users'],
  collect({ host, facts, gap }) {
    const out: HistoryFile[] = [];
    const seen = new Set<string>();
    for (const u of facts.users?.users ?? []) {
      const home = u.home.replace(/\/+$/, '') || '/';
      if (NOT_HOMES.has(home) || !home.startsWith('/') || seen.has(home)) continue;
      seen.add(home);
      for (const name of NAMES) {
        const path = `${home}/${name}`;
        const st = host.lstat(path);
        if (!st) continue;
        const base = { user: u.name, path, size: st.size, mtime: iso(st.mtimeMs), totalLines: 0, lines: [] as HistoryLine[] };
        if (st.isSymbolicLink()) {
          out.push({ ...base, symlink: host.readlink(path) ?? '?' });
          continue;
        }
        if (!st.isFile()) continue;
        const buf = host.readFile(path, MAX_BYTES);
        if (buf === null) {
          gap(path, host.lastError() ?? 'unreadable');
          continue;
        }
        if (st.size > MAX_BYTES) gap(path, `only the first ${MAX_BYTES / 1048576} MiB read`);
        const { total, lines: parsed } = parseHistory(buf.toString('utf8'));
        out.push({ ...base, symlink: null, totalLines: total, lines: parsed });
      }
    }
    return out;
  },
});
