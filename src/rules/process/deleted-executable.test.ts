import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './deleted-executable';

testRule(rule, {
  valid: [
    {
      name: 'daemon whose binary an upgrade replaced',
      facts: { processes: [fakeProcess({ name: 'sshd', exe: '/usr/sbin/sshd', exeDeleted: true })], packages: DPKG },
    },
    {
      name: 'merged-/usr spelling of an upgraded binary',
      facts: { processes: [fakeProcess({ name: 'bash', exe: '/usr/bin/bash', exeDeleted: true })], packages: DPKG },
    },
    {
      name: 'memfd is another rule',
      facts: { processes: [fakeProcess({ exe: '/memfd:x', exeDeleted: true, exeMemfd: true })], packages: DPKG },
    },
  ],
  invalid: [
    {
      name: 'dropper deleted from /tmp',
      facts: { processes: [fakeProcess({ pid: 500, name: 'xx', exe: '/tmp/xx', exeDeleted: true, cmdline: ['/tmp/xx'] })], packages: DPKG },
      expect: [{ severity: 'high', pid: 500, path: '/tmp/xx', evidence: /\/tmp\/xx \(deleted\)/ }],
    },
    {
      name: 'unowned binary deleted from /usr/bin, without a package database',
      facts: { processes: [fakeProcess({ pid: 501, name: 'ohzrfrrplm', exe: '/usr/bin/ohzrfrrplm', exeDeleted: true })] },
      expect: [{ pid: 501 }],
    },
  ],
});
