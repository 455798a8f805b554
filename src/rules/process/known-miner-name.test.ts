import { DPKG, fakeProcess, INIT } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './known-miner-name';

testRule(rule, {
  valid: [
    {
      name: 'ordinary services',
      facts: {
        processes: [INIT, fakeProcess(), fakeProcess({ name: 'sshd', exe: '/usr/sbin/sshd', cmdline: ['sshd: /usr/sbin/sshd -D'] })],
        packages: DPKG,
      },
    },
    {
      name: 'miner name only inside an argument',
      facts: { processes: [fakeProcess({ name: 'grep', exe: '/usr/bin/grep', cmdline: ['grep', 'xmrig', '/var/log/syslog'] })] },
    },
    {
      name: 'real kernel thread with a miner-like name',
      facts: { processes: [fakeProcess({ name: 'kdevtmpfs', exe: null, kernelThread: true, cmdline: [], maps: [] })] },
    },
  ],
  invalid: [
    {
      name: 'xmrig by process name',
      facts: { processes: [fakeProcess({ pid: 4242, name: 'xmrig', exe: '/tmp/xmrig', cmdline: ['./xmrig'] })] },
      expect: [{ severity: 'critical', pid: 4242, path: '/tmp/xmrig', title: /cryptominer.*xmrig/ }],
    },
    {
      name: 'renamed process, executable still called kdevtmpfsi',
      facts: { processes: [fakeProcess({ pid: 77, name: 'sshd', exe: '/var/tmp/kdevtmpfsi', cmdline: ['sshd'] })] },
      expect: [{ pid: 77, evidence: /kdevtmpfsi/ }],
    },
    {
      name: 'XOR.DDoS bot name, case-insensitive',
      facts: {
        processes: [fakeProcess({ pid: 88, name: 'DbSecuritySpt', exe: '/usr/bin/dbsecurityspt', cmdline: ['/usr/bin/DbSecuritySpt'] })],
      },
      expect: [{ pid: 88, title: /DDoS-bot/ }],
    },
  ],
});
