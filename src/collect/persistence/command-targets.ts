import { baseName } from '../../model/path-name';
import type { Host } from '../../host/host';
import type { Intel } from '../../intel/schema';

/** A program or script a command line would run, resolved on the target. */
export interface TargetFact {
  /** As written in the command ("backup.sh", "/tmp/.x/run", "./kworker"). */
  word: string;
  /** Absolute path on the target; null when a bare name was not found in PATH. */
  path: string | null;
  exists: boolean;
  mtime: string | null;
  /** Where the path finally leads when it is (or passes through) a symlink. */
  resolved?: string;
  /** The command tests for the file first ("[ -x X ] &&"), so its absence is expected. */
  guarded?: boolean;
}

/** One command-bearing line of a persistence file. */
export interface CommandFact {
  line: number;
  /** The exact line (continuations joined), bounded. */
  text: string;
  targets: TargetFact[];
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'time', 'coproc']);
/** Segments starting with these run no program of their own. */
const NON_COMMANDS = new Set([
  'fi',
  'done',
  'esac',
  'for',
  'case',
  'in',
  'select',
  'function',
  ';;',
  '[',
  '[[',
  ']]',
  'test',
  'echo',
  'printf',
  'export',
  'exit',
  'return',
  'set',
  'unset',
  'read',
  'local',
  'readonly',
  'true',
  'false',
  ':',
  'eval',
  'shift',
  'trap',
  'wait',
  'umask',
  'ulimit',
  'let',
  'declare',
  'typeset',
  'break',
  'continue',
  'alias',
  'getopts',
  'hash',
  'type',
  'command',
  'which',
  'kill',
  'sleep',
  'cd',
]);
/** Wrappers that run their argument: the program is the first word after their own options. */
const WRAPPERS = new Set([
  'sudo',
  'nohup',
  'exec',
  'nice',
  'ionice',
  'timeout',
  'setsid',
  'env',
  'chronic',
  'stdbuf',
  'flock',
  'run-one',
  'taskset',
  'chrt',
  'xargs',
  'busybox',
  'doas',
  'runuser',
  'su',
]);
/** Options of each wrapper that take a separate value ("nice -n 10", "timeout -s KILL 5", "flock -w 3 FILE"). */
const VALUE_OPTS: Record<string, string[]> = {
  sudo: ['-u', '-g', '-C', '-p', '-h', '-U', '-r', '-t', '-D'],
  nice: ['-n'],
  ionice: ['-c', '-n', '-p'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  env: ['-u', '-C', '-S'],
  flock: ['-w', '-E', '--timeout', '--conflict-exit-code'],
  taskset: ['-c'],
  stdbuf: ['-i', '-o', '-e'],
  xargs: ['-I', '-n', '-P', '-L', '-s', '-d', '-E', '-a'],
  runuser: ['-u', '-g', '-G'],
  doas: ['-u', '-C'],
};
/** Wrappers whose -c option carries a whole command line ("su - bob -c 'cmd'", "flock -c 'cmd' lock"). */
const COMMAND_OPTION = new Set(['su', 'runuser', 'flock']);

/** The programs that run a script or a -c command line (intel paths.shells, paths.interpreters). */
export interface ScriptRunners {
  shells: Set<string>;
  interpreters: Set<string>;
}

export function scriptRunners(paths: Pick<Intel['paths'], 'shells' | 'interpreters'>): ScriptRunners {
  const shells = new Set(paths.shells);
  return { shells, interpreters: new Set(paths.interpreters.filter((n) => !shells.has(n) && n !== 'env' && n !== 'busybox')) };
}

/** Splits a command line into simple-command segments: control operators, pipes, $( ), ` `, ( ). */
export function splitSegments(command: string): string[][] {
  const segments: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endSegment = () => {
    endWord();
    if (words.length > 0) segments.push(words);
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    if (c === '#' && !inWord) break;
    if (c === ';' || c === '|' || c === '&' || c === '\n' || c === '`' || c === '(' || c === ')') {
      // "2>&1" and ">&2" are redirections, not separators.
      if (c === '&' && (command[i - 1] === '>' || command[i + 1] === '>')) {
        word += c;
        inWord = true;
        continue;
      }
      endSegment();
      continue;
    }
    if (c === '$' && command[i + 1] === '(') {
      endSegment();
      i++;
      continue;
    }
    word += c;
    inWord = true;
  }
  endSegment();
  return segments;
}

const REDIRECT = /^(\d*|&)(>>?|<<?<?|>&|<&)(.*)$/;

/** Drops redirections ("> /dev/null", "2>&1", "</tmp/in") from a word list. */
function stripRedirections(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = REDIRECT.exec(words[i]);
    if (!m) {
      out.push(words[i]);
      continue;
    }
    if (m[3] === '') i++; // the file name is the next word
  }
  return out;
}

/** The words that name programs or scripts run by one command line (before path resolution). */
export function commandWords(command: string, runners: ScriptRunners, depth = 0): { word: string; cwd: string | null }[] {
  const found: { word: string; cwd: string | null }[] = [];
  let cwd: string | null = null;
  // cron: an unescaped % ends the command; what follows is stdin.
  for (const raw of splitSegments(command)) {
    let words = stripRedirections(raw);
    while (words.length > 0 && (KEYWORDS.has(words[0]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]))) words = words.slice(1);
    if (words.length === 0) continue;
    let first = words[0];
    if (first === 'cd') {
      cwd = words[1] && words[1].startsWith('/') && !/[$`*]/.test(words[1]) ? words[1] : null;
      continue;
    }
    if (first === '.' || first === 'source') {
      if (words[1]) found.push({ word: words[1], cwd });
      continue;
    }
    if (NON_COMMANDS.has(first) || first.startsWith('-') || first === ']') continue;
    // Peel wrappers: "sudo -u www nohup /tmp/x &" runs /tmp/x.
    let guard = 0;
    while (WRAPPERS.has(baseName(first)) && words.length > 1 && guard++ < 8) {
      const wrapper = baseName(first);
      if (COMMAND_OPTION.has(wrapper)) {
        const c = words.findIndex((w) => w === '-c' || w === '--command');
        if (c > 0) {
          if (depth < 3 && words[c + 1] !== undefined) found.push(...commandWords(words[c + 1], runners, depth + 1));
          words = [];
          break;
        }
        if (wrapper === 'su') {
          words = []; // a login shell, no program named
          break;
        }
      }
      const valueOpts = VALUE_OPTS[wrapper] ?? [];
      let i = 1;
      while (
        i < words.length &&
        (words[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]) || /^\d+(\.\d+)?[smhd]?$/.test(words[i]))
      ) {
        if (valueOpts.includes(words[i])) i++;
        i++;
      }
      if (wrapper === 'flock' && i < words.length) i++; // the lock file
      words = words.slice(i);
      if (words.length === 0) break;
      first = words[0];
    }
    if (words.length === 0) continue;
    found.push({ word: first, cwd });
    const name = baseName(first).replace(/[\d.]+$/, '');
    if (runners.shells.has(name) || runners.interpreters.has(name)) {
      // "sh -c 'cmd'" runs cmd; "bash /tmp/x.sh" and "python3 /opt/a.py" run the script.
      for (let i = 1; i < words.length; i++) {
        const w = words[i];
        if (w === '-c' || (w.startsWith('-') && w.endsWith('c') && runners.shells.has(name) && !w.startsWith('--'))) {
          if (depth < 3 && words[i + 1] !== undefined) found.push(...commandWords(words[i + 1], runners, depth + 1));
          break;
        }
        if (w === '-e' || w === '-E' || w === '-m' || w === '-r') break; // inline code or a module, no script file
        if (w.startsWith('-')) continue;
        found.push({ word: w, cwd });
        break;
      }
    }
  }
  return found;
}

/** The part of a cron command that is run: an unescaped % starts the job's stdin. */
export function cronCommandPart(command: string): string {
  const m = /(^|[^\\])%/.exec(command);
  return m ? command.slice(0, m.index + m[1].length) : command;
}

/** Resolves names to files on the target, caching each lookup. */
export class TargetResolver {
  private cache = new Map<string, Omit<TargetFact, 'word' | 'guarded'>>();

  private runners: ScriptRunners;

  constructor(
    private host: Host,
    paths: Intel['paths'],
  ) {
    this.runners = scriptRunners(paths);
  }

  resolve(command: string, pathVar = DEFAULT_PATH): TargetFact[] {
    const out: TargetFact[] = [];
    const seen = new Set<string>();
    for (const { word, cwd } of commandWords(command, this.runners)) {
      if (word === '' || /[$`*?{}%]/.test(word) || word.length > 4096) continue; // unresolvable without running the shell
      let abs: string | null = null;
      if (word.startsWith('/')) abs = word;
      else if (word.includes('/')) abs = cwd ? `${cwd.replace(/\/$/, '')}/${word.replace(/^\.\//, '')}` : null;
      else {
        const hit = this.lookupPath(word, pathVar);
        if (hit) abs = hit;
        else {
          continue; // builtins, functions, typos: nothing to judge
        }
      }
      if (abs === null || seen.has(abs)) continue;
      seen.add(abs);
      const t: TargetFact = { word, ...this.fileState(normalize(abs)) };
      if (!t.exists && guardedBy(command, abs, word)) t.guarded = true;
      out.push(t);
    }
    return out;
  }

  private lookupPath(name: string, pathVar: string): string | null {
    for (const dir of pathVar.split(':')) {
      if (!dir.startsWith('/')) continue;
      const p = `${dir.replace(/\/$/, '')}/${name}`;
      if (this.fileState(p).exists) return p;
    }
    return null;
  }

  private fileState(p: string): Omit<TargetFact, 'word' | 'guarded'> {
    let s = this.cache.get(p);
    if (!s) {
      const st = this.host.stat(p);
      s = { path: p, exists: st !== null, mtime: st ? new Date(st.mtimeMs).toISOString() : null };
      const lst = st ? this.host.lstat(p) : null;
      const real = st ? this.host.realpath(p) : null;
      if (lst && real && real !== p) s.resolved = real;
      this.cache.set(p, s);
    }
    return s;
  }
}

function normalize(p: string): string {
  const parts: string[] = [];
  for (const c of p.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') parts.pop();
    else parts.push(c);
  }
  return `/${parts.join('/')}`;
}

/** "[ -x /usr/sbin/foo ] && /usr/sbin/foo", "test -f X", "command -v X", "if [ -e X ]". */
function guardedBy(command: string, abs: string, word: string): boolean {
  for (const w of new Set([abs, word])) {
    const esc = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(-[xfesr]\\s+["']?${esc}["']?(\\s|\\]|$))|(command\\s+-v\\s+${esc})|(which\\s+${esc})`).test(command)) return true;
  }
  return false;
}
