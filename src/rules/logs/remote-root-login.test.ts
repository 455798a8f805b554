import { testRule } from '../../../test/helpers/rule-tester';
import { bootRecord, loginFacts, sshSession, UT, utmpFile } from '../../../test/helpers/utmp';
import { authFacts, syslogLines } from '../../../test/helpers/auth-log';
import { keysFact, RSA, RSA_FP } from '../../../test/helpers/ssh-fixtures';
import { parsePasswd } from '../../collect/users';
import rule from './remote-root-login';

const users = {
  users: parsePasswd('root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\nsysadm:x:1001:1001::/home/sysadm:/bin/bash\n'),
  groups: [],
};

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
      name: 'remote login of an account named like a root alias but with its own UID',
      facts: {
        users,
        logins: loginFacts({ wtmp: utmpFile(sshSession('sysadm', '198.51.100.7', '2026-11-19T09:00:00Z', '2026-11-19T10:00:00Z')) }),
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
    {
      name: 'an extra UID-0 account is root under another name, and the auth log names its key',
      facts: {
        users,
        sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root', 'toor'], text: `${RSA}\n` }]),
        logins: loginFacts({ wtmp: utmpFile(sshSession('toor', '45.67.89.10', '2026-11-19T03:00:00Z', '2026-11-19T03:30:00Z')) }),
        authLog: authFacts(
          syslogLines(new Date('2026-11-19T03:00:00Z'), [
            `sshd[1301]: Accepted publickey for toor from 45.67.89.10 port 40022 ssh2: RSA ${RSA_FP}`,
          ]),
        ),
      },
      expect: [
        {
          severity: 'medium',
          user: 'toor',
          ip: '45.67.89.10',
          title: /^toor \(UID 0, equivalent to root\) logged in from 45\.67\.89\.10 \(1 session/,
          evidence: /logged in by public key\n.*key SHA256:JHa\/uKVm.*\(RSA\)\nthe key is \/root\/\.ssh\/authorized_keys:1: ssh-rsa/,
        },
      ],
    },
  ],
});
