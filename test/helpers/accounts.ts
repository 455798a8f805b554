import { parseShadow, parsePasswdPasswords, type AccountFilesFact } from '../../src/collect/accounts/account-files';
import { parseGroup, parsePasswd } from '../../src/collect/users';
import type { Facts } from '../../src/model/facts';

/** Day numbers around the fixture reference time (2026-11-20, see snapshot.ts). */
export const TODAY = 20777;
export const LONG_AGO = 20300;
export const INSTALL_DAY = 19800;

export const DEBIAN_PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
  'sync:x:4:65534:sync:/bin:/bin/sync',
  'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
  'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  'postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash',
  'alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash',
].join('\n');

export const DEBIAN_GROUP = 'root:x:0:\ndaemon:x:1:\nmail:x:8:\nwww-data:x:33:\nsudo:x:27:alice\nssh:x:110:\nalice:x:1000:\n';

/** Shadow lines for every passwd line: "*" for system accounts, a hash for people; days overridable. */
export function shadowFor(passwd: string, over: Record<string, { field?: string; day?: number | '' }> = {}): string {
  return passwd
    .split('\n')
    .filter((l) => l.includes(':'))
    .map((l) => {
      const [name, , uid] = l.split(':');
      const o = over[name] ?? {};
      const field =
        o.field ??
        (name === 'root' || (Number(uid) >= 1000 && Number(uid) < 65534)
          ? '$y$j9T$saltsaltsalt$hashhashhashhashhashhashhashhashhashhas'
          : '*');
      const day = o.day ?? (Number(uid) < 1000 || Number(uid) === 65534 ? INSTALL_DAY : LONG_AGO);
      return `${name}:${field}:${day}:0:99999:7:::`;
    })
    .join('\n');
}

/** users + accountFiles facts parsed by the real parsers from passwd/shadow text. */
export function accountFacts(
  opts: { passwd?: string; shadow?: string | null; group?: string; passwdMtime?: string; shadowMtime?: string; uidMin?: number } = {},
): Pick<Facts, 'users' | 'accountFiles'> {
  const passwd = opts.passwd ?? DEBIAN_PASSWD;
  const shadow = opts.shadow === undefined ? shadowFor(passwd) : opts.shadow;
  const accountFiles: AccountFilesFact = {
    passwd: { path: '/etc/passwd', mtime: opts.passwdMtime ?? '2025-03-01T10:00:00.000Z', entries: parsePasswdPasswords(passwd) },
    shadow: {
      path: '/etc/shadow',
      mtime: opts.shadowMtime ?? '2025-03-01T10:00:00.000Z',
      readable: shadow !== null,
      entries: parseShadow(shadow ?? ''),
    },
    group: { path: '/etc/group', mtime: '2025-03-01T10:00:00.000Z' },
    uidMin: opts.uidMin ?? 1000,
  };
  return { users: { users: parsePasswd(passwd), groups: parseGroup(opts.group ?? DEBIAN_GROUP) }, accountFiles };
}
