import type { Host } from '../../host/host';
import type { Facts } from '../../model/facts';
import { defineCollector } from '../collector';
import { FS_APPEND_FL, FS_IMMUTABLE_FL, flagLetters, inodeFlagsUnavailable } from '../../host/inode-flags';

export interface AttributeEntry {
  path: string;
  kind: 'file' | 'dir';
  /** The flags in lsattr's letters, e.g. "----i---------e-----------" (read with FS_IOC_GETFLAGS). */
  flags: string;
  immutable: boolean;
  appendOnly: boolean;
}

export interface FileAttributesFact {
  /** How many paths had their inode flags read. */
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

// Directories whose every direct entry is read too: where intruders drop and lock files.
const DIRECT_CONTENTS = [
  '/etc',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/usr/local/lib',
  '/etc/rc.d/init.d',
  '/lib/systemd/system',
  '/usr/lib/systemd/system',
  '/etc/systemd/user',
  '/etc/modules-load.d',
];

/** Target paths whose inode flags are worth reading, from the fixed list, account homes and the file inventory. */
export function attributeCandidates(
  host: Host,
  homes: string[],
  inventory: { path: string; kind: string; role: string; depth: number; magic?: string; mode: number; hidden?: string }[],
  named: Iterable<string> = [],
): string[] {
  const out = new Set<string>(FIXED);
  for (const dir of [...DIRS_AND_CONTENTS, ...DIRECT_CONTENTS]) {
    out.add(dir);
    for (const n of host.readDir(dir) ?? []) out.add(`${dir === '/' ? '' : dir}/${n}`);
  }
  // Every file another fact names (cron and unit targets, running programs), so a lock on any file a finding names is known.
  for (const p of named) if (p.startsWith('/')) out.add(p);
  for (const home of new Set(['/root', ...homes])) {
    if (!home.startsWith('/') || home === '/') continue;
    out.add(`${home}/.ssh`);
    out.add(`${home}/.ssh/authorized_keys`);
    out.add(`${home}/.ssh/authorized_keys2`);
  }
  // Every inventoried file: programs in bin dirs, drops in homes and /var/lib, files in /etc and unit dirs. In tmp
  // (where unpacked trees and build dirs hold tens of thousands of files) only what can run or sits in a hidden directory.
  for (const e of inventory) {
    if (e.kind !== 'file') continue;
    const runs = e.magic === 'elf' || e.magic === 'script' || (e.mode & 0o111) !== 0;
    if (e.role !== 'tmp' || runs || e.hidden) out.add(e.path);
  }
  return [...out];
}

/** Files the persistence and process facts name: cron tables and what they run, units, init scripts, program files. */
export function namedFiles(facts: Partial<Facts>): string[] {
  const out = new Set<string>();
  const commands = (file: string | undefined, list: { targets: { path: string | null; resolved?: string }[] }[]) => {
    if (file) out.add(file);
    for (const c of list)
      for (const t of c.targets) {
        if (t.path) out.add(t.path);
        if (t.resolved) out.add(t.resolved);
      }
  };
  for (const t of facts.cronJobs ?? []) commands(t.file.path, t.entries);
  for (const j of facts.atJobs ?? []) commands(j.file.path, j.commands);
  for (const u of facts.systemdUnits?.units ?? []) commands(u.file.path, u.execs);
  for (const s of facts.initScripts?.scripts ?? []) commands(s.file.path, s.commands);
  for (const r of facts.initScripts?.rcLocal ?? []) commands(r.file.path, r.commands);
  for (const p of facts.processes ?? []) if (p.exe && !p.exeDeleted && !p.foreignRoot) out.add(p.exe);
  return [...out];
}

/** Ordinary answers from a filesystem that keeps no inode flags (tmpfs, proc, some FUSE): nothing can be locked there. */
const NO_FLAGS_HERE = new Set(['ENOTTY', 'EOPNOTSUPP', 'ENOTSUP', 'EINVAL', 'ENOSYS']);

/**
 * Reads the immutable and append-only flags of each target through the kernel (Host.inodeFlags),
 * never through the box's lsattr. Call `loadInodeFlags()` once before.
 */
export function readAttributes(host: Host, targets: string[], gap: (p: string | undefined, r: string) => void): FileAttributesFact {
  const out: FileAttributesFact = { checked: 0, protected: [] };
  const unavailable = inodeFlagsUnavailable();
  if (unavailable !== null) {
    gap(undefined, `inode flags could not be read (${unavailable}): immutable and append-only attributes were not checked`);
    return out;
  }
  const errors = new Map<string, { count: number; first: string }>();
  for (const t of targets) {
    const st = host.lstat(t);
    if (!st || !(st.isFile() || st.isDirectory())) continue; // symlinks: their target is listed on its own
    const flags = host.inodeFlags(t);
    if (flags === null) {
      const code = host.lastError() ?? 'unknown error';
      if (NO_FLAGS_HERE.has(code)) continue;
      const seen = errors.get(code);
      if (seen) seen.count++;
      else errors.set(code, { count: 1, first: t });
      continue;
    }
    out.checked++;
    const immutable = (flags & FS_IMMUTABLE_FL) !== 0;
    const appendOnly = (flags & FS_APPEND_FL) !== 0;
    if (immutable || appendOnly) {
      out.protected.push({ path: t, kind: st.isDirectory() ? 'dir' : 'file', flags: flagLetters(flags), immutable, appendOnly });
    }
  }
  // One gap per reason, not per file.
  for (const [code, { count, first }] of errors) {
    gap(first, `inode flags of ${count} file(s) not read (${code}): immutable and append-only attributes not checked there`);
  }
  return out;
}

export default defineCollector({
  name: 'fileAttributes',
  description:
    "Immutable and append-only attributes (read with the FS_IOC_GETFLAGS ioctl, not the box's lsattr) on account files, every file directly in /etc, /usr/local/{bin,sbin,lib}, cron, init and systemd unit directories, authorized_keys, every inventoried file and every file cron, units, init scripts and running processes name.",
  paths: [
    ...FIXED,
    ...[...DIRS_AND_CONTENTS, ...DIRECT_CONTENTS].map((d) => `${d}/*`),
    '~/.ssh/authorized_keys',
    '/usr/bin/*',
    '/usr/sbin/*',
  ],
  after: ['users', 'fileInventory', 'cronJobs', 'atJobs', 'systemdUnits', 'initScripts'],
  collect({ host, facts, gap }) {
    const homes = (facts.users?.users ?? []).map((u) => u.home);
    return readAttributes(host, attributeCandidates(host, homes, facts.fileInventory?.entries ?? [], namedFiles(facts)), gap);
  },
});
