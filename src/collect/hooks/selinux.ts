import { defineCollector } from '../collector';
import { readConfigFile } from './config-file';

export interface SelinuxFact {
  /** /etc/selinux/config, the mode the next boot will use. */
  config: {
    path: string;
    /** SELINUX= value as written, lower-cased: enforcing, permissive, disabled (or garbage). */
    mode: string | null;
    /** The line that sets it, for evidence. */
    line: { n: number; text: string } | null;
    mtime: string | null;
    /** Inode change time: `touch -d` can fake mtime, not ctime. */
    ctime: string | null;
  } | null;
  /** Live only: 1 enforcing, 0 permissive, from /sys/fs/selinux/enforce; null when SELinux is off or offline. */
  enforce: number | null;
}

declare module '../../model/facts' {
  interface Facts {
    selinux: SelinuxFact;
  }
}

const CONFIG = '/etc/selinux/config';
const ENFORCE = '/sys/fs/selinux/enforce';

export default defineCollector({
  name: 'selinux',
  description:
    'SELinux mode: SELINUX= in /etc/selinux/config (with its change times) and, on a live host, the running mode in /sys/fs/selinux/enforce. Intruders switch it off before dropping miners.',
  paths: [CONFIG, ENFORCE],
  collect({ host, gap }) {
    const file = readConfigFile(host, CONFIG, gap);
    let config: SelinuxFact['config'] = null;
    if (file) {
      // The last assignment wins, as in the shell-style parser libselinux uses.
      const set = file.lines.filter((l) => /^\s*SELINUX\s*=/.test(l.text)).pop() ?? null;
      const st = host.stat(CONFIG);
      config = {
        path: CONFIG,
        mode: set
          ? set.text
              .replace(/^\s*SELINUX\s*=\s*/, '')
              .replace(/["']/g, '')
              .trim()
              .toLowerCase()
          : null,
        line: set ? { n: set.n, text: set.text } : null,
        mtime: file.mtime,
        ctime: st ? st.ctime.toISOString() : null,
      };
    }
    let enforce: number | null = null;
    if (host.hasLiveState) {
      const text = host.readText(ENFORCE, 16);
      if (text !== null && /^[01]/.test(text.trim())) enforce = Number(text.trim()[0]);
    }
    return { config, enforce };
  },
});
