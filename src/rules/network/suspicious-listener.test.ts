import { DPKG, fakeProcess, fakeSocket } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './suspicious-listener';

testRule(rule, {
  valid: [
    {
      name: 'nginx on 80',
      facts: {
        processes: [fakeProcess({ pid: 1800, socketInodes: [1] })],
        sockets: [fakeSocket({ inode: 1, localPort: 80, state: 'LISTEN', pids: [1800] })],
        packages: DPKG,
      },
    },
    {
      name: 'packaged sshd on 2222',
      facts: {
        processes: [fakeProcess({ pid: 1801, name: 'sshd', exe: '/usr/sbin/sshd', socketInodes: [2] })],
        sockets: [fakeSocket({ inode: 2, localPort: 2222, state: 'LISTEN', pids: [1801] })],
        packages: DPKG,
      },
    },
    {
      name: 'nginx after an upgrade, still running its deleted old binary',
      facts: {
        processes: [fakeProcess({ pid: 1805, exe: '/usr/sbin/nginx', exeDeleted: true, socketInodes: [6] })],
        sockets: [fakeSocket({ inode: 6, localPort: 443, state: 'LISTEN', pids: [1805] })],
        packages: DPKG,
      },
    },
    {
      name: 'unpackaged app on an ordinary port',
      facts: {
        processes: [fakeProcess({ pid: 1802, exe: '/opt/app/server', socketInodes: [3] })],
        sockets: [fakeSocket({ inode: 3, localPort: 8080, state: 'LISTEN', pids: [1802] })],
        packages: DPKG,
      },
    },
  ],
  invalid: [
    {
      name: 'bind shell from a deleted binary',
      facts: {
        processes: [fakeProcess({ pid: 1803, name: 'x', exe: '/tmp/x', exeDeleted: true, socketInodes: [4] })],
        sockets: [fakeSocket({ inode: 4, localPort: 31337, state: 'LISTEN', pids: [1803] })],
        packages: DPKG,
      },
      expect: [{ severity: 'high', pid: 1803, title: /deleted file/ }],
    },
    {
      name: 'unpackaged program on a backdoor port',
      facts: {
        processes: [fakeProcess({ pid: 1804, exe: '/usr/bin/gdm', socketInodes: [5] })],
        sockets: [fakeSocket({ inode: 5, proto: 'udp', state: 'UNCONN', localPort: 65535, pids: [1804] })],
        packages: DPKG,
      },
      expect: [{ pid: 1804, title: /udp 10\.0\.0\.5:65535 \(is unpackaged and uses a known backdoor port\)/ }],
    },
    {
      name: 'a self-installed service under /opt on a backdoor-list port is medium',
      facts: {
        processes: [fakeProcess({ pid: 1806, name: 'gitea', exe: '/opt/gitea/gitea', socketInodes: [7] })],
        sockets: [fakeSocket({ inode: 7, localPort: 2222, state: 'LISTEN', pids: [1806] })],
        packages: DPKG,
      },
      expect: [{ severity: 'medium', pid: 1806, title: /known backdoor port/ }],
    },
  ],
});
