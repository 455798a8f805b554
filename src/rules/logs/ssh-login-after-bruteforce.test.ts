import { authFacts, repeat, sshd, syslogLines } from '../../../test/helpers/auth-log';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './ssh-login-after-bruteforce';

const T0 = new Date('2026-11-19T03:00:00Z');

testRule(rule, {
  valid: [
    {
      name: 'typos then success, below the threshold',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [...repeat(3, () => sshd.failed('deploy', '198.51.100.7')), sshd.accepted('deploy', '198.51.100.7')]),
        ),
      },
    },
    {
      name: 'brute force from one address, login from another',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [...repeat(40, () => sshd.failed('root', '203.0.113.50')), sshd.accepted('deploy', '198.51.100.7', 'publickey')]),
        ),
      },
    },
    {
      name: 'login before the attack started',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [sshd.accepted('root', '203.0.113.50', 'publickey'), ...repeat(40, () => sshd.failed('root', '203.0.113.50'))]),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'seed 002: root/root123 guessed after a dictionary run',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [
            ...repeat(30, (i) => sshd.failed('root', '45.67.89.10', 51000 + i)),
            sshd.accepted('root', '45.67.89.10'),
            sshd.accepted('root', '45.67.89.10'),
          ]),
        ),
      },
      expect: [
        {
          severity: 'critical',
          user: 'root',
          ip: '45.67.89.10',
          path: '/var/log/auth.log',
          title: /as root from 45\.67\.89\.10 after 30 failed/,
          evidence: /Accepted password for root from 45\.67\.89\.10[\s\S]*1 more successful/,
        },
      ],
    },
    {
      name: 'RFC 3339 stamps (Debian 12 rsyslog) and a user name with an injected address',
      facts: {
        authLog: authFacts(
          [
            ...repeat(
              12,
              (i) =>
                `2026-11-19T03:00:${String(i).padStart(2, '0')}.123456+08:00 web1 sshd[77]: Failed password for invalid user x from 1.1.1.1 from 198.18.7.7 port 4000${i} ssh2`,
            ),
            '2026-11-19T03:01:00.000001+08:00 web1 sshd[78]: Accepted password for ubuntu from 198.18.7.7 port 40100 ssh2',
          ].join('\n'),
        ),
      },
      expect: [
        {
          user: 'ubuntu',
          ip: '198.18.7.7',
          title: /after 12 failed/,
          evidence: /between 2026-11-18T19:00:00\.123Z and 2026-11-18T19:00:11\.123Z/,
        },
      ],
    },
  ],
});
