import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG } from '../../../test/helpers/snapshot';
import { fakeElf, fakeEntry, inventory } from '../../../test/helpers/file-entry';
import rule from './setid-unowned';

const SETID_PKG = {
  ...DPKG,
  files: [...DPKG.files, '/usr/bin/passwd', '/usr/bin/sudo', '/bin/mount', '/usr/bin/crontab', '/usr/lib/openssh/ssh-keysign'],
};

testRule(rule, {
  valid: [
    {
      name: 'packaged set-id programs, including usrmerge spellings',
      facts: {
        packages: SETID_PKG,
        fileInventory: inventory(
          fakeElf({ path: '/usr/bin/passwd', role: 'bin', mode: 0o4755 }),
          fakeElf({ path: '/usr/bin/sudo', role: 'bin', mode: 0o4755 }),
          fakeElf({ path: '/usr/bin/mount', role: 'bin', mode: 0o4755 }),
          fakeElf({ path: '/usr/bin/crontab', role: 'bin', mode: 0o2755, gid: 107 }),
          fakeElf({ path: '/usr/lib/openssh/ssh-keysign', role: 'lib', mode: 0o4755, depth: 2 }),
        ),
      },
    },
    {
      name: 'setgid directories and sticky /tmp dirs are not programs',
      facts: {
        packages: DPKG,
        fileInventory: inventory(
          fakeEntry({ path: '/var/tmp/shared', kind: 'dir', mode: 0o3775, role: 'tmp' }),
          fakeEntry({ path: '/home/dev/team', kind: 'dir', mode: 0o2775, role: 'home', depth: 2 }),
        ),
      },
    },
    {
      name: 'no package database: system directories are not judged',
      facts: {
        packages: { manager: null, files: [], packageCount: 0 },
        fileInventory: inventory(fakeElf({ path: '/usr/bin/su', role: 'bin', mode: 0o4755 })),
      },
    },
  ],
  invalid: [
    {
      name: 'setuid-root bash copy in /tmp (critical)',
      facts: { packages: DPKG, fileInventory: inventory(fakeElf({ path: '/tmp/.sh', role: 'tmp', mode: 0o4755, hidden: '.sh' })) },
      expect: [{ severity: 'critical', path: '/tmp/.sh', title: /Setuid\/setgid program in a temporary directory/, evidence: /mode 4755/ }],
    },
    {
      name: 'setuid to an ordinary user under /home is high',
      facts: {
        packages: DPKG,
        fileInventory: inventory(fakeElf({ path: '/home/dev/bin/tool', role: 'home', mode: 0o4755, uid: 1000, depth: 3 })),
      },
      expect: [{ severity: 'high', path: '/home/dev/bin/tool' }],
    },
    {
      name: 'even without a package database a set-id file in a home directory counts',
      facts: {
        packages: { manager: null, files: [], packageCount: 0 },
        fileInventory: inventory(fakeElf({ path: '/root/.cache/x', role: 'home', mode: 0o6755, depth: 2 })),
      },
      expect: [{ severity: 'critical', path: '/root/.cache/x' }],
    },
    {
      name: 'unowned setuid file in /usr/sbin and under /usr/lib',
      facts: {
        packages: DPKG,
        fileInventory: inventory(
          fakeElf({ path: '/usr/sbin/sshd-helper', role: 'bin', mode: 0o4711 }),
          fakeElf({ path: '/usr/lib/x86_64-linux-gnu/.cache/ld', role: 'lib', mode: 0o4755, depth: 2, hidden: '.cache' }),
        ),
      },
      expect: [
        { severity: 'high', path: '/usr/sbin/sshd-helper', title: /no package installed/ },
        { severity: 'high', path: '/usr/lib/x86_64-linux-gnu/.cache/ld' },
      ],
    },
  ],
});
