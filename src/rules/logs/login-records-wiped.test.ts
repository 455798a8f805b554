import { authFacts, sshd, syslogLines } from '../../../test/helpers/auth-log';
import { testRule } from '../../../test/helpers/rule-tester';
import { bootRecord, lastlogFile, loginFacts, sshSession, utmpFile } from '../../../test/helpers/utmp';
import rule from './login-records-wiped';

const NO_AUTH = authFacts('');

testRule(rule, {
  valid: [
    { name: 'container or fresh image: every login file empty', facts: { authLog: NO_AUTH, logins: loginFacts({}) } },
    {
      name: 'lastlog agrees with wtmp',
      facts: {
        authLog: NO_AUTH,
        logins: loginFacts({
          wtmp: utmpFile([
            bootRecord('2026-11-18T00:00:00Z'),
            ...sshSession('root', '198.51.100.7', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z'),
          ]),
          lastlog: lastlogFile([{ uid: 0, at: '2026-11-19T09:00:00Z', host: '198.51.100.7' }]),
        }),
      },
    },
    {
      name: 'lastlog login older than any wtmp record (image built elsewhere)',
      facts: {
        authLog: NO_AUTH,
        logins: loginFacts({
          wtmp: utmpFile([bootRecord('2026-11-18T00:00:00Z')]),
          lastlog: lastlogFile([{ uid: 0, at: '2026-10-01T09:00:00Z', host: '10.0.0.2' }]),
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'wtmp deleted',
      facts: { authLog: NO_AUTH, logins: loginFacts({ wtmp: null }) },
      expect: [{ severity: 'medium', path: '/var/log/wtmp', title: /wtmp is missing/ }],
    },
    {
      name: 'wtmp truncated while the auth log shows logins',
      facts: {
        authLog: authFacts(syslogLines(new Date('2026-11-19T03:00:00Z'), [sshd.accepted('root', '45.67.89.10')])),
        logins: loginFacts({}),
      },
      expect: [{ path: '/var/log/wtmp', title: /empty although logins happened/, evidence: /1 accepted SSH login/ }],
    },
    {
      name: "the attacker's session removed from wtmp, still in lastlog",
      facts: {
        authLog: NO_AUTH,
        logins: loginFacts({
          wtmp: utmpFile([
            bootRecord('2026-11-18T00:00:00Z'),
            ...sshSession('root', '198.51.100.7', '2026-11-18T09:00:00Z', '2026-11-18T10:00:00Z'),
          ]),
          lastlog: lastlogFile([{ uid: 0, at: '2026-11-19T03:00:40Z', host: '45.67.89.10' }]),
        }),
      },
      expect: [
        {
          severity: 'medium',
          user: 'root',
          ip: '45.67.89.10',
          path: '/var/log/lastlog',
          title: /root at 2026-11-19T03:00:40\.000Z from 45\.67\.89\.10/,
        },
      ],
    },
  ],
});
