import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { readRpmDatabase } from '../rpmdb/index';
import { type ConfigLine, type Gap, listFiles, readConfigFile } from './config-file';

/** One line of a PAM stack: "auth [success=1 default=ignore] pam_unix.so nullok". */
export interface PamEntry {
  n: number;
  text: string;
  /** auth, account, password, session; "@include" for Debian's include directive. */
  type: string;
  /** "required", "sufficient", "[success=1 default=ignore]", "include", "substack"… */
  control: string;
  /** As written: "pam_unix.so" or an absolute path; the included service for includes. */
  module: string;
  args: string[];
  /** The module file this resolves to, or null when no such file exists. */
  resolved: string | null;
}

export interface PamFile {
  path: string;
  service: string;
  mtime: string | null;
  entries: PamEntry[];
}

export interface PamModuleFile {
  path: string;
  mtime: string | null;
  size: number;
  md5: string | null;
  /** MD5 dpkg (or an md5-digest rpm) recorded for this file when a package shipped it. */
  packageMd5: string | null;
  /** SHA-256 of the file, computed only when the package database recorded one to compare with. */
  sha256?: string | null;
  /** SHA-256 rpm recorded for this file (RHEL 7 and later record sha256). */
  packageSha256?: string | null;
}

export interface PamFact {
  files: PamFile[];
  /** Directories PAM loads relative module names from, existing ones only. */
  moduleDirs: string[];
  modules: PamModuleFile[];
}

declare module '../../model/facts' {
  interface Facts {
    pam: PamFact;
  }
}

const PAM_D = '/etc/pam.d';
const PAM_CONF = '/etc/pam.conf';
const DPKG_INFO = '/var/lib/dpkg/info';
const MAX_MODULE_BYTES = 16 * 1024 * 1024;

/** Where distributions keep PAM modules: /lib*\/security and the multiarch triplet dirs. */
function moduleDirs(host: Host): string[] {
  const candidates = ['/lib/security', '/lib64/security', '/usr/lib/security', '/usr/lib64/security'];
  for (const base of ['/lib', '/usr/lib']) {
    for (const name of host.readDir(base) ?? []) if (/^[a-z0-9_]+-linux-gnu\w*$/.test(name)) candidates.push(`${base}/${name}/security`);
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of candidates) {
    const real = host.realpath(dir);
    if (real === null || seen.has(real) || !host.stat(dir)?.isDirectory()) continue;
    seen.add(real);
    out.push(dir);
  }
  return out;
}

/** "[success=1 default=ignore]" may contain spaces; everything else is whitespace-separated. */
export function parsePamLine(
  text: string,
  withService: boolean,
): (Omit<PamEntry, 'n' | 'text' | 'resolved'> & { service?: string }) | null {
  let rest = text.trim();
  let service: string | undefined;
  const word = () => {
    const m = /^(\S+)\s*/.exec(rest);
    if (!m) return null;
    rest = rest.slice(m[0].length);
    return m[1];
  };
  if (withService) service = word() ?? undefined;
  const type = word();
  if (type === null) return null;
  if (type === '@include') return { service, type, control: 'include', module: word() ?? '', args: [] };
  let control: string | null;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    control = end < 0 ? rest : rest.slice(0, end + 1);
    rest = end < 0 ? '' : rest.slice(end + 1).trimStart();
  } else control = word();
  const module = word();
  if (control === null || module === null) return null;
  return { service, type: type.replace(/^-/, ''), control, module, args: rest === '' ? [] : rest.split(/\s+/) };
}

function resolveModule(host: Host, module: string, dirs: string[]): string | null {
  if (module.startsWith('/')) return host.stat(module)?.isFile() ? module : null;
  for (const d of dirs) if (host.stat(`${d}/${module}`)?.isFile()) return `${d}/${module}`;
  return null;
}

/** Digests rpm recorded for PAM module files, keyed by absolute path. */
function rpmDigests(host: Host): Map<string, { algorithm: string; digest: string }> {
  const out = new Map<string, { algorithm: string; digest: string }>();
  for (const pkg of readRpmDatabase(host).db?.packages ?? []) {
    if (pkg.digestAlgorithm !== 'md5' && pkg.digestAlgorithm !== 'sha256') continue;
    for (const f of pkg.files)
      if (f.digest !== '' && f.path.includes('/security/') && f.path.endsWith('.so'))
        out.set(f.path, { algorithm: pkg.digestAlgorithm, digest: f.digest.toLowerCase() });
  }
  return out;
}

/** MD5s dpkg recorded for files shipped by libpam* packages, keyed by absolute path. */
function packagedMd5s(host: Host): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of host.readDir(DPKG_INFO) ?? []) {
    if (!name.startsWith('libpam') || !name.endsWith('.md5sums')) continue;
    const text = host.readText(`${DPKG_INFO}/${name}`, 4 * 1024 * 1024) ?? '';
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{32})\s+(\S.*)$/.exec(line);
      if (m && m[2].includes('/security/')) out.set(`/${m[2]}`, m[1]);
    }
  }
  return out;
}

function md5Spellings(map: Map<string, string>, path: string): string | null {
  // dpkg records /lib/… on unmerged and /usr/lib/… on merged-/usr systems.
  const alt = path.startsWith('/usr/') ? path.slice(4) : `/usr${path}`;
  return map.get(path) ?? map.get(alt) ?? null;
}

/** Parsed /etc/pam.d lines; `resolve` finds the module file for a module name. */
export function stackEntries(lines: ConfigLine[], resolve: (module: string) => string | null): PamEntry[] {
  const entries: PamEntry[] = [];
  for (const { n, text } of lines) {
    const p = parsePamLine(text.replace(/\s#.*$/, ''), false);
    if (!p) continue;
    const include = p.type === '@include' || p.control === 'include' || p.control === 'substack';
    entries.push({
      n,
      text,
      type: p.type,
      control: p.control,
      module: p.module,
      args: p.args,
      resolved: include ? null : resolve(p.module),
    });
  }
  return entries;
}

function readStacks(host: Host, dirs: string[], gap: Gap): PamFile[] {
  const files: PamFile[] = [];
  const paths = listFiles(host, PAM_D, { gap });
  for (const path of paths) {
    const f = readConfigFile(host, path, gap);
    if (!f) continue;
    const entries = stackEntries(f.lines, (m) => resolveModule(host, m, dirs));
    files.push({ path, service: path.slice(PAM_D.length + 1), mtime: f.mtime, entries });
  }
  // /etc/pam.conf is only read when /etc/pam.d is absent, but an attacker may plant it anyway.
  const conf = readConfigFile(host, PAM_CONF, gap);
  if (conf) {
    const byService = new Map<string, PamEntry[]>();
    for (const { n, text } of conf.lines) {
      const p = parsePamLine(text.replace(/\s#.*$/, ''), true);
      if (!p?.service) continue;
      const list = byService.get(p.service) ?? [];
      list.push({
        n,
        text,
        type: p.type,
        control: p.control,
        module: p.module,
        args: p.args,
        resolved: resolveModule(host, p.module, dirs),
      });
      byService.set(p.service, list);
    }
    for (const [service, entries] of byService) files.push({ path: PAM_CONF, service, mtime: conf.mtime, entries });
  }
  return files;
}

export default defineCollector({
  name: 'pam',
  description:
    'PAM authentication stacks (/etc/pam.d, /etc/pam.conf) and the module files they load, with their digests against what dpkg or rpm recorded.',
  paths: [
    `${PAM_D}/*`,
    PAM_CONF,
    '/lib*/security/*.so',
    '/usr/lib*/security/*.so',
    '/usr/lib/*-linux-gnu/security/*.so',
    `${DPKG_INFO}/libpam*.md5sums`,
  ],
  after: ['packages'],
  collect({ host, facts, gap }) {
    const dirs = moduleDirs(host);
    const files = readStacks(host, dirs, gap);
    const md5s = packagedMd5s(host);
    const rpm = facts.packages?.manager === 'rpm' ? rpmDigests(host) : new Map<string, { algorithm: string; digest: string }>();
    const modules: PamModuleFile[] = [];
    const seen = new Set<string>();
    const add = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      const st = host.stat(path);
      if (!st?.isFile()) return;
      const recorded = rpm.get(path) ?? rpm.get(path.startsWith('/usr/') ? path.slice(4) : `/usr${path}`);
      const sha = recorded?.algorithm === 'sha256';
      const hashes = host.hashFile(path, sha ? ['md5', 'sha256'] : ['md5'], MAX_MODULE_BYTES);
      if (hashes === null) gap(path, host.lastError() ?? 'unreadable');
      const packageMd5 = recorded?.algorithm === 'md5' ? recorded.digest : md5Spellings(md5s, path);
      const m: PamModuleFile = { path, mtime: st.mtime.toISOString(), size: st.size, md5: hashes?.md5 ?? null, packageMd5 };
      if (sha) {
        m.sha256 = hashes?.sha256 ?? null;
        m.packageSha256 = recorded.digest;
      }
      modules.push(m);
    };
    for (const d of dirs) for (const p of listFiles(host, d, { gap, filter: (n) => n.endsWith('.so') })) add(p);
    // Modules referenced by absolute path elsewhere are judged too.
    for (const f of files) for (const e of f.entries) if (e.resolved) add(e.resolved);
    return { files, moduleDirs: dirs, modules };
  },
});
