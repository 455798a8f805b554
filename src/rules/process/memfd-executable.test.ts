import { fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './memfd-executable';

testRule(rule, {
  valid: [
    {
      name: 'runc re-executing from its sealed clone',
      facts: {
        processes: [fakeProcess({ name: 'runc:[2:INIT]', exe: '/memfd:runc_cloned:/proc/self/exe', exeDeleted: true, exeMemfd: true })],
      },
    },
    { name: 'ordinary process', facts: { processes: [fakeProcess()] } },
  ],
  invalid: [
    {
      name: 'payload executed from memfd',
      facts: {
        processes: [fakeProcess({ pid: 600, name: '3', exe: '/memfd:', exeDeleted: true, exeMemfd: true, cmdline: ['[kworker/u8:2]'] })],
      },
      expect: [{ severity: 'critical', pid: 600, evidence: /\/memfd:/ }],
    },
  ],
});
