import { fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './exe-in-temp-dir';

testRule(rule, {
  valid: [
    { name: 'binary under /usr', facts: { processes: [fakeProcess()] } },
    {
      name: 'tmp-like names elsewhere',
      facts: { processes: [fakeProcess({ exe: '/opt/tmpwatch/bin/tmpwatch' }), fakeProcess({ exe: '/home/dev/tmp/tool' })] },
    },
  ],
  invalid: [
    {
      name: 'miner in /tmp',
      facts: { processes: [fakeProcess({ pid: 700, name: 'kworkerds', exe: '/tmp/kworkerds' })] },
      expect: [{ severity: 'high', pid: 700, path: '/tmp/kworkerds', title: /runs from \/tmp$/ }],
    },
    {
      name: 'binary in /dev/shm',
      facts: { processes: [fakeProcess({ pid: 701, exe: '/dev/shm/x' })] },
      expect: [{ pid: 701, title: /\/dev\/shm/ }],
    },
    {
      name: 'binary in /var/tmp, deleted',
      facts: { processes: [fakeProcess({ pid: 702, exe: '/var/tmp/.a/b', exeDeleted: true })] },
      expect: [{ pid: 702, title: /\/var\/tmp/ }],
    },
  ],
});
