import { fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './miner-arguments';

testRule(rule, {
  valid: [
    {
      name: 'ssh client with -o options',
      facts: {
        processes: [
          fakeProcess({
            name: 'ssh',
            exe: '/usr/bin/ssh',
            cmdline: ['ssh', '-o', 'StrictHostKeyChecking=no', '-p', '2222', 'deploy@10.0.0.8'],
          }),
        ],
      },
    },
    {
      name: 'curl with -o output and -u user',
      facts: {
        processes: [
          fakeProcess({
            name: 'curl',
            exe: '/usr/bin/curl',
            cmdline: ['curl', '-o', 'out.tgz', '-u', 'admin:secret', 'https://repo.example/x'],
          }),
        ],
      },
    },
    {
      name: 'mount -o options',
      facts: { processes: [fakeProcess({ name: 'mount', exe: '/usr/bin/mount', cmdline: ['mount', '-o', 'remount,rw', '/'] })] },
    },
  ],
  invalid: [
    {
      name: 'renamed xmrig with stratum url and donate level',
      facts: {
        processes: [
          fakeProcess({
            pid: 31,
            name: 'systemd-journal',
            exe: '/usr/lib/.cache/sd',
            cmdline: ['/usr/lib/.cache/sd', '-o', 'stratum+tcp://pool.minexmr.com:4444', '--donate-level=1', '--cpu-priority', '5'],
          }),
        ],
      },
      expect: [{ severity: 'critical', pid: 31, evidence: /matched: stratum-url, donate-level, cpu-priority/ }],
    },
    {
      name: 'pool and wallet with plain -o/-u',
      facts: {
        processes: [
          fakeProcess({
            pid: 32,
            name: 'kthreadd',
            exe: '/tmp/k',
            cmdline: [
              './k',
              '-o',
              '45.9.148.21:3333',
              '-u',
              '44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',
              '-p',
              'x',
            ],
          }),
        ],
      },
      expect: [{ pid: 32, evidence: /matched: pool-and-wallet, wallet-user/ }],
    },
  ],
});
