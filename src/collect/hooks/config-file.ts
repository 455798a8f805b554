import type { Host } from '../../host/host';

// Shared by the hook collectors: every hook is a small text file whose findings quote
// "path:line: text", so they all read files the same bounded, crash-proof way.

/** One logical line: continuation lines ("…\") joined, numbered by the line it starts on. */
export interface ConfigLine {
  n: number;
  text: string;
}

export interface ConfigFile {
  path: string;
  /** File modification time, ISO; null when stat failed. */
  mtime: string | null;
  /** Lines that are neither blank nor comments (what the program reading the file acts on). */
  lines: ConfigLine[];
  /** The file was larger than we read, or had more lines than we keep. */
  truncated: boolean;
}

export const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_LINES = 20_000;
/** Longer lines are cut: evidence stays readable and pattern matching stays bounded. */
const MAX_LINE_CHARS = 8192;

export type Gap = (path: string | undefined, reason: string) => void;

/** Splits text into logical lines, dropping blanks and "#" comments. */
export function logicalLines(
  text: string,
  opts: { continuation?: boolean; comment?: RegExp } = {},
): { lines: ConfigLine[]; truncated: boolean } {
  const raw = text.split('\n');
  const comment = opts.comment ?? /^\s*#/;
  const lines: ConfigLine[] = [];
  let truncated = false;
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let line = raw[i].replace(/\r$/, '');
    while (opts.continuation !== false && line.endsWith('\\') && i + 1 < raw.length && line.length < MAX_LINE_CHARS) {
      i++;
      line = `${line.slice(0, -1)} ${raw[i].replace(/\r$/, '').trimStart()}`;
    }
    if (line.trim() === '' || comment.test(line)) continue;
    if (lines.length >= MAX_LINES) {
      truncated = true;
      break;
    }
    lines.push({ n: start + 1, text: line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line });
  }
  return { lines, truncated };
}

export function mtimeOf(host: Host, path: string): string | null {
  const st = host.stat(path);
  return st ? st.mtime.toISOString() : null;
}

/** Reads one config file; null (and a gap unless it simply does not exist) when unreadable. */
export function readConfigFile(
  host: Host,
  path: string,
  gap: Gap,
  opts: { continuation?: boolean; comment?: RegExp } = {},
): ConfigFile | null {
  const st = host.stat(path);
  if (!st) {
    const err = host.lastError();
    if (err !== 'ENOENT' && err !== 'ENOTDIR') gap(path, err ?? 'unreadable');
    return null;
  }
  if (!st.isFile()) return null;
  const buf = host.readFile(path, MAX_CONFIG_BYTES);
  if (buf === null) {
    gap(path, host.lastError() ?? 'unreadable');
    return null;
  }
  const parsed = logicalLines(buf.toString('utf8'), opts);
  return { path, mtime: st.mtime.toISOString(), lines: parsed.lines, truncated: parsed.truncated || st.size > MAX_CONFIG_BYTES };
}

/**
 * Regular files of a directory (symlinks followed inside the target), sorted. Directories that
 * are the same place under two names (/lib → /usr/lib) are listed once via `seen`.
 */
export function listFiles(
  host: Host,
  dir: string,
  opts: { seen?: Set<string>; filter?: (name: string) => boolean; gap?: Gap } = {},
): string[] {
  const { seen, filter, gap } = opts;
  if (seen) {
    const real = host.realpath(dir);
    if (real === null) return [];
    if (seen.has(real)) return [];
    seen.add(real);
  }
  const names = host.readDir(dir);
  if (names === null) {
    const err = host.lastError();
    if (gap && err !== 'ENOENT' && err !== 'ENOTDIR') gap(dir, err ?? 'unreadable');
    return [];
  }
  return names
    .filter((n) => (filter ? filter(n) : true))
    .sort()
    .map((n) => `${dir}/${n}`)
    .filter((p) => host.stat(p)?.isFile() === true);
}
