import { fakeProcess, fakeSocket } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './reverse-shell';

testRule(rule, {
  valid: [
    {
      name: 'interactive shell on a pty',
      facts: {
        processes: [fakeProcess({ name: 'bash', exe: '/usr/bin/bash', stdio: ['/dev/pts/0', '/dev/pts/0', '/dev/pts/0'] })],
        sockets: [],
      },
    },
    {
      name: 'service script logging to journald over a unix socket',
      facts: {
        processes: [
          fakeProcess({ name: 'bash', exe: '/usr/bin/bash', stdio: ['/dev/null', 'socket:[555]', 'socket:[555]'], socketInodes: [555] }),
        ],
        sockets: [],
      },
    },
    {
      name: 'web server with sockets on other fds',
      facts: { processes: [fakeProcess({ socketInodes: [7] })], sockets: [fakeSocket({ inode: 7, state: 'LISTEN', localPort: 80 })] },
    },
  ],
  invalid: [
    {
      name: 'bash -i >& /dev/tcp/…',
      facts: {
        processes: [
          fakeProcess({
            pid: 1500,
            name: 'bash',
            exe: '/usr/bin/bash',
            cmdline: ['bash', '-i'],
            stdio: ['socket:[9001]', 'socket:[9001]', 'socket:[9001]'],
            socketInodes: [9001],
          }),
        ],
        sockets: [fakeSocket({ inode: 9001, remote: '203.0.113.7', remotePort: 4444, pids: [1500] })],
      },
      expect: [{ severity: 'critical', pid: 1500, ip: '203.0.113.7', title: /203\.0\.113\.7:4444/ }],
    },
  ],
});
