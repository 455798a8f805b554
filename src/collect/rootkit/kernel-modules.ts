import { pathSpellings } from '../../model/path-name';
import type { Host } from '../../host/host';
import { defineCollector } from '../collector';

export interface LoadedModule {
  name: string;
  /** "Live", "Loading", "Unloading" from /proc/modules; initstate from /sys/module. */
  state: string;
  /** Per-module taint letters from /proc/modules ("OE" = out-of-tree, unsigned). */
  taint: string;
}

export interface ModuleFile {
  /** Module name with "-" folded to "_" as the kernel spells it. */
  name: string;
  path: string;
  packageOwned: boolean | null;
  /** Built by DKMS (a /var/lib/dkms/<name> tree exists): locally compiled, legitimately unowned. */
  dkms: boolean;
}

export interface KernelModulesFact {
  live: boolean;
  release: string | null;
  /** /proc/modules; null offline or when the kernel has no module support. */
  procModules: LoadedModule[] | null;
  /** Loadable modules present in /sys/module (builtin ones, without initstate, are left out). */
  sysModules: LoadedModule[] | null;
  /** Names that answer a /sys/module/<name> lookup but are missing from its listing. */
  hiddenFromSysListing: string[];
  tainted: number | null;
  /** The .ko file of each loaded module (live), or every unowned .ko under /lib/modules (offline). */
  files: ModuleFile[];
  /** Loaded modules with no .ko file under /lib/modules/<release>: loaded from elsewhere. */
  loadedWithoutFile: string[];
  /** Module names the system loads at boot (/etc/modules, /etc/modules-load.d/*.conf). */
  bootModules: { file: string; name: string }[];
}

declare module '../../model/facts' {
  interface Facts {
    kernelModules: KernelModulesFact;
  }
}

const KO = /\.ko(\.(xz|gz|zst))?$/;
const MAX_DIRS = 5000;
const MAX_FILES = 60000;

export function moduleName(file: string): string {
  return file
    .slice(file.lastIndexOf('/') + 1)
    .replace(KO, '')
    .replace(/-/g, '_');
}

export function parseProcModules(text: string): LoadedModule[] {
  const out: LoadedModule[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 5 || !f[0]) continue;
    const taint = /\(([A-Z]+)\)\s*$/.exec(line)?.[1] ?? '';
    out.push({ name: f[0], state: f[4], taint });
  }
  return out;
}

/** Every .ko file below dir (names ending in .ko are files; everything else is tried as a directory). */
function koFilesUnder(host: Host, dir: string, gap: (p: string, r: string) => void): string[] {
  const out: string[] = [];
  const queue = [dir];
  let dirs = 0;
  while (queue.length > 0) {
    const d = queue.shift() as string;
    if (++dirs > MAX_DIRS || out.length > MAX_FILES) {
      gap(dir, 'module tree too large: walk stopped');
      break;
    }
    const names = host.readDir(d);
    if (names === null) continue;
    for (const n of names) {
      const p = `${d}/${n}`;
      if (KO.test(n)) out.push(p);
      else if (!n.includes('.') || /^[\w-]+$/.test(n)) {
        const st = host.lstat(p);
        if (st?.isDirectory()) queue.push(p);
      }
    }
  }
  return out;
}

function bootModules(host: Host): { file: string; name: string }[] {
  const files = [
    '/etc/modules',
    ...(host.readDir('/etc/modules-load.d') ?? []).filter((n) => n.endsWith('.conf')).map((n) => `/etc/modules-load.d/${n}`),
  ];
  const out: { file: string; name: string }[] = [];
  for (const file of files) {
    const text = host.readText(file, 256 * 1024);
    if (!text) continue;
    for (const raw of text.split('\n')) {
      const name = raw.replace(/#.*/, '').trim().split(/\s+/)[0];
      if (name) out.push({ file, name: name.replace(/-/g, '_') });
    }
  }
  return out;
}

export default defineCollector({
  name: 'kernelModules',
  description:
    'Loaded kernel modules from /proc/modules versus /sys/module (live), the .ko file behind each and whether a package owns it, taint flags, unowned .ko files under /lib/modules (offline) and the modules loaded at boot.',
  paths: [
    '/proc/modules',
    '/sys/module/*/initstate',
    '/proc/sys/kernel/{tainted,osrelease}',
    '/lib/modules/**/*.ko*',
    '/var/lib/dkms',
    '/etc/modules',
    '/etc/modules-load.d/*.conf',
  ],
  // Reads packages when present (registry order puts it first).
  collect({ host, intel, facts, gap }) {
    const owned = facts.packages?.manager ? new Set(facts.packages.files) : null;
    const ownedBy = (p: string) => (owned === null ? null : pathSpellings(p).some((s) => owned.has(s)));
    const dkms = new Set((host.readDir('/var/lib/dkms') ?? []).map((n) => n.replace(/-/g, '_')));
    const live = host.hasLiveState;
    const fact: KernelModulesFact = {
      live,
      release: null,
      procModules: null,
      sysModules: null,
      hiddenFromSysListing: [],
      tainted: null,
      files: [],
      loadedWithoutFile: [],
      bootModules: bootModules(host),
    };

    if (!live) {
      for (const rel of host.readDir('/lib/modules') ?? []) {
        for (const path of koFilesUnder(host, `/lib/modules/${rel}`, gap)) {
          const isOwned = ownedBy(path);
          if (isOwned === true) continue;
          fact.files.push({ name: moduleName(path), path, packageOwned: isOwned, dkms: dkms.has(moduleName(path)) });
        }
      }
      return fact;
    }

    fact.release = host.readText('/proc/sys/kernel/osrelease')?.trim() ?? null;
    const tainted = host.readText('/proc/sys/kernel/tainted');
    fact.tainted = tainted !== null && /^\d+\s*$/.test(tainted) ? Number(tainted) : null;
    const procText = host.readText('/proc/modules', 4 * 1024 * 1024);
    // No /proc/modules means a kernel built without loadable modules: nothing can be hidden there.
    if (procText === null && host.lastError() !== 'ENOENT') gap('/proc/modules', host.lastError() ?? 'unreadable');
    fact.procModules = procText === null ? null : parseProcModules(procText);

    const sysNames = host.readDir('/sys/module');
    if (sysNames === null) gap('/sys/module', host.lastError() ?? 'unreadable');
    const sys: LoadedModule[] = [];
    for (const name of sysNames ?? []) {
      const init = host.readText(`/sys/module/${name}/initstate`, 64);
      if (init !== null) sys.push({ name, state: init.trim(), taint: host.readText(`/sys/module/${name}/taint`, 64)?.trim() ?? '' });
    }
    fact.sysModules = sysNames === null ? null : sys;
    // A listing can be filtered; a lookup by name cannot be without breaking the module itself.
    const listed = new Set(sysNames ?? []);
    const probe = new Set([
      ...(fact.procModules ?? []).map((m) => m.name),
      ...fact.bootModules.map((m) => m.name),
      ...intel.rootkit.moduleNames,
    ]);
    for (const name of probe) if (!listed.has(name) && host.stat(`/sys/module/${name}`) !== null) fact.hiddenFromSysListing.push(name);

    const loaded = new Set([...(fact.procModules ?? []).map((m) => m.name), ...sys.map((m) => m.name)]);
    if (loaded.size > 0 && fact.release) {
      const byName = new Map<string, string>();
      for (const path of koFilesUnder(host, `/lib/modules/${fact.release}`, gap))
        if (!byName.has(moduleName(path))) byName.set(moduleName(path), path);
      // Containers see the host kernel's modules without its module tree: nothing to compare.
      if (byName.size === 0) {
        gap(`/lib/modules/${fact.release}`, 'no module files for the running kernel: module origins not checked');
        return fact;
      }
      for (const name of [...loaded].sort()) {
        const path = byName.get(name);
        if (!path) {
          fact.loadedWithoutFile.push(name);
          continue;
        }
        fact.files.push({ name, path, packageOwned: ownedBy(path), dkms: dkms.has(name) });
      }
    }
    return fact;
  },
});
