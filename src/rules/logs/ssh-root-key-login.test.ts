import { authFacts, syslogLines } from '../../../test/helpers/auth-log';
import { testRule } from '../../../test/helpers/rule-tester';
import { ED25519, ED25519_FP, keysFact, RSA, RSA_FP } from '../../../test/helpers/ssh-fixtures';
import { loginFacts, sshSession, utmpFile } from '../../../test/helpers/utmp';
import { parsePasswd } from '../../collect/users';
import rule from './ssh-root-key-login';

const T0 = new Date('2026-11-19T03:00:00Z');
const users = {
  users: parsePasswd('root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\ndeploy:x:1000:1000::/home/deploy:/bin/bash\n'),
  groups: [],
};
const keyLogin = (user: string, ip: string, fp: string, type = 'RSA') =>
  `sshd[1301]: Accepted publickey for ${user} from ${ip} port 40022 ssh2: ${type} ${fp}`;
const keys = keysFact([
  { path: '/root/.ssh/authorized_keys', users: ['root', 'toor'], text: `${RSA}\n` },
  { path: '/home/deploy/.ssh/authorized_keys', users: ['deploy'], text: `${ED25519}\n` },
]);

testRule(rule, {
  valid: [
    {
      name: 'an ordinary account logging in with its key',
      facts: { users, sshKeys: keys, authLog: authFacts(syslogLines(T0, [keyLogin('deploy', '198.51.100.7', ED25519_FP, 'ED25519')])) },
    },
    {
      name: 'root with a password (another rule) and root with a key from localhost',
      facts: {
        users,
        authLog: authFacts(
          syslogLines(T0, [
            'sshd[1301]: Accepted password for root from 198.51.100.7 port 40022 ssh2',
            keyLogin('root', '127.0.0.1', RSA_FP),
          ]),
        ),
      },
    },
    {
      name: 'a root key login wtmp also recorded (remote-root-login reports it)',
      facts: {
        users,
        logins: loginFacts({ wtmp: utmpFile(sshSession('root', '198.51.100.7', '2026-11-19T03:00:00Z', '2026-11-19T04:00:00Z')) }),
        authLog: authFacts(syslogLines(T0, [keyLogin('root', '198.51.100.7', RSA_FP)])),
      },
    },
  ],
  invalid: [
    {
      name: 'root key login only in the auth log, tied to the authorized_keys line: low alone',
      facts: {
        users,
        sshKeys: keys,
        logins: loginFacts({ wtmp: utmpFile([]) }),
        authLog: authFacts(syslogLines(T0, [keyLogin('root', '45.67.89.10', RSA_FP), keyLogin('root', '45.67.89.10', RSA_FP)])),
      },
      expect: [
        {
          severity: 'low',
          user: 'root',
          ip: '45.67.89.10',
          path: '/var/log/auth.log',
          title: new RegExp(`root logged in over SSH with key ${RSA_FP.replace(/[+/]/g, '\\$&')} from 45\\.67\\.89\\.10 \\(2×`),
          evidence: /the key is \/root\/\.ssh\/authorized_keys:1: ssh-rsa /,
        },
      ],
    },
    {
      name: 'an extra UID-0 account with a key that no authorized_keys file holds',
      facts: {
        users,
        sshKeys: keys,
        authLog: authFacts(syslogLines(T0, [keyLogin('toor', '45.67.89.10', 'SHA256:Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA', 'ED25519')])),
      },
      expect: [
        {
          severity: 'medium',
          user: 'toor',
          title: /^toor \(UID 0, equivalent to root\) logged in over SSH with key SHA256:Zm9v/,
          evidence: /no authorized_keys file read by this scan holds SHA256:Zm9v/,
        },
      ],
    },
  ],
});
