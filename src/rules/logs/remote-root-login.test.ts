import { testRule } from '../../../test/helpers/rule-tester';
import { bootRecord, loginFacts, sshSession, UT, utmpFile } from '../../../test/helpers/utmp';
import rule from './remote-root-login';

testRule(rule, {
  valid: [
    {
      name: 'root on the console and on X',
      facts: {
        logins: loginFacts({
          wtmp: utmpFile([
            bootRecord('2026-11-18T00:00:00Z'),
            { type: UT.USER_PROCESS, user: 'root', line: 'tty1', at: '2026-11-18T01:00:00Z' },
            { type: UT.USER_PROCESS, user: 'root', line: 'tty7', host: ':0', at: '2026-11-18T02:00:00Z' },
          ]),
        }),
      },
    },
    {
      name: 'remote login of an ordinary user',
      facts: {
        logins: loginFacts({ wtmp: utmpFile(sshSession('deploy', '198.51.100.7', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z')) }),
      },
    },
    {
      name: 'root over ssh from localhost',
      facts: { logins: loginFacts({ wtmp: utmpFile(sshSession('root', '127.0.0.1', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z')) }) },
    },
  ],
  invalid: [
    {
      name: 'root sessions grouped per address',
      facts: {
        logins: loginFacts({
          wtmp: utmpFile([
            ...sshSession('root', '45.67.89.10', '2026-11-19T03:00:00Z', '2026-11-19T03:30:00Z'),
            ...sshSession('root', '45.67.89.10', '2026-11-19T05:00:00Z', '2026-11-19T05:30:00Z'),
            ...sshSession('root', '198.51.100.7', '2026-11-19T06:00:00Z', '2026-11-19T06:30:00Z'),
          ]),
        }),
      },
      expect: [
        {
          severity: 'medium',
          user: 'root',
          ip: '45.67.89.10',
          path: '/var/log/wtmp',
          title: /from 45\.67\.89\.10 \(2 session\(s\), last 2026-11-19T05:00:00\.000Z\)/,
        },
        { ip: '198.51.100.7' },
      ],
    },
  ],
});
