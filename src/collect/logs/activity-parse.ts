// sudo, su, account-management (shadow-utils) and cron lines as these programs write them to
// auth.log / secure / the journal. The part after the program tag is attacker-influenced (a sudo
// command, a user name), so every pattern anchors on the fixed words the program writes around it.

export type Activity =
  | { kind: 'sudo'; actor: string; runAs: string; tty: string; pwd: string; command: string; failed: string | null }
  | { kind: 'su'; actor: string; target: string; tty: string; failed: boolean }
  | { kind: 'new-user'; user: string; uid: number | null; home: string; shell: string }
  | { kind: 'new-group'; group: string; gid: number | null }
  | { kind: 'group-member'; user: string; group: string; actor: string }
  | { kind: 'uid-change'; user: string; from: string; to: number | null }
  | { kind: 'delete-user'; user: string }
  | { kind: 'password'; user: string; program: string; actor: string }
  | { kind: 'cron'; user: string; command: string };

/** Programs whose lines are parsed here (syslog tag or journal SYSLOG_IDENTIFIER). */
export const ACTIVITY_PROGRAMS = [
  'sudo',
  'su',
  'useradd',
  'usermod',
  'userdel',
  'groupadd',
  'groupmod',
  'gpasswd',
  'passwd',
  'chpasswd',
  'CRON',
  'cron',
  'crond',
  'CROND',
] as const;

/** Cheap pre-filter for text log lines before the stamp is parsed. */
export const ACTIVITY_HINT = /\b(?:sudo|su|user(?:add|mod|del)|group(?:add|mod)|gpasswd|c?h?passwd|CROND?|crond?)(?:\[\d+\])?: /;

const TAG = /^\S+ ([A-Za-z][\w.-]*)(?:\[(\d+)\])?: (.*)$/;
const SUDO = /^\s*(\S+) : (?:(.*?) ; )?TTY=(\S*) ; PWD=(.*?) ; USER=(\S+) ;(?: GROUP=\S+ ;)?(?: TSID=\S+ ;)?(?: ENV=.*? ;)? COMMAND=(.*)$/;
const SU_DEBIAN = /^(FAILED SU )?\(to (\S+)\) (\S+) on (\S+)$/;
const SU_PAM = /^pam_unix\(su(?:-l)?:session\): session opened for user (\S+?)(?:\(uid=\d+\))? by (\S*?)(?:\(uid=\d+\))?$/;
const SU_PAM_FAIL = /^pam_unix\(su(?:-l)?:auth\): authentication failure;.*\bruser=(\S*).*\buser=(\S+)$/;
const NEW_USER = /^new user: name=([^,]*), UID=(\d+), GID=\d+, home=([^,]*), shell=([^,]*)(?:, from=.*)?$/;
const NEW_GROUP = /^(?:new group|group added to \/etc\/group): name=([^,]*), GID=(\d+)/;
const ADD_TO_GROUP = /^add '(.*)' to (?:shadow )?group '(.*)'$/;
const GPASSWD_ADD = /^user (\S+) added by (\S+) to group (\S+)$/;
const UID_CHANGE = /^change user '(.*)' UID from '(\d*)' to '(\d+)'$/;
const DELETE_USER = /^delete user '(.*)'$/;
const PASSWORD = /^pam_unix\((passwd|chpasswd|chage):chauthtok\): password changed for (\S+)$/;
// shadow-utils' own lines: passwd names who changed it, usermod -p/--password says only which account.
const PASSWORD_BY = /^password for '(.*)' changed by '(.*)'$/;
const USERMOD_PASSWORD = /^change user '(.*)' password$/;
const CRON_CMD = /^\((\S+)\) CMD \((.*)\)$/;

const int = (s: string | undefined) => (s !== undefined && /^\d{1,10}$/.test(s) ? Number(s) : null);

export interface ParsedActivity {
  program: string;
  pid: string;
  activity: Activity;
}

/** The activity in the part of a syslog line after its timestamp ("host prog[pid]: message"), or null. */
export function parseActivity(rest: string): ParsedActivity | null {
  const t = TAG.exec(rest.length > 8192 ? rest.slice(0, 8192) : rest);
  if (!t) return null;
  const program = t[1];
  const pid = t[2] ?? '';
  const msg = t[3];
  const a = activityOf(program, msg);
  return a ? { program, pid, activity: a } : null;
}

function activityOf(program: string, msg: string): Activity | null {
  let m: RegExpExecArray | null;
  switch (program) {
    case 'sudo':
      if ((m = SUDO.exec(msg)))
        return { kind: 'sudo', actor: m[1], runAs: m[5], tty: m[3], pwd: m[4], command: m[6], failed: m[2] ?? null };
      return null;
    case 'su':
      if ((m = SU_DEBIAN.exec(msg))) return { kind: 'su', actor: m[3], target: m[2], tty: m[4], failed: m[1] !== undefined };
      if ((m = SU_PAM.exec(msg))) return { kind: 'su', actor: m[2], target: m[1], tty: '', failed: false };
      if ((m = SU_PAM_FAIL.exec(msg))) return { kind: 'su', actor: m[1], target: m[2], tty: '', failed: true };
      return null;
    case 'useradd':
      if ((m = NEW_USER.exec(msg))) return { kind: 'new-user', user: m[1], uid: int(m[2]), home: m[3], shell: m[4] };
      if ((m = NEW_GROUP.exec(msg))) return { kind: 'new-group', group: m[1], gid: int(m[2]) };
      if ((m = ADD_TO_GROUP.exec(msg))) return { kind: 'group-member', user: m[1], group: m[2], actor: '' };
      return null;
    case 'groupadd':
      if ((m = NEW_GROUP.exec(msg))) return { kind: 'new-group', group: m[1], gid: int(m[2]) };
      return null;
    case 'usermod':
      if ((m = ADD_TO_GROUP.exec(msg))) return { kind: 'group-member', user: m[1], group: m[2], actor: '' };
      if ((m = UID_CHANGE.exec(msg))) return { kind: 'uid-change', user: m[1], from: m[2], to: int(m[3]) };
      if ((m = USERMOD_PASSWORD.exec(msg))) return { kind: 'password', user: m[1], program: 'usermod', actor: '' };
      return null;
    case 'gpasswd':
      if ((m = GPASSWD_ADD.exec(msg))) return { kind: 'group-member', user: m[1], group: m[3], actor: m[2] };
      return null;
    case 'userdel':
      if ((m = DELETE_USER.exec(msg))) return { kind: 'delete-user', user: m[1] };
      return null;
    case 'passwd':
    case 'chpasswd':
      if ((m = PASSWORD.exec(msg))) return { kind: 'password', user: m[2], program: m[1], actor: '' };
      if ((m = PASSWORD_BY.exec(msg))) return { kind: 'password', user: m[1], program, actor: m[2] };
      return null;
    case 'CRON':
    case 'cron':
    case 'crond':
    case 'CROND':
      if ((m = CRON_CMD.exec(msg))) return { kind: 'cron', user: m[1], command: m[2] };
      return null;
    default:
      return null;
  }
}
