import { authFacts, sshd, syslogLines } from '../../../test/helpers/auth-log';
import { testRule } from '../../../test/helpers/rule-tester';
import { parsePasswd } from '../../collect/users';
import rule from './ssh-root-password-login';

const users = { users: parsePasswd('root:x:0:0:root:/root:/bin/bash\nbackup0:x:0:0::/var/backups:/bin/sh\n'), groups: [] };

const T0 = new Date('2026-11-19T03:00:00Z');

testRule(rule, {
  valid: [
    { name: 'root with a key', facts: { authLog: authFacts(syslogLines(T0, [sshd.accepted('root', '198.51.100.7', 'publickey')])) } },
    { name: 'ordinary user with a password', facts: { authLog: authFacts(syslogLines(T0, [sshd.accepted('deploy', '198.51.100.7')])) } },
    {
      name: 'a password login of an account that is not UID 0',
      facts: { users, authLog: authFacts(syslogLines(T0, [sshd.accepted('backup', '198.51.100.7')])) },
    },
    { name: 'failed root password only', facts: { authLog: authFacts(syslogLines(T0, [sshd.failed('root', '198.51.100.7')])) } },
  ],
  invalid: [
    {
      name: 'root password logins grouped per address',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [
            sshd.accepted('root', '45.67.89.10'),
            sshd.accepted('root', '45.67.89.10', 'keyboard-interactive/pam'),
            sshd.accepted('root', '198.51.100.7'),
          ]),
        ),
      },
      expect: [
        { severity: 'high', user: 'root', ip: '45.67.89.10', title: /from 45\.67\.89\.10 \(2×, last 2026-11-19T03:00:01\.000Z\)/ },
        { severity: 'high', ip: '198.51.100.7', evidence: /Accepted password for root from 198\.51\.100\.7/ },
      ],
    },
    {
      name: 'an extra UID-0 account logging in with a password is treated as root',
      facts: { users, authLog: authFacts(syslogLines(T0, [sshd.accepted('backup0', '45.67.89.10')])) },
      expect: [
        {
          severity: 'high',
          user: 'backup0',
          ip: '45.67.89.10',
          title: /^backup0 \(UID 0, equivalent to root\) logged in over SSH with a password/,
        },
      ],
    },
  ],
});
