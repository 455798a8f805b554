import { fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './fake-kernel-thread';

const kthread = { exe: null, kernelThread: true, cmdline: [], maps: [] };

testRule(rule, {
  valid: [
    {
      name: 'real kernel threads',
      facts: {
        processes: [fakeProcess({ name: 'kthreadd', ppid: 0, ...kthread }), fakeProcess({ name: 'kworker/0:1', ppid: 2, ...kthread })],
      },
    },
    { name: 'zombie with no exe', facts: { processes: [fakeProcess({ name: 'kworker', exe: null, cmdline: [], maps: [], state: 'Z' })] } },
  ],
  invalid: [
    {
      name: 'argv rewritten to [kthreadd]',
      facts: { processes: [fakeProcess({ pid: 1100, name: 'kthreadd', exe: '/var/tmp/.k/kthreadd', cmdline: ['[kthreadd]'] })] },
      expect: [{ severity: 'critical', pid: 1100, title: /"\[kthreadd\]"/ }],
    },
    {
      name: 'comm set to kworker/0:1 by a user program',
      facts: { processes: [fakeProcess({ pid: 1101, name: 'kworker/0:1', exe: '/usr/bin/.sys', cmdline: ['/usr/bin/.sys'] })] },
      expect: [{ pid: 1101, title: /kworker\/0:1/ }],
    },
  ],
});
