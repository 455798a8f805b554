import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './loader-environment';

testRule(rule, {
  valid: [
    { name: 'no loader variables', facts: { processes: [fakeProcess()], packages: DPKG } },
    {
      name: 'LD_LIBRARY_PATH of an application under /opt',
      facts: { processes: [fakeProcess({ loaderEnv: { LD_LIBRARY_PATH: '/opt/oracle/lib:/opt/app/lib' } })], packages: DPKG },
    },
  ],
  invalid: [
    {
      name: 'preload from /tmp',
      facts: { processes: [fakeProcess({ pid: 1300, loaderEnv: { LD_PRELOAD: '/tmp/.x/libhide.so' } })], packages: DPKG },
      expect: [{ severity: 'high', pid: 1300, path: '/tmp/.x/libhide.so', evidence: /LD_PRELOAD=\/tmp\/\.x\/libhide\.so/ }],
    },
    {
      name: 'packaged preload helper is low',
      facts: { processes: [fakeProcess({ pid: 1301, loaderEnv: { LD_PRELOAD: '/lib/x86_64-linux-gnu/libc.so.6' } })], packages: DPKG },
      expect: [{ severity: 'low', pid: 1301 }],
    },
    {
      name: 'library path into a hidden directory',
      facts: { processes: [fakeProcess({ pid: 1302, loaderEnv: { LD_LIBRARY_PATH: '/usr/lib/.cache' } })], packages: DPKG },
      expect: [{ severity: 'medium', pid: 1302 }],
    },
  ],
});
