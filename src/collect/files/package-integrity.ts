import type { Host } from '../../host/host';
import type { HashAlgorithm } from '../../host/hash-bounded';
import { pathSpellings } from '../../model/path-name';
import type { Intel } from '../../intel/schema';
import { defineCollector } from '../collector';
import { printableName } from './file-kind';
import { FILE_GHOST, STATE_NORMAL } from '../rpmdb/header';
import { type RpmDatabase, readRpmDatabase } from '../rpmdb/index';

export interface IntegrityProblem {
  path: string;
  package: string;
  /** Digest the package manager recorded when it installed the file. */
  expected: string;
  /** Digest of what is there now, same algorithm; null when missing or unreadable. */
  actual: string | null;
  /** Algorithm of expected/actual: md5 for dpkg; md5, sha256… for rpm (absent in older snapshots: md5). */
  algorithm?: HashAlgorithm;
  status: 'mismatch' | 'missing' | 'unreadable';
  size: number | null;
  mtime: string | null;
  ctime: string | null;
  sha256: string | null;
  /** Set when the file is diverted and the package's copy lives elsewhere. */
  divertedTo?: string;
  /** When the replacement is a script (#!): its first lines, printable, and how many lines it has. */
  script?: { lines: string[]; total: number };
}

export interface PackageIntegrityFact {
  manager: 'dpkg' | 'rpm' | null;
  /** How many commonly trojaned programs and libraries were compared. */
  checked: number;
  problems: IntegrityProblem[];
  /** dpkg-divert records: another package's file moved aside (from → to), so "to" is packaged too. */
  diversions: { from: string; to: string; by: string }[];
}

declare module '../../model/facts' {
  interface Facts {
    packageIntegrity: PackageIntegrityFact;
  }
}

const DPKG_INFO = '/var/lib/dpkg/info';
const MAX_BINARY = 64 * 1024 * 1024;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function targetPathPattern(programs: string[], libraryPrefixes: string[]): string {
  const bins = `(?:usr/)?s?bin/(?:${programs.map(escapeRegExp).join('|')})`;
  const libs = `(?:usr/)?lib(?:64|32)?(?:/[a-z0-9_]+-linux-gnu[a-z0-9_]*)?(?:/security)?/(?:${libraryPrefixes.map(escapeRegExp).join('|')})[^/]*`;
  return `(?:${bins})|(?:${libs})`;
}

/** One md5sums line ("<md5>  usr/bin/ps") naming a program or library attackers replace to hide. */
export function targetLineRegex(programs: string[], libraryPrefixes: string[]): RegExp {
  return new RegExp(`^([0-9a-f]{32}) [ *](${targetPathPattern(programs, libraryPrefixes)})$`);
}

/** An absolute path ("/usr/bin/ps") naming a program or library attackers replace to hide. */
export function targetPathRegex(programs: string[], libraryPrefixes: string[]): RegExp {
  return new RegExp(`^/(?:${targetPathPattern(programs, libraryPrefixes)})$`);
}

/**
 * The matching lines of one md5sums file. Literal searches find the few candidate lines, so the
 * strict pattern never runs over the megabytes of documentation paths.
 */
export function targetLines(text: Buffer, needles: string[], line: RegExp): [string, string][] {
  const starts = new Set<number>();
  const out: [string, string][] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
      const start = text.lastIndexOf(0x0a, i) + 1;
      if (starts.has(start)) continue;
      starts.add(start);
      const end = text.indexOf(0x0a, i);
      const m = line.exec(text.toString('utf8', start, end < 0 ? text.length : end));
      if (m) out.push([m[1], m[2]]);
    }
  }
  return out;
}

/** /var/lib/dpkg/diversions: original, diverted-to, diverting package, three lines each. */
export function parseDiversions(text: string): Map<string, { to: string; by: string }> {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out = new Map<string, { to: string; by: string }>();
  for (let i = 0; i + 2 < lines.length; i += 3) out.set(lines[i], { to: lines[i + 1], by: lines[i + 2] });
  return out;
}

const BIN_DIRS = ['/usr/bin', '/usr/sbin', '/bin', '/sbin'];

/**
 * Compares the commonly trojaned files with dpkg's md5sums. Reading all md5sums files costs
 * ~10 MB on a server, so the packages that usually own them (intel) are read first; only when a
 * packaged target program is left unverified are all the others read too.
 */
export function checkIntegrity(
  host: Host,
  filesIntel: Intel['files'],
  gap: (p: string, r: string) => void,
  owned: (p: string) => boolean = () => true,
): PackageIntegrityFact {
  const names = host.readDir(DPKG_INFO);
  if (names === null) return { manager: null, checked: 0, problems: [], diversions: [] };
  const diversions = parseDiversions(host.readText('/var/lib/dpkg/diversions') ?? '');
  const re = targetLineRegex(filesIntel.trojanedPrograms, filesIntel.trojanedLibraries);
  const needles = ['bin/', ...filesIntel.trojanedLibraries.map((p) => `/${p}`)];
  const problems: IntegrityProblem[] = [];
  const verified = new Set<string>();
  let checked = 0;

  const readPackage = (n: string) => {
    const text = host.readFile(`${DPKG_INFO}/${n}`, 32 * 1024 * 1024);
    if (text === null) {
      gap(`${DPKG_INFO}/${n}`, host.lastError() ?? 'unreadable');
      return;
    }
    const pkg = n.slice(0, -'.md5sums'.length).split(':')[0];
    for (const [md5, file] of targetLines(text, needles, re)) {
      const recorded = `/${file}`;
      const div = diversions.get(recorded);
      // A diverted file of another package lives at the diverted-to name; the diverting package keeps the original name.
      const path = div && div.by !== pkg ? div.to : recorded;
      checked++;
      verified.add(recorded.slice(recorded.lastIndexOf('/') + 1));
      const problem = compare(host, path, md5, pkg);
      if (problem?.status === 'unreadable') gap(path, `${host.lastError() ?? 'unreadable'}: not verified against ${pkg}`);
      else if (problem) problems.push(div && path !== recorded ? { ...problem, divertedTo: path } : problem);
    }
  };

  const md5sums = names.filter((n) => n.endsWith('.md5sums')).sort();
  const usual = new Set(filesIntel.integrityPackages);
  const first = md5sums.filter((n) => usual.has(n.slice(0, -'.md5sums'.length).split(':')[0]));
  first.forEach(readPackage);
  const unverified = filesIntel.trojanedPrograms.filter(
    (prog) => !verified.has(prog) && BIN_DIRS.some((d) => host.lstat(`${d}/${prog}`)?.isFile() && owned(`${d}/${prog}`)),
  );
  if (unverified.length > 0) {
    const done = new Set(first);
    md5sums.filter((n) => !done.has(n)).forEach(readPackage);
  }
  return { manager: 'dpkg', checked, problems, diversions: [...diversions].map(([from, d]) => ({ from, to: d.to, by: d.by })) };
}

/**
 * `rpm -V` for the commonly trojaned files, from the digests in the rpm headers: regular files in
 * their normal state only (not ghosts, not files rpm skipped as docs or for another architecture).
 */
export function checkRpmIntegrity(
  host: Host,
  db: RpmDatabase,
  filesIntel: Intel['files'],
  gap: (p: string, r: string) => void,
): PackageIntegrityFact {
  const re = targetPathRegex(filesIntel.trojanedPrograms, filesIntel.trojanedLibraries);
  const problems: IntegrityProblem[] = [];
  const seen = new Set<string>();
  let checked = 0;
  for (const pkg of db.packages) {
    for (const f of pkg.files) {
      if (!re.test(f.path) || (f.mode & 0o170000) !== 0o100000 || f.digest === '') continue;
      if ((f.flags & FILE_GHOST) !== 0 || f.state !== STATE_NORMAL) continue;
      // multilib: the same path in the i686 and x86_64 package is one file on disk.
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      if (pkg.digestAlgorithm === null) {
        gap(f.path, `package ${pkg.name} records file digests with an unknown algorithm: not verified`);
        continue;
      }
      checked++;
      const problem = compare(host, f.path, f.digest.toLowerCase(), pkg.name, pkg.digestAlgorithm);
      if (problem?.status === 'unreadable') gap(f.path, `${host.lastError() ?? 'unreadable'}: not verified against ${pkg.name}`);
      else if (problem) problems.push(problem);
    }
  }
  return { manager: 'rpm', checked, problems, diversions: [] };
}

function compare(host: Host, path: string, expected: string, pkg: string, algorithm: HashAlgorithm = 'md5'): IntegrityProblem | null {
  const st = host.stat(path);
  const base = {
    path,
    package: pkg,
    algorithm,
    expected,
    size: st?.size ?? null,
    mtime: st ? new Date(st.mtimeMs).toISOString() : null,
    ctime: st ? new Date(st.ctimeMs).toISOString() : null,
  };
  if (!st) {
    const err = host.lastError();
    return { ...base, actual: null, sha256: null, status: err === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  const algorithms: HashAlgorithm[] = algorithm === 'sha256' ? ['sha256'] : [algorithm, 'sha256'];
  const hashes = host.hashFile(path, algorithms, MAX_BINARY);
  const actual = hashes?.[algorithm];
  if (actual === undefined) return { ...base, actual: null, sha256: null, status: 'unreadable' };
  if (actual === expected) return null;
  const script = scriptOf(host, path);
  return { ...base, actual, sha256: hashes?.sha256 ?? null, status: 'mismatch', ...(script ? { script } : {}) };
}

const SCRIPT_BYTES = 16 * 1024;
const SCRIPT_LINES = 40;
const LINE_CHARS = 300;

/** A replaced program that is now a script: its first lines, as the analyst would read them with head. */
export function scriptOf(host: Host, path: string): { lines: string[]; total: number } | null {
  const head = host.readFile(path, SCRIPT_BYTES);
  if (head === null || head.length < 2 || head[0] !== 0x23 || head[1] !== 0x21) return null;
  const all = head.toString('utf8').split('\n');
  if (all[all.length - 1] === '') all.pop();
  const lines = all.slice(0, SCRIPT_LINES).map((l) => printableName(l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l));
  return { lines, total: all.length };
}

export default defineCollector({
  name: 'packageIntegrity',
  description:
    'Compares the digests of commonly trojaned programs (ps, netstat, ss, top, ls, sshd, login, su, sudo…) and libraries (libc, libpam, libprocps) with what dpkg or rpm recorded at install time.',
  paths: [`${DPKG_INFO}/*.md5sums`, '/var/lib/dpkg/diversions', '/var/lib/rpm/*'],
  after: ['packages'],
  collect({ host, intel, facts, gap }) {
    if (facts.packages?.manager === 'rpm') {
      const db = readRpmDatabase(host).db;
      if (db) return checkRpmIntegrity(host, db, intel.files, gap);
    }
    const files = new Set(facts.packages?.files ?? []);
    return checkIntegrity(host, intel.files, gap, (p) => pathSpellings(p).some((x) => files.has(x)));
  },
});
