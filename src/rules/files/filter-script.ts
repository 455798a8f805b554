// Reads a script that replaced a system program (top, ps, netstat…) the way an analyst would:
// which lines filter the real program's output, what they filter out, and where the real
// program was moved. Only the shapes droppers use; anything else is shown but not interpreted.

export interface FilterAnalysis {
  /** Indexes of the lines that filter output. */
  filtering: number[];
  /** What the filters remove ("xmrig", "kdevtmpfsi"), in order of appearance. */
  hides: string[];
  /** The program the script runs behind the filter (the renamed original), when it can be told. */
  real: string | null;
}

/** Shell words of a command fragment: quotes removed, no expansion. */
export function shellWords(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      // Inside double quotes a backslash escapes only $ ` " \ (POSIX); elsewhere it stays.
      else if (c === '\\' && quote === '"' && i + 1 < text.length && '$`"\\'.includes(text[i + 1])) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** Splits on unquoted "|" (not "||"). */
function pipeline(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === '|' && text[i + 1] !== '|' && text[i - 1] !== '|') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Patterns an inverted grep, a sed /x/d or an awk !/x/ removes; null when the stage does not filter. */
function filterPatterns(stage: string): string[] | null {
  const words = shellWords(stage.trim());
  const cmd = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
  if (/^[ef]?grep$/.test(cmd)) {
    let inverted = false;
    let extended = cmd === 'egrep';
    const patterns: string[] = [];
    let positional: string | null = null;
    for (let i = 1; i < words.length; i++) {
      const w = words[i];
      if (w === '-e' || w === '--regexp') patterns.push(words[++i] ?? '');
      else if (w.startsWith('--regexp=')) patterns.push(w.slice(9));
      else if (w === '--invert-match') inverted = true;
      else if (w === '--extended-regexp') extended = true;
      else if (/^-[A-Za-z]+$/.test(w)) {
        if (w.includes('v')) inverted = true;
        if (w.includes('E')) extended = true;
        if (w.endsWith('e')) patterns.push(words[++i] ?? '');
      } else if (positional === null && !w.startsWith('-')) positional = w;
    }
    if (!inverted) return null;
    if (patterns.length === 0 && positional !== null) patterns.push(positional);
    return patterns.flatMap((p) => (extended ? p.split('|') : p.split('\\|'))).filter((p) => p !== '');
  }
  if (cmd === 'sed') {
    const m = words
      .slice(1)
      .map((w) => /^\/(.+)\/d$/.exec(w))
      .find((x) => x !== null);
    return m ? m[1].split('\\|') : null;
  }
  if (/^[gnm]?awk$/.test(cmd)) {
    const m = words
      .slice(1)
      .map((w) => /^!\s*\/(.+)\/$/.exec(w.trim()))
      .find((x) => x !== null);
    return m ? m[1].split('|') : null;
  }
  return null;
}

export function analyzeFilterScript(lines: string[]): FilterAnalysis {
  const vars = new Map<string, string>();
  const out: FilterAnalysis = { filtering: [], hides: [], real: null };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const assign = /^(?:export\s+|readonly\s+|local\s+)?([A-Za-z_]\w*)=(.*)$/.exec(line);
    if (assign && !line.includes('|')) {
      vars.set(assign[1], shellWords(assign[2])[0] ?? '');
      return;
    }
    const stages = pipeline(line);
    if (stages.length < 2) return;
    const hides = stages.slice(1).flatMap((s) => filterPatterns(s) ?? []);
    if (hides.length === 0) return;
    out.filtering.push(i);
    for (const h of hides) if (!out.hides.includes(h)) out.hides.push(h);
    if (out.real === null) {
      const words = shellWords(stages[0]).filter((w) => !/^[A-Za-z_]\w*=/.test(w));
      while (words.length > 0 && ['exec', 'command', 'nohup', 'env', 'then', 'do', '{', '('].includes(words[0])) words.shift();
      const first = (words[0] ?? '').replace(/^\$\{?([A-Za-z_]\w*)\}?$/, (_m, v: string) => vars.get(v) ?? `$${v}`);
      if (first.startsWith('/')) out.real = first;
    }
  });
  return out;
}
