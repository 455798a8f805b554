import { authFacts, repeat, sshd, syslogLines } from '../../../test/helpers/auth-log';
import { testRule } from '../../../test/helpers/rule-tester';
import { loginFacts, UT, utmpFile } from '../../../test/helpers/utmp';
import rule from './ssh-bruteforce';

const btmp = (ip: string, n: number) =>
  utmpFile(
    repeat(n, (i) => ({
      type: UT.LOGIN_PROCESS,
      user: 'root',
      line: 'ssh:notty',
      host: ip,
      addr: ip,
      at: `2026-11-19T02:00:${String(i % 60).padStart(2, '0')}Z`,
    })),
  );

const T0 = new Date('2026-11-19T03:00:00Z');
const USERS = {
  users: [
    { name: 'root', uid: 0, gid: 0, gecos: '', home: '/root', shell: '/bin/bash' },
    { name: 'deploy', uid: 1000, gid: 1000, gecos: '', home: '/home/deploy', shell: '/bin/bash' },
  ],
  groups: [],
};

testRule(rule, {
  valid: [
    {
      name: 'admin mistypes the password twice then logs in',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [
            sshd.failed('deploy', '198.51.100.7'),
            sshd.failed('deploy', '198.51.100.7'),
            sshd.accepted('deploy', '198.51.100.7'),
          ]),
        ),
      },
    },
    {
      name: 'nine failures stay under the threshold',
      facts: {
        authLog: authFacts(
          syslogLines(
            T0,
            repeat(9, (i) => sshd.failed('root', '203.0.113.9', 50000 + i)),
          ),
        ),
      },
    },
    {
      name: 'many addresses guessing an account that does not exist here',
      facts: {
        users: USERS,
        authLog: authFacts(
          syslogLines(
            T0,
            repeat(150, (i) => sshd.failedInvalid('oracle', `192.0.2.${i % 50}`)),
          ),
        ),
      },
    },
    {
      name: 'su and sudo failures are not SSH',
      facts: {
        authLog: authFacts(
          syslogLines(
            T0,
            repeat(
              30,
              () =>
                'su[2201]: pam_unix(su:auth): authentication failure; logname=deploy uid=1000 euid=0 tty=/dev/pts/0 ruser=deploy rhost=  user=root',
            ),
          ),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'classic dictionary attack from one address that never got in is low',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [
            ...repeat(12, (i) => sshd.invalid(['admin', 'test', 'oracle'][i % 3], '203.0.113.50')),
            ...repeat(12, (i) => sshd.failedInvalid(['admin', 'test', 'oracle'][i % 3], '203.0.113.50')),
            ...repeat(8, () => sshd.failed('root', '203.0.113.50')),
          ]),
        ),
      },
      expect: [
        {
          severity: 'low',
          ip: '203.0.113.50',
          title: /203\.0\.113\.50: 20 failed/,
          evidence: /users tried: admin×4, test×4, oracle×4|root×8/,
        },
      ],
    },
    {
      name: 'the same attack followed by a login from that address is medium',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [...repeat(20, () => sshd.failed('root', '203.0.113.50')), sshd.accepted('root', '203.0.113.50')]),
        ),
      },
      expect: [{ severity: 'medium', ip: '203.0.113.50', title: /203\.0\.113\.50: 20 failed/ }],
    },
    {
      name: 'rsyslog folded repeats still count',
      facts: {
        authLog: authFacts(
          syslogLines(T0, ['sshd[900]: message repeated 15 times: [ Failed password for root from 203.0.113.77 port 2200 ssh2]']),
        ),
      },
      expect: [{ ip: '203.0.113.77', title: /15 failed/ }],
    },
    {
      name: 'distributed guessing of an existing account',
      facts: {
        users: USERS,
        authLog: authFacts(
          syslogLines(
            T0,
            repeat(120, (i) => sshd.failed('deploy', `192.0.2.${i % 40}`)),
          ),
        ),
      },
      expect: [{ user: 'deploy', title: /Distributed SSH brute force against account deploy: 120 attempts from 40 addresses/ }],
    },
    {
      name: 'more than the listed maximum of sources is summarised',
      facts: {
        users: USERS,
        authLog: authFacts(
          syslogLines(
            T0,
            repeat(22 * 10, (i) => sshd.failedInvalid('admin', `198.18.0.${Math.floor(i / 10)}`)),
          ),
        ),
      },
      expect: [
        ...repeat(20, () => ({ severity: 'low' as const })),
        { severity: 'low', title: /2 more SSH brute-force sources \(20 attempts/ },
      ],
    },
  ],
});

testRule(rule, {
  valid: [{ name: 'btmp below the threshold', facts: { authLog: authFacts(''), logins: loginFacts({ btmp: btmp('203.0.113.8', 5) }) } }],
  invalid: [
    {
      name: 'journald-only host: the failures are only in btmp',
      facts: { authLog: authFacts(''), logins: loginFacts({ btmp: btmp('203.0.113.8', 30) }) },
      expect: [{ severity: 'low', ip: '203.0.113.8', title: /203\.0\.113\.8: 30 failed/, evidence: /\/var\/log\/btmp: 30 failed/ }],
    },
  ],
});
