import { defineCollector } from '../collector';
import { type ConfigFile, listFiles, readConfigFile } from './config-file';

export interface ShellStartupFile extends ConfigFile {
  /** The account whose home holds the file; absent for system-wide files. */
  user?: string;
  /** The home directory, for telling "~/.local/bin" from other hidden paths. */
  home?: string;
}

declare module '../../model/facts' {
  interface Facts {
    shellStartup: { files: ShellStartupFile[] };
  }
}

const SYSTEM_FILES = [
  '/etc/profile',
  '/etc/bash.bashrc',
  '/etc/bashrc',
  '/etc/environment',
  '/etc/bash.bash_logout',
  '/etc/zshrc',
  '/etc/zprofile',
  '/etc/zshenv',
  '/etc/zlogin',
];
const SYSTEM_DIRS = ['/etc/profile.d', '/etc/zsh'];
const USER_FILES = [
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.profile',
  '.bash_aliases',
  '.bash_logout',
  '.zshrc',
  '.zprofile',
  '.zshenv',
  '.zlogin',
];
/** Placeholders that are not directories; pseudo-filesystems are never homes worth reading. */
const NOT_HOMES = new Set(['', '/nonexistent', '/dev/null', '/proc', '/sys']);

export default defineCollector({
  name: 'shellStartup',
  description:
    "Shell start-up files that run at every login or new shell: system-wide (/etc/profile, profile.d, bash.bashrc, zsh) and in every account's home.",
  paths: [...SYSTEM_FILES, ...SYSTEM_DIRS.map((d) => `${d}/*`), ...USER_FILES.map((f) => `~/${f}`)],
  after: ['users'],
  collect({ host, facts, gap }) {
    const files: ShellStartupFile[] = [];
    const system = [...SYSTEM_FILES, ...SYSTEM_DIRS.flatMap((d) => listFiles(host, d, { gap }))];
    for (const path of system) {
      const f = readConfigFile(host, path, gap);
      if (f) files.push(f);
    }
    const seenHomes = new Set<string>();
    // Root first, then by uid: when accounts share a home the file is reported under the most privileged.
    const users = [...(facts.users?.users ?? [])].sort((a, b) => a.uid - b.uid);
    for (const u of users) {
      const home = u.home === '/' ? '' : u.home.replace(/\/+$/, '');
      if (u.home === '' || NOT_HOMES.has(u.home) || !u.home.startsWith('/') || seenHomes.has(home)) continue;
      seenHomes.add(home);
      for (const name of USER_FILES) {
        const f = readConfigFile(host, `${home}/${name}`, gap);
        if (f) files.push({ ...f, user: u.name, home: home || '/' });
      }
    }
    return { files };
  },
});
