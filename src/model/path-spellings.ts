// Used by collectors and rules alike, so it lives below both.

const USRMERGE: [string, string][] = [
  ['/bin/', '/usr/bin/'],
  ['/sbin/', '/usr/sbin/'],
  ['/lib/', '/usr/lib/'],
  ['/lib64/', '/usr/lib64/'],
  ['/lib32/', '/usr/lib32/'],
];

// RHEL keeps SysV init under /etc/rc.d and links /etc/init.d, /etc/rcN.d and /etc/rc.local to it;
// rpm records the /etc/rc.d spelling.
const RC_D: [string, string][] = [
  ['/etc/init.d/', '/etc/rc.d/init.d/'],
  ...['0', '1', '2', '3', '4', '5', '6'].map((n): [string, string] => [`/etc/rc${n}.d/`, `/etc/rc.d/rc${n}.d/`]),
];
const ALIASES = [...USRMERGE, ...RC_D];

/** Paths on a merged-/usr system (or under RHEL's /etc/rc.d links) have two spellings; packages record either. */
export function pathSpellings(p: string): string[] {
  if (p === '/etc/rc.local') return [p, '/etc/rc.d/rc.local'];
  for (const [short, long] of ALIASES) {
    if (p.startsWith(short)) return [p, long + p.slice(short.length)];
    if (p.startsWith(long)) return [p, short + p.slice(long.length)];
  }
  return [p];
}
