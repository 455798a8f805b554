import type { Host } from '../../host/host';
import { defineCollector } from '../collector';

export interface SshdOption {
  /** Keyword in lower case ("permitrootlogin"); sshd keywords are case-insensitive. */
  key: string;
  /** Arguments, quotes removed. */
  args: string[];
  file: string;
  line: number;
  /** The line as written (bounded), for evidence. */
  text: string;
  /** Inside a Match block: applies to some connections only, never the global value. */
  inMatch: boolean;
}

export interface SshdConfigFact {
  /** False when /etc/ssh/sshd_config does not exist (no OpenSSH server). */
  present: boolean;
  files: { path: string; mtime: string | null }[];
  /** Every option in the order sshd reads them, Include files inlined. */
  options: SshdOption[];
  /** mtimes of /etc/ssh/ssh_host_*_key: when the server was first booted/provisioned. */
  hostKeyTimes: string[];
}

declare module '../../model/facts' {
  interface Facts {
    sshdConfig: SshdConfigFact;
  }
}

const MAIN = '/etc/ssh/sshd_config';
const MAX_FILE = 1024 * 1024;
const MAX_FILES = 64;
const MAX_DEPTH = 8;

/** sshd's argument splitting: whitespace or one "=", double quotes group. */
export function splitSshdLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let had = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      quoted = !quoted;
      had = true;
    } else if (!quoted && (ch === ' ' || ch === '\t' || (ch === '=' && out.length === 0))) {
      if (had) out.push(cur);
      cur = '';
      had = false;
    } else {
      cur += ch;
      had = true;
    }
  }
  if (had) out.push(cur);
  return out;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
}

/** Expands an Include pattern component by component (glob(3) order: sorted). */
export function expandGlob(host: Host, pattern: string): string[] {
  const parts = pattern.split('/').filter((p) => p !== '');
  let paths = [''];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?[]/.test(part)) {
        next.push(`${base}/${part}`);
        continue;
      }
      const re = globToRegExp(part);
      for (const n of (host.readDir(base || '/') ?? []).sort())
        if (re.test(n) && !(n.startsWith('.') && !part.startsWith('.'))) next.push(`${base}/${n}`);
    }
    paths = next.slice(0, MAX_FILES);
  }
  return paths.filter((p) => host.stat(p)?.isFile());
}

export function parseSshdConfig(host: Host, gap: (p: string, r: string) => void): Omit<SshdConfigFact, 'hostKeyTimes'> {
  const files: SshdConfigFact['files'] = [];
  const options: SshdOption[] = [];
  const visit = (path: string, depth: number, inMatchAtStart: boolean) => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) {
      gap(path, 'Include nesting too deep or too many files; not read');
      return;
    }
    const text = host.readText(path, MAX_FILE);
    if (text === null) {
      if (path !== MAIN || host.lastError() !== 'ENOENT') gap(path, host.lastError() ?? 'unreadable');
      return;
    }
    files.push({ path, mtime: host.stat(path)?.mtime.toISOString() ?? null });
    let inMatch = inMatchAtStart;
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const words = splitSshdLine(line);
      if (words.length === 0) return;
      const key = words[0].toLowerCase();
      const args = words.slice(1);
      const opt: SshdOption = { key, args, file: path, line: i + 1, text: line.length > 300 ? `${line.slice(0, 300)}…` : line, inMatch };
      if (key === 'match') {
        // "Match all" is the idiom that ends a Match block.
        inMatch = !(args.length === 1 && args[0].toLowerCase() === 'all');
        options.push({ ...opt, inMatch: true });
        return;
      }
      options.push(opt);
      if (key === 'include') {
        for (const arg of args) {
          const pattern = arg.startsWith('/') ? arg : `/etc/ssh/${arg}`;
          for (const f of expandGlob(host, pattern)) visit(f, depth + 1, inMatch);
        }
      }
    });
  };
  visit(MAIN, 0, false);
  return { present: files.some((f) => f.path === MAIN), files, options };
}

/** The value sshd uses globally: the first occurrence outside Match blocks wins. */
export function effectiveOption(fact: SshdConfigFact | undefined, key: string): SshdOption | undefined {
  return fact?.options.find((o) => o.key === key && !o.inMatch);
}

export default defineCollector({
  name: 'sshdConfig',
  description:
    "OpenSSH server configuration: /etc/ssh/sshd_config with every Include inlined in sshd's order, Match blocks marked, and host-key times.",
  paths: [MAIN, '/etc/ssh/sshd_config.d/*.conf', '/etc/ssh/ssh_host_*_key'],
  collect({ host, gap }) {
    const parsed = parseSshdConfig(host, gap);
    const hostKeyTimes: string[] = [];
    for (const n of host.readDir('/etc/ssh') ?? []) {
      if (!/^ssh_host_\w+_key$/.test(n)) continue;
      const st = host.stat(`/etc/ssh/${n}`);
      if (st) hostKeyTimes.push(st.mtime.toISOString());
    }
    return { ...parsed, hostKeyTimes: hostKeyTimes.sort() };
  },
});
