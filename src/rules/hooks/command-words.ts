// Just enough shell reading to answer "which programs does this line start, and in the
// background?" for hook files (profiles, udev RUN, pam_exec, modprobe install, motd scripts).
// Quotes are not honoured on purpose: a command hidden in `sh -c '…'` is still a command.

export interface CommandSegment {
  /** The program the segment runs after wrappers (nohup, env, sudo, sh, .) are peeled off. */
  program: string | null;
  /** Every word of the segment, quotes stripped. */
  words: string[];
  /** Ends with a single "&", or starts via nohup/setsid/disown-style wrappers. */
  background: boolean;
}

const WRAPPERS = new Set([
  'nohup',
  'setsid',
  'exec',
  'command',
  'builtin',
  'env',
  'sudo',
  'nice',
  'ionice',
  'stdbuf',
  'chrt',
  'taskset',
  'time',
  'timeout',
  'doas',
  'runuser',
  'su',
  'xargs',
]);
const SCRIPT_RUNNERS = new Set([
  '.',
  'source',
  'sh',
  'bash',
  'dash',
  'zsh',
  'ksh',
  'ash',
  'busybox',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'php',
  'node',
  'lua',
]);
const DETACHERS = new Set(['nohup', 'setsid', 'daemonize', 'disown']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'fi', 'done']);
const MAX_SEGMENTS = 200;

/** Splits on ; && || | & ( ) ` $( { } and newlines; "&" alone (not "&&", ">&", "&>") marks the segment as backgrounded. */
export function splitCommands(line: string): CommandSegment[] {
  const text = line.length > 8192 ? line.slice(0, 8192) : line;
  const out: CommandSegment[] = [];
  let cur = '';
  const flush = (background: boolean) => {
    if (cur.trim() !== '' && out.length < MAX_SEGMENTS) out.push(segment(cur, background));
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    const prev = text[i - 1];
    if (c === '&') {
      if (next === '&') {
        flush(false);
        i++;
      } else if (prev === '>' || next === '>') cur += c;
      else flush(true);
    } else if (c === '|') {
      flush(false);
      if (next === '|') i++;
    } else if (c === ';' || c === '\n' || c === '(' || c === ')' || c === '`' || c === '{' || c === '}') {
      if (c === '{' && prev === '$') {
        // ${VAR}: part of a word, not a group.
        const end = text.indexOf('}', i);
        if (end > 0) {
          cur += text.slice(i, end + 1);
          i = end;
          continue;
        }
      }
      if (c === '(' && prev === '$') cur = cur.slice(0, -1);
      flush(false);
    } else cur += c;
  }
  flush(false);
  return out;
}

function stripQuotes(w: string): string {
  return w.replace(/^['"]+|['"]+$/g, '');
}

function segment(text: string, background: boolean): CommandSegment {
  const words = text
    .trim()
    .split(/\s+/)
    .map(stripQuotes)
    .filter((w) => w !== '' && !/^\d*[<>]/.test(w) && !/^&?>/.test(w));
  let i = 0;
  let detached = background;
  const skipOptions = () => {
    while (i < words.length && words[i].startsWith('-')) i++;
  };
  while (i < words.length) {
    const w = words[i];
    const base = w.slice(w.lastIndexOf('/') + 1);
    if (/^[A-Za-z_]\w*=/.test(w) || KEYWORDS.has(w)) i++;
    else if (WRAPPERS.has(base)) {
      if (DETACHERS.has(base)) detached = true;
      i++;
      skipOptions();
      if (base === 'timeout' && /^\d/.test(words[i] ?? '')) i++;
      if ((base === 'nice' || base === 'ionice') && /^-?\d+$/.test(words[i] ?? '')) i++;
      if ((base === 'sudo' || base === 'su' || base === 'runuser') && words[i - 1] === '-u') i++;
    } else if (DETACHERS.has(base)) {
      detached = true;
      i++;
    } else if (SCRIPT_RUNNERS.has(base) || /^python[\d.]*$/.test(base)) {
      // "bash -c '…'": the quoted command is split into its own segments; "bash /tmp/x" runs /tmp/x.
      i++;
      const c = words.findIndex((x, k) => k >= i && /^-\w*c$/.test(x));
      if (c >= 0) {
        const inner = segment(words.slice(c + 1).join(' '), detached);
        return { program: inner.program ?? w, words, background: inner.background };
      }
      skipOptions();
      if (i >= words.length) return { program: w, words, background: detached };
    } else break;
  }
  const program = i < words.length ? words[i] : null;
  return { program, words, background: detached };
}

/** Expands ~ and $HOME to the file owner's home, so the path can be judged. */
export function expandHome(word: string, home: string | undefined): string {
  const h = home ?? '/root';
  return word.replace(/^(~|\$HOME|\$\{HOME\})(?=\/|$)/, h === '/' ? '' : h);
}

/** Absolute paths (and ~/ paths) anywhere in a text. */
export function pathsIn(text: string): string[] {
  return [...text.slice(0, 8192).matchAll(/(?:^|[\s='"`:(;|&>])((?:~|\$HOME|\$\{HOME\})?\/[^\s'"`;|&()<>]+)/g)].map((m) => m[1]);
}
