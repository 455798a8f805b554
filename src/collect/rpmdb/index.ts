import type { Host } from '../../host/host';
import { BdbError, readBdb } from './bdb';
import { HeaderError, parseHeader, type RpmPackage } from './header';
import { NdbError, readNdb } from './ndb';
import { readSqliteHeaders } from './sqlite';

// The installed-package database of the rpm family, read from its files: the box's own `rpm`
// may be replaced, and an offline disk has no working one. Read once per host and shared by
// every collector that needs ownership or recorded digests.

export type RpmDbFormat = 'sqlite' | 'bdb' | 'ndb';

export interface RpmDatabase {
  format: RpmDbFormat;
  /** The file that was read (target path). */
  path: string;
  packages: RpmPackage[];
  /** Records that were not readable rpm headers (corruption or tampering). */
  skipped: number;
}

export interface RpmDbRead {
  db: RpmDatabase | null;
  /** Why the database, or part of it, could not be read; the packages collector reports these as gaps. */
  problems: { path: string; reason: string }[];
  /** True when an rpm database directory exists (so "no database" is itself a gap). */
  present: boolean;
}

/** /usr/lib/sysimage/rpm is where Fedora ≥ 36 and openSUSE keep it (/var/lib/rpm links there). */
export const RPMDB_DIRS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];
const FILES: [string, RpmDbFormat][] = [
  ['rpmdb.sqlite', 'sqlite'],
  ['Packages.db', 'ndb'],
  ['Packages', 'bdb'],
];
const MAX_DB_BYTES = 1024 * 1024 * 1024;

const cache = new WeakMap<Host, RpmDbRead>();

/** Candidate database files, newest first: a RHEL 8 → 9 upgrade may leave the old Packages behind. */
function candidates(host: Host): { path: string; format: RpmDbFormat; mtime: number }[] {
  const seen = new Set<string>();
  const out: { path: string; format: RpmDbFormat; mtime: number }[] = [];
  for (const dir of RPMDB_DIRS) {
    for (const [name, format] of FILES) {
      const p = `${dir}/${name}`;
      const real = host.realpath(p);
      const st = host.stat(p);
      if (real === null || seen.has(real) || !st?.isFile() || st.size === 0) continue;
      seen.add(real);
      out.push({ path: p, format, mtime: st.mtimeMs });
    }
  }
  return out.sort((a, b) => b.mtime - a.mtime);
}

function headerBlobs(host: Host, path: string, format: RpmDbFormat, each: (blob: Buffer) => void): number {
  const size = host.stat(path)?.size ?? 0;
  if (size > MAX_DB_BYTES) throw new Error(`${size} bytes, over the ${MAX_DB_BYTES}-byte limit`);
  const data = host.readFile(path, MAX_DB_BYTES);
  if (data === null) throw new Error(host.lastError() ?? 'unreadable');
  if (format === 'sqlite') {
    readSqliteHeaders(data, host.readFile(`${path}-wal`, MAX_DB_BYTES), each);
    return 0;
  }
  const { values, broken } = format === 'bdb' ? readBdb(data) : readNdb(data);
  for (const v of values) each(v);
  return broken;
}

function load(host: Host): RpmDbRead {
  const problems: RpmDbRead['problems'] = [];
  const present = RPMDB_DIRS.some((d) => host.stat(d)?.isDirectory());
  for (const c of candidates(host)) {
    const packages: RpmPackage[] = [];
    let skipped = 0;
    try {
      skipped = headerBlobs(host, c.path, c.format, (blob) => {
        try {
          packages.push(parseHeader(blob));
        } catch (e) {
          if (!(e instanceof HeaderError || e instanceof RangeError)) throw e;
          skipped++;
        }
      });
    } catch (e) {
      const why = e instanceof BdbError || e instanceof NdbError || e instanceof Error ? e.message : String(e);
      problems.push({ path: c.path, reason: `${why}: not read as an rpm database` });
      continue;
    }
    if (packages.length === 0) {
      problems.push({ path: c.path, reason: 'no installed package could be read from it' });
      continue;
    }
    if (skipped > 0) problems.push({ path: c.path, reason: `${skipped} package records unreadable: their files count as unowned` });
    return { db: { format: c.format, path: c.path, packages, skipped }, problems, present };
  }
  return { db: null, problems, present };
}

/** The rpm database of this host, read once. */
export function readRpmDatabase(host: Host): RpmDbRead {
  let r = cache.get(host);
  if (!r) {
    r = load(host);
    cache.set(host, r);
  }
  return r;
}
