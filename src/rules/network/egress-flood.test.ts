import { fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './egress-flood';
import type { TrafficFact } from '../../collect/sampler';

function traffic(senders: TrafficFact['senders'], method: TrafficFact['method'] = 'tracefs'): TrafficFact {
  return { windowMs: 1000, method, interfaces: [], senders };
}

testRule(rule, {
  valid: [
    {
      name: 'quiet host',
      facts: { traffic: traffic([{ pid: 1, name: 'sshd', netns: null, bytesPerSec: 2000, packetsPerSec: 20, share: 1 }]) },
    },
    {
      name: 'busy but shared egress (a web server among many)',
      facts: {
        traffic: traffic([
          { pid: 2, name: 'nginx', netns: null, bytesPerSec: 20_000_000, packetsPerSec: 15000, share: 0.4 },
          { pid: 3, name: 'nginx', netns: null, bytesPerSec: 18_000_000, packetsPerSec: 14000, share: 0.36 },
        ]),
      },
    },
  ],
  invalid: [
    {
      name: 'one process sends almost everything',
      facts: {
        processes: [fakeProcess({ pid: 1900, name: 'srstomucra', exe: '/usr/bin/srstomucra' })],
        traffic: traffic([
          { pid: 1900, name: 'srstomucra', netns: null, bytesPerSec: 60_000_000, packetsPerSec: 110000, share: 0.97 },
          { pid: 4, name: 'sshd', netns: null, bytesPerSec: 3000, packetsPerSec: 30, share: 0.001 },
        ]),
      },
      expect: [{ severity: 'high', pid: 1900, title: /480\.0 Mbit\/s, 110000 packets\/s/ }],
    },
    {
      name: 'packet flood of small packets, estimated',
      facts: {
        processes: [fakeProcess({ pid: 1901, name: 'x' })],
        traffic: traffic([{ pid: 1901, name: 'x', netns: null, bytesPerSec: 900_000, packetsPerSec: 20000, share: 0.9 }], 'estimate'),
      },
      expect: [{ pid: 1901, evidence: /estimated/ }],
    },
    {
      name: 'traced PID from another PID namespace names a different process here',
      facts: {
        processes: [fakeProcess({ pid: 1902, name: 'sshd' })],
        traffic: traffic([{ pid: 1902, name: 'flooder', netns: null, bytesPerSec: 50_000_000, packetsPerSec: 90000, share: 0.99 }]),
      },
      expect: [{ pid: undefined, title: /^flooder \(pid 1902\)/, evidence: /^pid 1902 name "flooder"\n/ }],
    },
  ],
});
