import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { type ConfigFile, type Gap, listFiles, readConfigFile } from './config-file';

/** One library named in /etc/ld.so.preload, loaded into every dynamically linked program. */
export interface PreloadEntry {
  /** Line of ld.so.preload it is on, and that line as written. */
  n: number;
  line: string;
  library: string;
  exists: boolean;
  /** Where it really is (symlinks resolved), when it exists. */
  realPath: string | null;
  mtime: string | null;
}

/** A library search directory from ld.so.conf or a file it includes. */
export interface LibraryDir {
  file: string;
  fileMtime: string | null;
  n: number;
  line: string;
  dir: string;
}

export interface LdConfigFact {
  /** null when /etc/ld.so.preload does not exist (the normal case). */
  preload: (ConfigFile & { entries: PreloadEntry[] }) | null;
  confFiles: string[];
  libraryDirs: LibraryDir[];
}

declare module '../../model/facts' {
  interface Facts {
    ldConfig: LdConfigFact;
  }
}

const PRELOAD = '/etc/ld.so.preload';
const LD_SO_CONF = '/etc/ld.so.conf';
const MAX_INCLUDE_DEPTH = 4;

function preloadEntries(host: Host, file: ConfigFile, gap: Gap): PreloadEntry[] {
  const out: PreloadEntry[] = [];
  for (const { n, text } of file.lines) {
    // ld.so splits the file on whitespace and colons.
    for (const library of text.split(/[\s:]+/).filter((t) => t !== '')) {
      // A relative name would resolve against each program's own directory: never a real library here.
      const real = library.startsWith('/') ? host.realpath(library) : null;
      const st = real === null ? null : host.stat(library);
      if (st === null && real !== null) gap(library, host.lastError() ?? 'unreadable');
      out.push({ n, line: text, library, exists: st !== null, realPath: real, mtime: st ? st.mtime.toISOString() : null });
      if (out.length >= 256) return out;
    }
  }
  return out;
}

/** Expands "include" globs the way ldconfig does: a "*" in the last path component. */
function expandInclude(host: Host, pattern: string, relativeTo: string): string[] {
  const abs = pattern.startsWith('/') ? pattern : `${relativeTo}/${pattern}`;
  const slash = abs.lastIndexOf('/');
  const dir = abs.slice(0, slash) || '/';
  const last = abs.slice(slash + 1);
  if (!last.includes('*') && !last.includes('?')) return host.stat(abs)?.isFile() ? [abs] : [];
  const re = new RegExp(
    `^${last
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return listFiles(host, dir, { filter: (n) => re.test(n) });
}

function readLdConf(host: Host, path: string, depth: number, seen: Set<string>, fact: LdConfigFact, gap: Gap) {
  if (depth > MAX_INCLUDE_DEPTH || seen.has(path)) return;
  seen.add(path);
  const file = readConfigFile(host, path, gap);
  if (!file) return;
  fact.confFiles.push(path);
  const here = path.slice(0, path.lastIndexOf('/')) || '/';
  for (const { n, text } of file.lines) {
    const line = text.replace(/#.*/, '').trim();
    if (line === '') continue;
    const inc = /^include\s+(.+)$/.exec(line);
    if (inc) {
      for (const pattern of inc[1].split(/\s+/))
        for (const f of expandInclude(host, pattern, here)) readLdConf(host, f, depth + 1, seen, fact, gap);
      continue;
    }
    if (/^hwcap\s/.test(line)) continue;
    // Old syntax allows "dir=TYPE" and several dirs on one line separated by spaces, commas or colons.
    for (const raw of line.split(/[\s,:]+/)) {
      const dir = raw.replace(/=.*$/, '');
      if (dir !== '') fact.libraryDirs.push({ file: path, fileMtime: file.mtime, n, line: text, dir });
    }
  }
}

export default defineCollector({
  name: 'ldConfig',
  description:
    'Dynamic loader hooks: libraries forced into every program by /etc/ld.so.preload, and library search directories from /etc/ld.so.conf and its includes.',
  paths: [PRELOAD, LD_SO_CONF, '/etc/ld.so.conf.d/*'],
  collect({ host, gap }) {
    const fact: LdConfigFact = { preload: null, confFiles: [], libraryDirs: [] };
    const preload = readConfigFile(host, PRELOAD, gap, { continuation: false });
    if (preload) fact.preload = { ...preload, entries: preloadEntries(host, preload, gap) };
    readLdConf(host, LD_SO_CONF, 0, new Set(), fact, gap);
    return fact;
  },
});
