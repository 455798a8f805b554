import { DPKG, fakeProcess, fakeSocket } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './pool-connection';

const miner = fakeProcess({ pid: 1600, name: 'x', exe: '/tmp/x', socketInodes: [11] });
const owned = fakeProcess({ pid: 1601, socketInodes: [12] });

testRule(rule, {
  valid: [
    {
      name: 'https and database traffic',
      facts: {
        processes: [owned],
        sockets: [fakeSocket({ inode: 12, remote: '10.0.0.9', remotePort: 5432, pids: [1601] })],
        packages: DPKG,
      },
    },
    {
      // Linux hands out ephemeral ports 32768-60999: a busy web server sees clients whose source port is 45560 or 45700.
      name: 'nginx serving a client whose ephemeral source port is a pool port',
      facts: {
        processes: [owned],
        sockets: [
          fakeSocket({ inode: 12, local: '0.0.0.0', localPort: 443, state: 'LISTEN', pids: [1601] }),
          fakeSocket({ inode: 13, local: '10.0.0.5', localPort: 443, remote: '203.0.113.7', remotePort: 45700, pids: [1601] }),
        ],
        packages: DPKG,
      },
    },
    {
      name: 'an application talking to a service on the loopback (Celery Flower on 5555)',
      facts: {
        processes: [owned],
        sockets: [
          fakeSocket({ inode: 12, local: '127.0.0.1', remote: '127.0.0.1', remotePort: 5555, pids: [1601] }),
          fakeSocket({ proto: 'tcp6', inode: 12, local: '::1', remote: '::1', remotePort: 4444, pids: [1601] }),
        ],
        packages: DPKG,
      },
    },
    {
      name: 'a local service listening on 3333',
      facts: {
        processes: [owned],
        sockets: [fakeSocket({ inode: 12, local: '0.0.0.0', localPort: 3333, state: 'LISTEN', pids: [1601] })],
        packages: DPKG,
      },
    },
  ],
  invalid: [
    {
      name: 'miner from /tmp to a pool port',
      facts: {
        processes: [miner],
        sockets: [fakeSocket({ inode: 11, remote: '198.51.100.4', remotePort: 3333, pids: [1600] })],
        packages: DPKG,
      },
      expect: [{ severity: 'critical', pid: 1600, ip: '198.51.100.4' }],
    },
    {
      name: 'packaged client on a stratum port is medium',
      facts: {
        processes: [owned],
        sockets: [fakeSocket({ inode: 12, remote: '198.51.100.4', remotePort: 14444, state: 'SYN_SENT', pids: [1601] })],
        packages: DPKG,
      },
      expect: [{ severity: 'medium', pid: 1601 }],
    },
    {
      name: 'a miner from /tmp behind a local stratum proxy is still reported',
      facts: {
        processes: [miner],
        sockets: [fakeSocket({ inode: 11, local: '127.0.0.1', remote: '127.0.0.1', remotePort: 3333, pids: [1600] })],
        packages: DPKG,
      },
      expect: [{ severity: 'critical', pid: 1600, ip: '127.0.0.1' }],
    },
    {
      name: 'outbound from an unpackaged program whose own port is also listening elsewhere is still reported',
      facts: {
        processes: [fakeProcess({ pid: 1602, name: 'agent', exe: '/opt/agent/agent', socketInodes: [14, 15] })],
        sockets: [
          fakeSocket({ inode: 14, local: '0.0.0.0', localPort: 8080, state: 'LISTEN', pids: [1602] }),
          fakeSocket({ inode: 15, local: '10.0.0.5', localPort: 51234, remote: '198.51.100.4', remotePort: 3333, pids: [1602] }),
        ],
        packages: DPKG,
      },
      expect: [{ severity: 'high', pid: 1602, ip: '198.51.100.4' }],
    },
  ],
});
