import { collectAuthLog, type AuthLogFact } from '../../src/collect/logs/auth-log';
import { RootHost } from '../../src/host/root-host';
import type { Gap } from '../../src/model/gap';
import { FakeRoot } from './fake-root';

/** sshd lines as OpenSSH writes them, for auth.log fixtures. */
export const sshd = {
  failed: (user: string, ip: string, port = 40000) => `sshd[1201]: Failed password for ${user} from ${ip} port ${port} ssh2`,
  failedInvalid: (user: string, ip: string, port = 40000) =>
    `sshd[1201]: Failed password for invalid user ${user} from ${ip} port ${port} ssh2`,
  invalid: (user: string, ip: string, port = 40000) => `sshd[1201]: Invalid user ${user} from ${ip} port ${port}`,
  accepted: (user: string, ip: string, method = 'password', port = 40000) =>
    `sshd[1301]: Accepted ${method} for ${user} from ${ip} port ${port} ssh2${method === 'publickey' ? ': ED25519 SHA256:3x4mpl3' : ''}`,
};

/** Classic syslog lines, one per second from `start` (UTC wall clock, as on a UTC host). */
export function syslogLines(start: Date, messages: string[], host = 'web1'): string {
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return messages
    .map((m, i) => {
      const d = new Date(start.getTime() + i * 1000);
      const stamp = `${mon[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
      return `${stamp} ${host} ${m}\n`;
    })
    .join('');
}

/** AuthLogFact produced by the real collector from an auth.log written into a throw-away root. */
export function authFacts(text: string, mtime = new Date('2026-11-20T12:00:00Z')): AuthLogFact {
  const root = new FakeRoot().write('/etc/timezone', 'Etc/UTC\n').write('/var/log/auth.log', text, { mtime });
  try {
    const gaps: Gap[] = [];
    return collectAuthLog(new RootHost(root.dir), (path, reason) => gaps.push({ collector: 'authLog', path, reason }));
  } finally {
    root.remove();
  }
}

export function repeat<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
