import logins, { type LoginsFact } from '../../src/collect/logs/logins';
import { LASTLOG_SIZE, UT, UTMP_SIZE } from '../../src/collect/logs/utmp-parse';
import { RootHost } from '../../src/host/root-host';
import { FakeRoot } from './fake-root';
import { parseUsers } from './log-users';
import { collectContext } from './collect-context';

export { UT };

export interface RecordSpec {
  type?: number;
  pid?: number;
  line?: string;
  user?: string;
  host?: string;
  /** ISO time of the record. */
  at: string;
  /** IPv4 written to ut_addr_v6. */
  addr?: string;
}

/** One glibc x86-64 struct utmp, as login/sshd append it to wtmp or btmp. */
export function utmpRecord(r: RecordSpec): Buffer {
  const b = Buffer.alloc(UTMP_SIZE);
  b.writeInt16LE(r.type ?? UT.USER_PROCESS, 0);
  b.writeInt32LE(r.pid ?? 4242, 4);
  b.write(r.line ?? 'pts/0', 8, 32, 'utf8');
  b.write((r.line ?? 'pts/0').slice(-4), 40, 4, 'utf8');
  b.write(r.user ?? '', 44, 32, 'utf8');
  b.write(r.host ?? '', 76, 256, 'utf8');
  const ms = Date.parse(r.at);
  b.writeInt32LE(Math.floor(ms / 1000), 340);
  b.writeInt32LE((ms % 1000) * 1000, 344);
  if (r.addr) r.addr.split('.').forEach((o, i) => b.writeUInt8(Number(o), 348 + i));
  return b;
}

export function utmpFile(records: (RecordSpec | 'zeroed')[]): Buffer {
  return Buffer.concat(records.map((r) => (r === 'zeroed' ? Buffer.alloc(UTMP_SIZE) : utmpRecord(r))));
}

/** A boot, then an SSH session (login and logout) from `ip`. */
export function sshSession(user: string, ip: string, login: string, logout: string, line = 'pts/0'): RecordSpec[] {
  return [
    { type: UT.USER_PROCESS, user, host: ip, addr: ip, line, at: login },
    { type: UT.DEAD_PROCESS, line, at: logout },
  ];
}

export function bootRecord(at: string): RecordSpec {
  return { type: UT.BOOT_TIME, user: 'reboot', line: '~', host: '6.1.0-13-amd64', at };
}

export function lastlogFile(entries: { uid: number; at: string; line?: string; host?: string }[]): Buffer {
  const max = Math.max(0, ...entries.map((e) => e.uid));
  const b = Buffer.alloc((max + 1) * LASTLOG_SIZE);
  for (const e of entries) {
    const o = e.uid * LASTLOG_SIZE;
    b.writeInt32LE(Math.floor(Date.parse(e.at) / 1000), o);
    b.write(e.line ?? 'pts/0', o + 4, 32, 'utf8');
    b.write(e.host ?? '', o + 36, 256, 'utf8');
  }
  return b;
}

/** LoginsFact produced by the real collector from login files written into a throw-away root. */
export function loginFacts(files: { wtmp?: Buffer | null; btmp?: Buffer; lastlog?: Buffer; 'wtmp.1'?: Buffer }): LoginsFact {
  const root = new FakeRoot();
  try {
    if (files.wtmp !== null) root.write('/var/log/wtmp', files.wtmp ?? Buffer.alloc(0));
    root.write('/var/log/btmp', files.btmp ?? Buffer.alloc(0));
    root.write('/var/log/lastlog', files.lastlog ?? Buffer.alloc(0));
    if (files['wtmp.1']) root.write('/var/log/wtmp.1', files['wtmp.1']);
    return logins.collect(collectContext(new RootHost(root.dir), { users: parseUsers() }));
  } finally {
    root.remove();
  }
}
