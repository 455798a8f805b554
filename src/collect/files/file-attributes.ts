import { spawnSync } from 'node:child_process';
import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { printableName } from './file-kind';

export interface AttributeEntry {
  path: string;
  kind: 'file' | 'dir';
  /** lsattr's flag column, e.g. "----i---------e-------". */
  flags: string;
  immutable: boolean;
  appendOnly: boolean;
}

export interface FileAttributesFact {
  /** How many paths lsattr reported on. */
  checked: number;
  /** Only paths carrying the immutable (i) or append-only (a) attribute. */
  protected: AttributeEntry[];
}

declare module '../../model/facts' {
  interface Facts {
    fileAttributes: FileAttributesFact;
  }
}

// Files an intruder locks with chattr +i so that cleanup fails ("Operation not permitted"), and
// directories whose contents they lock.
const FIXED = [
  '/etc/passwd',
  '/etc/shadow',
  '/etc/group',
  '/etc/gshadow',
  '/etc/sudoers',
  '/etc/crontab',
  '/etc/ld.so.preload',
  '/etc/rc.local',
  '/etc/rc.d/rc.local',
  '/etc/ssh/sshd_config',
  '/etc/hosts',
  '/etc/profile',
  '/etc/bash.bashrc',
];
const DIRS_AND_CONTENTS = [
  '/etc/cron.d',
  '/etc/cron.hourly',
  '/etc/cron.daily',
  '/etc/cron.weekly',
  '/etc/cron.monthly',
  '/var/spool/cron',
  '/var/spool/cron/crontabs',
  '/etc/init.d',
  '/etc/systemd/system',
  '/etc/profile.d',
  '/etc/sudoers.d',
];
const CHUNK = 800;

/** Target paths worth asking lsattr about, from the fixed list, account homes and the file inventory. */
export function attributeCandidates(
  host: Host,
  homes: string[],
  inventory: { path: string; kind: string; role: string; depth: number; magic?: string; mode: number }[],
): string[] {
  const out = new Set<string>(FIXED);
  for (const dir of DIRS_AND_CONTENTS) {
    out.add(dir);
    for (const n of host.readDir(dir) ?? []) out.add(`${dir}/${n}`);
  }
  for (const home of new Set(['/root', ...homes])) {
    if (!home.startsWith('/') || home === '/') continue;
    out.add(`${home}/.ssh`);
    out.add(`${home}/.ssh/authorized_keys`);
    out.add(`${home}/.ssh/authorized_keys2`);
  }
  for (const e of inventory) {
    if (e.kind !== 'file') continue;
    const program = (e.role === 'bin' || e.role === 'local-bin') && e.depth === 1;
    const dropped = e.role === 'tmp' && (e.magic === 'elf' || e.magic === 'script' || (e.mode & 0o111) !== 0);
    if (program || dropped) out.add(e.path);
  }
  return [...out];
}

/** One lsattr output line: "<flags> <path>"; the path may contain spaces. */
export function parseLsattrLine(line: string): { flags: string; path: string } | null {
  const m = /^([-a-zA-Z]+) (.+)$/.exec(line);
  return m ? { flags: m[1], path: m[2] } : null;
}

export function readAttributes(
  host: Host,
  targets: string[],
  gap: (p: string | undefined, r: string) => void,
  lsattr = 'lsattr',
): FileAttributesFact {
  // lsattr prints the path it was given; map the local spelling back to the target path.
  const byLocal = new Map<string, { target: string; kind: 'file' | 'dir' }>();
  for (const t of targets) {
    const st = host.lstat(t);
    if (!st || !(st.isFile() || st.isDirectory())) continue; // symlinks: their target is listed on its own
    if (t.includes('\n')) {
      gap(printableName(t), 'path contains a newline: attributes not read');
      continue;
    }
    const local = host.localPath(t);
    if (local === null || local.includes('\n')) continue;
    byLocal.set(local, { target: t, kind: st.isDirectory() ? 'dir' : 'file' });
  }
  const locals = [...byLocal.keys()];
  const out: FileAttributesFact = { checked: 0, protected: [] };
  const errors = new Map<string, number>();
  for (let i = 0; i < locals.length; i += CHUNK) {
    const r = spawnSync(lsattr, ['-d', ...locals.slice(i, i + CHUNK)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 10_000 });
    if (r.error) {
      gap(
        undefined,
        (r.error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'lsattr (e2fsprogs) is not installed: immutable and append-only attributes were not checked'
          : `lsattr failed: ${r.error.message}`,
      );
      return out;
    }
    for (const line of r.stdout.split('\n')) {
      const parsed = parseLsattrLine(line);
      const known = parsed ? byLocal.get(parsed.path) : undefined;
      if (!parsed || !known) continue;
      out.checked++;
      const immutable = parsed.flags.includes('i');
      const appendOnly = parsed.flags.includes('a');
      if (immutable || appendOnly) out.protected.push({ path: known.target, kind: known.kind, flags: parsed.flags, immutable, appendOnly });
    }
    for (const line of r.stderr.split('\n')) {
      // "lsattr: Operation not supported While reading flags on /x": one gap per reason, not per file.
      const m = /^lsattr: (.+?) While reading flags on /.exec(line);
      if (m) errors.set(m[1], (errors.get(m[1]) ?? 0) + 1);
    }
  }
  for (const [reason, count] of errors) gap(undefined, `lsattr could not read attributes of ${count} file(s): ${reason}`);
  return out;
}

export default defineCollector({
  name: 'fileAttributes',
  description:
    'Immutable and append-only attributes (lsattr -d, batched) on account files, cron and init files, authorized_keys, programs in the bin directories and executables in tmp.',
  paths: [...FIXED, ...DIRS_AND_CONTENTS.map((d) => `${d}/*`), '~/.ssh/authorized_keys', '/usr/bin/*', '/usr/sbin/*'],
  after: ['users', 'fileInventory'],
  collect({ host, facts, gap }) {
    const homes = (facts.users?.users ?? []).map((u) => u.home);
    return readAttributes(host, attributeCandidates(host, homes, facts.fileInventory?.entries ?? []), gap);
  },
});
