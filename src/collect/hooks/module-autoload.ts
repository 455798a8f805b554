import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { type Gap, listFiles, readConfigFile } from './config-file';

/** One directive: a module to load at boot, or a modprobe.d line (install, options, softdep…). */
export interface ModuleDirective {
  n: number;
  text: string;
  /** "load" for modules-load.d and /etc/modules; otherwise the modprobe.d keyword. */
  directive: string;
  /** Module name with "-" normalised to "_" (the kernel treats them alike). */
  module: string;
  /** For install/remove: the shell command modprobe runs instead. */
  command?: string;
}

export interface ModuleConfigFile {
  path: string;
  mtime: string | null;
  kind: 'load' | 'modprobe';
  directives: ModuleDirective[];
}

export interface ModuleAutoloadFact {
  files: ModuleConfigFile[];
  /** Kernel versions with a modules.dep index (empty: cannot tell which modules exist). */
  kernels: string[];
  /** For each module named in a load file: its .ko paths from modules.dep, and whether it is built in. */
  modules: Record<string, { files: string[]; builtin: boolean }>;
}

declare module '../../model/facts' {
  interface Facts {
    moduleAutoload: ModuleAutoloadFact;
  }
}

const LOAD_DIRS = [
  '/etc/modules-load.d',
  '/run/modules-load.d',
  '/usr/local/lib/modules-load.d',
  '/usr/lib/modules-load.d',
  '/lib/modules-load.d',
];
const MODPROBE_DIRS = ['/etc/modprobe.d', '/run/modprobe.d', '/usr/local/lib/modprobe.d', '/usr/lib/modprobe.d', '/lib/modprobe.d'];
const MODULE_ROOTS = ['/lib/modules', '/usr/lib/modules'];
const MAX_INDEX_BYTES = 16 * 1024 * 1024;

export const normaliseModule = (name: string) => name.replace(/-/g, '_');

function configFiles(host: Host, dirs: string[], gap: Gap): string[] {
  const seen = new Set<string>();
  return dirs.flatMap((d) => listFiles(host, d, { seen, gap, filter: (n) => n.endsWith('.conf') }));
}

export function loadDirectives(lines: { n: number; text: string }[]): ModuleDirective[] {
  const out: ModuleDirective[] = [];
  for (const { n, text } of lines) {
    const name = text
      .replace(/[#;].*/, '')
      .trim()
      .split(/\s+/)[0];
    if (name) out.push({ n, text, directive: 'load', module: normaliseModule(name) });
  }
  return out;
}

export function modprobeDirectives(lines: { n: number; text: string }[]): ModuleDirective[] {
  const out: ModuleDirective[] = [];
  for (const { n, text } of lines) {
    const m = /^\s*(\S+)\s+(\S+)\s*(.*)$/.exec(text);
    if (!m) continue;
    const directive = m[1].toLowerCase();
    // "alias <wildcard> <module>" names the module last.
    const module = normaliseModule(directive === 'alias' ? (m[3].split(/\s+/)[0] ?? m[2]) : m[2]);
    out.push({ n, text, directive, module, ...(directive === 'install' || directive === 'remove' ? { command: m[3] } : {}) });
  }
  return out;
}

/** Looks the wanted module names up in each kernel's modules.dep and modules.builtin. */
function moduleIndex(host: Host, wanted: Set<string>): Pick<ModuleAutoloadFact, 'kernels' | 'modules'> {
  const modules: ModuleAutoloadFact['modules'] = {};
  for (const w of wanted) modules[w] = { files: [], builtin: false };
  const kernels: string[] = [];
  const seen = new Set<string>();
  for (const root of MODULE_ROOTS) {
    const real = host.realpath(root);
    if (real === null || seen.has(real)) continue;
    seen.add(real);
    for (const version of host.readDir(root) ?? []) {
      if (!host.stat(`${root}/${version}/modules.dep`)?.isFile()) continue;
      kernels.push(version);
      if (wanted.size === 0) continue;
      const dep = host.readText(`${root}/${version}/modules.dep`, MAX_INDEX_BYTES) ?? '';
      for (const line of dep.split('\n')) {
        const rel = line.slice(0, line.indexOf(':'));
        const name = normaliseModule(rel.slice(rel.lastIndexOf('/') + 1).replace(/\.ko(\.\w+)?$/, ''));
        if (wanted.has(name)) modules[name].files.push(rel.startsWith('/') ? rel : `${root}/${version}/${rel}`);
      }
      for (const line of (host.readText(`${root}/${version}/modules.builtin`, MAX_INDEX_BYTES) ?? '').split('\n')) {
        const name = normaliseModule(line.slice(line.lastIndexOf('/') + 1).replace(/\.ko$/, ''));
        if (wanted.has(name)) modules[name].builtin = true;
      }
    }
  }
  return { kernels, modules };
}

export default defineCollector({
  name: 'moduleAutoload',
  description:
    'Kernel module autoload configuration: modules loaded at boot (/etc/modules, modules-load.d) and modprobe.d directives, with install commands; module names looked up in modules.dep/modules.builtin.',
  paths: [
    '/etc/modules',
    ...LOAD_DIRS.map((d) => `${d}/*.conf`),
    '/etc/modprobe.conf',
    ...MODPROBE_DIRS.map((d) => `${d}/*.conf`),
    '/lib/modules/*/modules.{dep,builtin}',
  ],
  collect({ host, gap }) {
    const files: ModuleConfigFile[] = [];
    for (const path of ['/etc/modules', ...configFiles(host, LOAD_DIRS, gap)]) {
      const f = readConfigFile(host, path, gap, { comment: /^\s*[#;]/ });
      if (f) files.push({ path, mtime: f.mtime, kind: 'load', directives: loadDirectives(f.lines) });
    }
    for (const path of ['/etc/modprobe.conf', ...configFiles(host, MODPROBE_DIRS, gap)]) {
      const f = readConfigFile(host, path, gap);
      if (f) files.push({ path, mtime: f.mtime, kind: 'modprobe', directives: modprobeDirectives(f.lines) });
    }
    const wanted = new Set(files.filter((f) => f.kind === 'load').flatMap((f) => f.directives.map((d) => d.module)));
    return { files, ...moduleIndex(host, wanted) };
  },
});
