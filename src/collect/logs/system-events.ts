import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { iso, parseSyslogStamp, targetTimeZone, ZoneClock } from './log-time';
import { clip, lines, readLog, rotatedFiles } from './read-log';

// Timed administrative events for the incident timeline: sudo commands, account changes
// (useradd, usermod, userdel, groupadd, passwd, chpasswd) from auth.log/secure, and package
// installs from dpkg.log, yum.log and dnf.rpm.log. Collected as they are written; judging them is
// the rules' and the report's business.

export type SystemEventKind = 'sudo' | 'account' | 'package';

export interface SystemEvent {
  time: string;
  kind: SystemEventKind;
  /** sudo: who ran it; account: the account changed. */
  user?: string;
  /** sudo: the command; account: the message; package: "install nginx 1.22". */
  text: string;
  path: string;
}

export interface SystemEventsFact {
  events: SystemEvent[];
}

declare module '../../model/facts' {
  interface Facts {
    systemEvents: SystemEventsFact;
  }
}

const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_EVENTS = 5000;
const SUDO = /^\S+ sudo(?:\[\d+\])?: +(\S+) : .*?COMMAND=(.*)$/;
const ACCOUNT = /^\S+ (useradd|usermod|userdel|groupadd|groupmod|passwd|chpasswd|chage)(?:\[\d+\])?: (.*)$/;
const ACCOUNT_NAME = /(?:name=|user '|user |for |account ')([^,'\s]+)/;
const DPKG = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (install|upgrade|remove|purge) (\S+) (\S+) (\S+)$/;
const RPM = /^(?:\S+ )?(Installed|Updated|Erased|Upgraded|Reinstalled): (\S+)/;

function collectEvents(host: Host, gap: (p: string, r: string) => void): SystemEventsFact {
  const clock = new ZoneClock(targetTimeZone(host));
  const events: SystemEvent[] = [];
  const push = (e: SystemEvent) => {
    events.push(e);
    if (events.length > MAX_EVENTS) events.shift();
  };
  for (const path of [...rotatedFiles(host, '/var/log', 'auth.log'), ...rotatedFiles(host, '/var/log', 'secure')]) {
    const log = readLog(host, path, MAX_FILE_BYTES, gap);
    if (!log) continue;
    for (const line of lines(log.text)) {
      if (!/ (sudo|useradd|usermod|userdel|groupadd|groupmod|passwd|chpasswd|chage)[[:]/.test(line)) continue;
      const { ms, rest } = parseSyslogStamp(line, log.mtimeMs, clock);
      const time = iso(ms);
      if (!time) continue;
      const s = SUDO.exec(rest);
      if (s) {
        push({ time, kind: 'sudo', user: clip(s[1], 64), text: clip(s[2], 500), path });
        continue;
      }
      const a = ACCOUNT.exec(rest);
      if (a && !/pam_unix\(passwd:auth\)|authentication failure/.test(a[2])) {
        push({
          time,
          kind: 'account',
          user: clip(ACCOUNT_NAME.exec(a[2])?.[1] ?? '', 64) || undefined,
          text: clip(`${a[1]}: ${a[2]}`, 500),
          path,
        });
      }
    }
  }
  for (const path of rotatedFiles(host, '/var/log', 'dpkg.log')) {
    const log = readLog(host, path, MAX_FILE_BYTES, gap);
    if (!log) continue;
    for (const line of lines(log.text)) {
      const d = DPKG.exec(line);
      if (!d) continue;
      const ms = clock.toUtc(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(d[4]), Number(d[5]), Number(d[6]));
      const time = iso(ms);
      if (time) push({ time, kind: 'package', text: clip(`${d[7]} ${d[8]} ${d[10]}`, 300), path });
    }
  }
  for (const path of [...rotatedFiles(host, '/var/log', 'yum.log'), ...rotatedFiles(host, '/var/log', 'dnf.rpm.log')]) {
    const log = readLog(host, path, MAX_FILE_BYTES, gap);
    if (!log) continue;
    for (const line of lines(log.text)) {
      const { ms, rest } = parseSyslogStamp(line, log.mtimeMs, clock);
      const r = RPM.exec(rest);
      const time = iso(ms);
      if (r && time) push({ time, kind: 'package', text: clip(`${r[1].toLowerCase()} ${r[2]}`, 300), path });
    }
  }
  events.sort((a, b) => a.time.localeCompare(b.time));
  return { events };
}

export default defineCollector({
  name: 'systemEvents',
  description:
    'sudo commands and account changes from auth.log/secure, package installs from dpkg.log, yum.log and dnf.rpm.log, with their times.',
  paths: ['/var/log/auth.log*', '/var/log/secure*', '/var/log/dpkg.log*', '/var/log/yum.log*', '/var/log/dnf.rpm.log*'],
  collect({ host, gap }) {
    return collectEvents(host, gap);
  },
});
