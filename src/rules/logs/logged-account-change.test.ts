import { authFacts, syslogLines } from '../../../test/helpers/auth-log';
import { journalAuthFacts } from '../../../test/helpers/journal';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './logged-account-change';

const T0 = new Date('2026-11-19T03:00:00Z');
const attack = [
  'useradd[4100]: new group: name=sysupdate, GID=1002',
  'useradd[4100]: new user: name=sysupdate, UID=1002, GID=1002, home=/home/sysupdate, shell=/bin/bash, from=/dev/pts/0',
  "usermod[4101]: add 'sysupdate' to group 'sudo'",
  "usermod[4101]: add 'sysupdate' to shadow group 'sudo'",
  "usermod[4102]: change user 'games' UID from '5' to '0'",
  'useradd[4103]: new user: name=tmpx, UID=1003, GID=1003, home=/home/tmpx, shell=/bin/sh, from=/dev/pts/0',
  "userdel[4104]: delete user 'tmpx'",
];

testRule(rule, {
  valid: [
    {
      name: 'an ordinary user added to ordinary groups, a password change',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [
            'useradd[4100]: new user: name=deploy, UID=1001, GID=1001, home=/home/deploy, shell=/bin/bash, from=/dev/pts/0',
            "usermod[4101]: add 'deploy' to group 'www-data'",
            'passwd[4102]: pam_unix(passwd:chauthtok): password changed for deploy',
            "userdel[4103]: delete user 'olduser'",
          ]),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'backdoor accounts in auth.log',
      facts: { authLog: authFacts(syslogLines(T0, attack)) },
      expect: [
        { severity: 'critical', user: 'games', path: '/var/log/auth.log', title: /games was given UID 0/ },
        { severity: 'high', user: 'sysupdate', title: /sysupdate was added to group sudo at 2026-11-19T03:00:02.000Z/ },
        { severity: 'high', user: 'tmpx', title: /tmpx was created at 2026-11-19T03:00:05.000Z and deleted at 2026-11-19T03:00:06.000Z/ },
      ],
    },
    {
      name: 'the same lines from the systemd journal',
      facts: {
        authLog: journalAuthFacts(
          attack.map((l, i) => {
            const m = /^(\w+)\[(\d+)\]: (.*)$/.exec(l) as RegExpExecArray;
            return { at: new Date(T0.getTime() + i * 1000).toISOString(), ident: m[1], pid: Number(m[2]), message: m[3] };
          }),
        ),
      },
      expect: [
        { severity: 'critical', user: 'games', evidence: /system\.journal: 2026-11-19T03:00:04.000Z web1 usermod\[4102\]/ },
        { severity: 'high', user: 'sysupdate', title: /sysupdate was added to group sudo at 2026-11-19T03:00:02.000Z/ },
        { severity: 'high', user: 'tmpx' },
      ],
    },
  ],
});
