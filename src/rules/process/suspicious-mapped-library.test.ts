import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './suspicious-mapped-library';

testRule(rule, {
  valid: [
    { name: 'libc deleted by an upgrade', facts: { processes: [fakeProcess({ maps: [{ path: '/lib/x86_64-linux-gnu/libc.so.6', deleted: true, executable: true }] })], packages: DPKG } },
    { name: 'shared memory in /dev/shm, not executable', facts: { processes: [fakeProcess({ maps: [{ path: '/dev/shm/PostgreSQL.1234', deleted: false, executable: false }] })], packages: DPKG } },
  ],
  invalid: [
    {
      name: 'injected library from /tmp',
      facts: { processes: [fakeProcess({ pid: 1400, maps: [{ path: '/tmp/libprocesshider.so', deleted: false, executable: true }] })], packages: DPKG },
      expect: [{ severity: 'high', pid: 1400, path: '/tmp/libprocesshider.so' }],
    },
    {
      name: 'deleted unpackaged library',
      facts: { processes: [fakeProcess({ pid: 1401, maps: [{ path: '/usr/local/lib/libs.so', deleted: true, executable: true }] })], packages: DPKG },
      expect: [{ pid: 1401, evidence: /libs\.so \(deleted\)/ }],
    },
  ],
});
