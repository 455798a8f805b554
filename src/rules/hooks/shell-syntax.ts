import type { ConfigLine } from '../../collect/hooks/config-file';

// Reading aliases, functions and variable assignments out of start-up file lines.

export interface AliasDef {
  name: string;
  value: string;
}

/** `alias a='x y' b=z` → [{a, "x y"}, {b, "z"}]; several alias commands per line are fine. */
export function aliasesIn(line: string): AliasDef[] {
  const out: AliasDef[] = [];
  const re = /(?:^|[\s;&|(])alias\s+/g;
  let m: RegExpExecArray | null = re.exec(line);
  while (m !== null && out.length < 50) {
    let i = m.index + m[0].length;
    while (i < line.length) {
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] === '-') {
        // options such as zsh's "alias -g"
        while (i < line.length && !/\s/.test(line[i])) i++;
        continue;
      }
      const eq = line.indexOf('=', i);
      const nameText = eq < 0 ? '' : line.slice(i, eq);
      if (eq < 0 || !/^[\w.\-\\:+@%]+$/.test(nameText)) break;
      let j = eq + 1;
      let value = '';
      const q = line[j];
      if (q === "'" || q === '"') {
        const end = line.indexOf(q, j + 1);
        value = line.slice(j + 1, end < 0 ? line.length : end);
        j = end < 0 ? line.length : end + 1;
      } else {
        while (j < line.length && !/[\s;&|]/.test(line[j])) j++;
        value = line.slice(eq + 1, j);
      }
      out.push({ name: nameText.replace(/^\\/, ''), value });
      i = j;
      if (/^\s*[;&|]/.test(line.slice(i))) break;
    }
    m = re.exec(line);
  }
  return out;
}

export interface FunctionDef {
  name: string;
  start: ConfigLine;
  /** Body lines including the header, bounded. */
  body: ConfigLine[];
}

const FUNCTION_HEADER = /^\s*(?:function\s+([\w.\-:]+)\s*(?:\(\s*\))?|([\w.\-:]+)\s*\(\s*\))\s*(\{.*)?$/;

/** Shell functions defined in a file, with their bodies (brace-balanced, at most 80 lines). */
export function functionsIn(lines: ConfigLine[]): FunctionDef[] {
  const out: FunctionDef[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FUNCTION_HEADER.exec(lines[i].text);
    if (!m) continue;
    const name = m[1] ?? m[2];
    const body: ConfigLine[] = [];
    let depth = 0;
    let opened = false;
    for (let j = i; j < lines.length && j < i + 80; j++) {
      body.push(lines[j]);
      for (const c of lines[j].text) {
        if (c === '{') {
          depth++;
          opened = true;
        } else if (c === '}') depth--;
      }
      if (opened && depth <= 0) break;
    }
    out.push({ name, start: lines[i], body });
  }
  return out;
}

/** Values assigned to a variable on a line: `X=v`, `export X="v"`, `X+=(v)`, csh `setenv X v`. */
export function assignedValues(line: string, variable: string): string[] {
  const out: string[] = [];
  const re = new RegExp(
    `(?:^|[\\s;&|(])(?:(?:export|declare\\s+-\\w+|typeset\\s+-\\w+|local|readonly)\\s+)?${variable}(?:\\[[^\\]]*\\])?\\+?=|(?:^|[\\s;])setenv\\s+${variable}\\s+`,
    'g',
  );
  for (const m of line.matchAll(re)) {
    const j = (m.index ?? 0) + m[0].length;
    const q = line[j];
    if (q === "'" || q === '"') {
      const end = line.indexOf(q, j + 1);
      out.push(line.slice(j + 1, end < 0 ? line.length : end));
    } else if (q === '(') {
      const end = line.indexOf(')', j + 1);
      out.push(line.slice(j + 1, end < 0 ? line.length : end).replace(/['"]/g, ''));
    } else {
      const rest = line.slice(j);
      out.push(/^[^\s;&|]*/.exec(rest)?.[0] ?? '');
    }
  }
  return out;
}
