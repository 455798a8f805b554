import { authFacts, repeat, sshd, syslogLines } from '../../../test/helpers/auth-log';
import { testRule } from '../../../test/helpers/rule-tester';
import { bootRecord, loginFacts, sshSession, UT, utmpFile } from '../../../test/helpers/utmp';
import rule from './login-from-bruteforce-ip';

const NO_AUTH = authFacts('');
const btmpFrom = (ip: string, n: number, at = '2026-11-19T02:00') =>
  utmpFile(
    repeat(n, (i) => ({
      type: UT.LOGIN_PROCESS,
      user: 'root',
      line: 'ssh:notty',
      host: ip,
      addr: ip,
      at: `${at}:${String(i % 60).padStart(2, '0')}Z`,
    })),
  );

testRule(rule, {
  valid: [
    {
      name: 'admin session, brute force from elsewhere',
      facts: {
        authLog: NO_AUTH,
        logins: loginFacts({
          wtmp: utmpFile([
            bootRecord('2026-11-18T00:00:00Z'),
            ...sshSession('deploy', '198.51.100.7', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z'),
          ]),
          btmp: btmpFrom('203.0.113.50', 50),
        }),
      },
    },
    {
      name: 'session before the failures began',
      facts: {
        authLog: NO_AUTH,
        logins: loginFacts({
          wtmp: utmpFile(sshSession('root', '203.0.113.50', '2026-11-19T01:00:00Z', '2026-11-19T01:10:00Z')),
          btmp: btmpFrom('203.0.113.50', 50),
        }),
      },
    },
    {
      name: 'already reported from the auth log',
      facts: {
        authLog: authFacts(
          syslogLines(new Date('2026-11-19T02:00:00Z'), [
            ...repeat(20, () => sshd.failed('root', '203.0.113.50')),
            sshd.accepted('root', '203.0.113.50'),
          ]),
        ),
        logins: loginFacts({ wtmp: utmpFile(sshSession('root', '203.0.113.50', '2026-11-19T02:00:21Z', '2026-11-19T03:00:00Z')) }),
      },
    },
  ],
  invalid: [
    {
      name: 'journald-only host: btmp failures then a wtmp session',
      facts: {
        authLog: NO_AUTH,
        logins: loginFacts({
          wtmp: utmpFile([
            bootRecord('2026-11-18T00:00:00Z'),
            ...sshSession('root', '45.67.89.10', '2026-11-19T03:00:00Z', '2026-11-19T03:30:00Z'),
          ]),
          btmp: btmpFrom('45.67.89.10', 40),
        }),
      },
      expect: [
        {
          severity: 'critical',
          user: 'root',
          ip: '45.67.89.10',
          path: '/var/log/wtmp',
          title: /root from 45\.67\.89\.10, which had failed 40/,
          evidence: /btmp 40/,
        },
      ],
    },
    {
      name: 'auth log lost the Accepted line but kept the failures',
      facts: {
        authLog: authFacts(
          syslogLines(
            new Date('2026-11-19T02:00:00Z'),
            repeat(25, () => sshd.failed('deploy', '203.0.113.66')),
          ),
        ),
        logins: loginFacts({ wtmp: utmpFile(sshSession('deploy', '203.0.113.66', '2026-11-19T02:10:00Z', '2026-11-19T02:20:00Z')) }),
      },
      expect: [{ user: 'deploy', ip: '203.0.113.66', evidence: /auth log 25/ }],
    },
  ],
});
