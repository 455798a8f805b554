import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './suspicious-mapped-library';

testRule(rule, {
  valid: [
    {
      name: 'libc deleted by an upgrade',
      facts: {
        processes: [fakeProcess({ maps: [{ path: '/lib/x86_64-linux-gnu/libc.so.6', deleted: true, executable: true }] })],
        packages: DPKG,
      },
    },
    {
      name: 'extension modules of a pyenv Python in ~/.pyenv',
      facts: {
        processes: [
          fakeProcess({
            name: 'python3',
            exe: '/root/.pyenv/versions/3.11.7/bin/python3.11',
            maps: [
              {
                path: '/root/.pyenv/versions/3.11.7/lib/python3.11/lib-dynload/_json.cpython-311-x86_64-linux-gnu.so',
                deleted: false,
                executable: true,
              },
            ],
          }),
        ],
        packages: DPKG,
      },
    },
    {
      name: 'shared memory in /dev/shm, not executable',
      facts: {
        processes: [fakeProcess({ maps: [{ path: '/dev/shm/PostgreSQL.1234', deleted: false, executable: false }] })],
        packages: DPKG,
      },
    },
  ],
  invalid: [
    {
      name: 'injected library from /tmp',
      facts: {
        processes: [fakeProcess({ pid: 1400, maps: [{ path: '/tmp/libprocesshider.so', deleted: false, executable: true }] })],
        packages: DPKG,
      },
      expect: [{ severity: 'high', pid: 1400, path: '/tmp/libprocesshider.so' }],
    },
    {
      name: 'library in a hidden directory of a home that no tool creates',
      facts: {
        processes: [fakeProcess({ pid: 1402, maps: [{ path: '/root/.x/libhide.so', deleted: false, executable: true }] })],
        packages: DPKG,
      },
      expect: [{ severity: 'high', pid: 1402, path: '/root/.x/libhide.so' }],
    },
    {
      name: 'deleted unpackaged library',
      facts: {
        processes: [fakeProcess({ pid: 1401, maps: [{ path: '/usr/local/lib/libs.so', deleted: true, executable: true }] })],
        packages: DPKG,
      },
      expect: [{ pid: 1401, evidence: /libs\.so \(deleted\)/ }],
    },
  ],
});
