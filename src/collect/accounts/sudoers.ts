import type { Host } from '../../host/host';
import { defineCollector } from '../collector';

export interface SudoersFile {
  path: string;
  mtime: string | null;
  mode: number;
  uid: number;
  /** "cloud-init" when the file says cloud-init wrote it (90-cloud-init-users). */
  generatedBy: string | null;
}

/** One command of a user specification, with the Runas and tags in force for it. */
export interface SudoCommand {
  runas: string;
  tags: string[];
  command: string;
}

export interface SudoersEntry {
  file: string;
  line: number;
  /** The logical line (continuations joined), bounded, for evidence. */
  text: string;
  kind: 'defaults' | 'alias' | 'spec';
  /** defaults: "Defaults", "Defaults:alice"…; alias: "Cmnd_Alias"…; spec: principals ("alice", "%sudo"). */
  scope: string;
  /** defaults: the settings; alias: name=members; spec: hosts. */
  items: string[];
  commands: SudoCommand[];
}

export interface SudoersFact {
  files: SudoersFile[];
  entries: SudoersEntry[];
}

declare module '../../model/facts' {
  interface Facts {
    sudoers: SudoersFact;
  }
}

const MAIN = '/etc/sudoers';
const MAX_FILE = 1024 * 1024;
const MAX_FILES = 128;
const MAX_DEPTH = 8;
const TAG =
  /^(NOPASSWD|PASSWD|NOEXEC|EXEC|SETENV|NOSETENV|LOG_INPUT|NOLOG_INPUT|LOG_OUTPUT|NOLOG_OUTPUT|MAIL|NOMAIL|FOLLOW|NOFOLLOW|INTERCEPT|NOINTERCEPT):/;

/** Splits on commas outside quotes and parentheses. */
function splitList(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    if (ch === ',' && depth === 0 && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** "(root) NOPASSWD: /bin/a, /bin/b, (ALL) ALL": Runas and tags carry over to later commands. */
export function parseCommands(spec: string): SudoCommand[] {
  const out: SudoCommand[] = [];
  let runas = 'root';
  let tags: string[] = [];
  for (let part of splitList(spec)) {
    const ra = /^\(([^)]*)\)\s*/.exec(part);
    if (ra) {
      runas = ra[1].trim() || 'root';
      tags = []; // a new Runas list starts fresh tags in sudoers(5)
      part = part.slice(ra[0].length);
    }
    for (let m = TAG.exec(part); m; m = TAG.exec(part)) {
      const t = m[1];
      const opposite = t.startsWith('NO') ? t.slice(2) : `NO${t}`;
      tags = [...tags.filter((x) => x !== opposite && x !== t), t];
      part = part.slice(m[0].length).trimStart();
    }
    if (part) out.push({ runas, tags, command: part.trim() });
  }
  return out;
}

/** Logical lines: "\" at the end continues; "#" starts a comment unless it is #include or a #uid. */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    if (buf === '') start = i + 1;
    const cont = raw.endsWith('\\');
    buf += cont ? `${raw.slice(0, -1)} ` : raw;
    if (!cont) {
      out.push({ line: start, text: buf });
      buf = '';
    }
  });
  if (buf) out.push({ line: start, text: buf });
  return out;
}

function stripComment(s: string): string {
  const t = s.trim();
  if (/^#include(dir)?\s/.test(t)) return t;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '#' && !/\d/.test(s[i + 1] ?? '')) return s.slice(0, i).trim();
  }
  return t;
}

/**
 * Where the whitespace before the last word of a trimmed string starts (-1: one word only).
 * A scan, not /\s+\S+$/: that pattern is quadratic on a long blank run, and a logical line
 * joined by "\" continuations is as long as the file.
 */
function lastWordStart(s: string): number {
  let i = s.length;
  while (i > 0 && !/\s/.test(s[i - 1])) i--;
  if (i === 0) return -1;
  while (i > 0 && /\s/.test(s[i - 1])) i--;
  return i;
}

export function parseSudoersText(text: string, file: string): { entries: SudoersEntry[]; includes: { path: string; dir: boolean }[] } {
  const entries: SudoersEntry[] = [];
  const includes: { path: string; dir: boolean }[] = [];
  const here = file.slice(0, file.lastIndexOf('/')) || '/';
  for (const { line, text: raw } of logicalLines(text)) {
    const s = stripComment(raw);
    if (!s) continue;
    const shown = s.length > 400 ? `${s.slice(0, 400)}…` : s;
    const inc = /^[#@]include(dir)?\s+(.+)$/.exec(s);
    if (inc) {
      let p = inc[2]
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .replace(/%h/g, 'localhost');
      if (!p.startsWith('/')) p = `${here}/${p}`;
      includes.push({ path: p, dir: inc[1] === 'dir' });
      continue;
    }
    const def = /^(Defaults)([:@>!]\s*[^\s]+)?\s+(.*)$/.exec(s);
    if (def) {
      entries.push({
        file,
        line,
        text: shown,
        kind: 'defaults',
        scope: `${def[1]}${(def[2] ?? '').replace(/\s+/g, '')}`,
        items: splitList(def[3]),
        commands: [],
      });
      continue;
    }
    const alias = /^(User_Alias|Runas_Alias|Host_Alias|Cmnd_Alias|Cmd_Alias)\s+(.*)$/.exec(s);
    if (alias) {
      entries.push({
        file,
        line,
        text: shown,
        kind: 'alias',
        scope: alias[1],
        items: alias[2].split(':').map((x) => x.trim()),
        commands: [],
      });
      continue;
    }
    const eq = s.indexOf('=');
    if (eq < 0) continue;
    const left = s.slice(0, eq).trim();
    const hostAt = lastWordStart(left);
    if (hostAt < 0) continue;
    const principals = left.slice(0, hostAt).trim();
    const hosts = left.slice(hostAt).trim();
    // Further "host = cmnds" sections after " : " are rare; the first is what grants.
    const right = s.slice(eq + 1).split(/\s:\s/)[0];
    entries.push({
      file,
      line,
      text: shown,
      kind: 'spec',
      scope: principals
        .split(',')
        .map((x) => x.trim())
        .join(','),
      items: [hosts],
      commands: parseCommands(right),
    });
  }
  return { entries, includes };
}

/** sudo skips included directory entries that end in "~" or contain "." (editor backups, .rpmsave). */
function includedDirFiles(host: Host, dir: string): string[] {
  return (host.readDir(dir) ?? [])
    .filter((n) => !n.endsWith('~') && !n.includes('.'))
    .sort()
    .map((n) => `${dir}/${n}`);
}

export function collectSudoers(host: Host, gap: (p: string, r: string) => void): SudoersFact {
  const files: SudoersFile[] = [];
  const entries: SudoersEntry[] = [];
  const seen = new Set<string>();
  const visit = (path: string, depth: number) => {
    if (seen.has(path)) return;
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) {
      gap(path, 'include nesting too deep or too many files; not read');
      return;
    }
    seen.add(path);
    const st = host.stat(path);
    const text = host.readText(path, MAX_FILE);
    if (text === null || !st) {
      if (path !== MAIN || host.lastError() !== 'ENOENT') gap(path, host.lastError() ?? 'unreadable');
      return;
    }
    const head = text.slice(0, 300);
    files.push({
      path,
      mtime: st.mtime.toISOString(),
      mode: st.mode & 0o7777,
      uid: st.uid,
      generatedBy: /created by cloud-init/i.test(head) ? 'cloud-init' : null,
    });
    const parsed = parseSudoersText(text, path);
    entries.push(...parsed.entries);
    for (const inc of parsed.includes) {
      if (inc.dir) for (const f of includedDirFiles(host, inc.path)) visit(f, depth + 1);
      else visit(inc.path, depth + 1);
    }
  };
  visit(MAIN, 0);
  return { files, entries };
}

export default defineCollector({
  name: 'sudoers',
  description:
    'sudo policy: /etc/sudoers and every @include/@includedir (#include/#includedir) file, parsed into Defaults, aliases and user specifications with Runas and tags.',
  paths: [MAIN, '/etc/sudoers.d/*'],
  collect({ host, gap }) {
    return collectSudoers(host, gap);
  },
});
