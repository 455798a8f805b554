import { testRule } from '../../../test/helpers/rule-tester';
import { bootRecord, loginFacts, sshSession, UT, utmpFile, utmpRecord } from '../../../test/helpers/utmp';
import rule from './login-records-tampered';

const boot = bootRecord('2026-11-18T00:00:00Z');

testRule(rule, {
  valid: [
    {
      name: 'ordinary wtmp with boots and sessions',
      facts: {
        logins: loginFacts({
          wtmp: utmpFile([
            boot,
            ...sshSession('deploy', '198.51.100.7', '2026-11-18T09:00:00Z', '2026-11-18T10:00:00Z'),
            bootRecord('2026-11-19T00:00:00Z'),
          ]),
        }),
      },
    },
    {
      name: 'clock stepped back at boot (RTC wrong until NTP)',
      facts: {
        logins: loginFacts({
          wtmp: utmpFile([
            ...sshSession('deploy', '198.51.100.7', '2026-11-18T09:00:00Z', '2026-11-18T10:00:00Z'),
            bootRecord('2026-01-01T00:00:00Z'),
            { type: UT.USER_PROCESS, user: 'deploy', line: 'tty1', at: '2026-01-01T00:01:00Z' },
          ]),
        }),
      },
    },
    { name: 'empty files of a fresh image', facts: { logins: loginFacts({}) } },
    { name: 'trailing blank record (preallocated, nothing after it)', facts: { logins: loginFacts({ wtmp: utmpFile([boot, 'zeroed']) }) } },
  ],
  invalid: [
    {
      name: 'entries blanked by a cleaner',
      facts: {
        logins: loginFacts({
          wtmp: utmpFile([
            boot,
            ...sshSession('deploy', '198.51.100.7', '2026-11-18T09:00:00Z', '2026-11-18T10:00:00Z'),
            'zeroed',
            'zeroed',
            ...sshSession('deploy', '198.51.100.7', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z'),
          ]),
        }),
      },
      expect: [
        {
          severity: 'high',
          path: '/var/log/wtmp',
          title: /2 login record\(s\) blanked out in \/var\/log\/wtmp/,
          evidence: /first at record 3 \(byte offset 1152\)/,
        },
      ],
    },
    {
      name: 'bytes cut out of btmp and a spliced older record in wtmp',
      facts: {
        logins: loginFacts({
          wtmp: utmpFile([
            boot,
            ...sshSession('deploy', '198.51.100.7', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z'),
            { user: 'deploy', host: '198.51.100.7', at: '2026-11-02T09:00:00Z' },
          ]),
          btmp: utmpRecord({ type: UT.LOGIN_PROCESS, user: 'root', at: '2026-11-19T01:00:00Z' }).subarray(0, 300),
        }),
      },
      expect: [
        { severity: 'medium', path: '/var/log/wtmp', title: /jump back from 2026-11-19T10:00:00\.000Z to 2026-11-02T09:00:00\.000Z/ },
        { severity: 'medium', path: '/var/log/btmp', evidence: /300 bytes = 0 records \+ 300 bytes/ },
      ],
    },
  ],
});
