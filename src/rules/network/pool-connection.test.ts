import { DPKG, fakeProcess, fakeSocket } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './pool-connection';

const miner = fakeProcess({ pid: 1600, name: 'x', exe: '/tmp/x', socketInodes: [11] });
const owned = fakeProcess({ pid: 1601, socketInodes: [12] });

testRule(rule, {
  valid: [
    { name: 'https and database traffic', facts: { processes: [owned], sockets: [fakeSocket({ inode: 12, remote: '10.0.0.9', remotePort: 5432, pids: [1601] })], packages: DPKG } },
    { name: 'a local service listening on 3333', facts: { processes: [owned], sockets: [fakeSocket({ inode: 12, local: '0.0.0.0', localPort: 3333, state: 'LISTEN', pids: [1601] })], packages: DPKG } },
  ],
  invalid: [
    {
      name: 'miner from /tmp to a pool port',
      facts: { processes: [miner], sockets: [fakeSocket({ inode: 11, remote: '198.51.100.4', remotePort: 3333, pids: [1600] })], packages: DPKG },
      expect: [{ severity: 'critical', pid: 1600, ip: '198.51.100.4' }],
    },
    {
      name: 'packaged client on a stratum port is medium',
      facts: { processes: [owned], sockets: [fakeSocket({ inode: 12, remote: '198.51.100.4', remotePort: 14444, state: 'SYN_SENT', pids: [1601] })], packages: DPKG },
      expect: [{ severity: 'medium', pid: 1601 }],
    },
  ],
});
