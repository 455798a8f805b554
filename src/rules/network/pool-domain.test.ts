import { fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './pool-domain';

testRule(rule, {
  valid: [
    {
      name: 'ordinary hosts file',
      facts: {
        etcHosts: [
          { address: '127.0.0.1', names: ['localhost'], line: 1 },
          { address: '10.0.0.2', names: ['db1.internal'], line: 2 },
        ],
      },
    },
    {
      name: 'domain that only ends like a pool',
      facts: {
        etcHosts: [{ address: '10.0.0.3', names: ['notminexmr.com.example'], line: 1 }],
        processes: [fakeProcess({ cmdline: ['curl', 'https://myf2pool.company.internal/'] })],
      },
    },
  ],
  invalid: [
    {
      name: 'pool pinned in /etc/hosts',
      facts: { etcHosts: [{ address: '45.9.148.21', names: ['pool.supportxmr.com'], line: 7 }] },
      expect: [{ severity: 'high', path: '/etc/hosts', evidence: /\/etc\/hosts:7: 45\.9\.148\.21 pool\.supportxmr\.com/ }],
    },
    {
      name: 'rival pool blackholed',
      facts: { etcHosts: [{ address: '127.0.0.1', names: ['xmr.f2pool.com'], line: 3 }] },
      expect: [{ severity: 'medium' }],
    },
    {
      name: 'pool domain on a command line',
      facts: { etcHosts: [], processes: [fakeProcess({ pid: 1700, cmdline: ['./sd', '-o', 'gulf.moneroocean.stream:10128'] })] },
      expect: [{ severity: 'critical', pid: 1700 }],
    },
  ],
});
