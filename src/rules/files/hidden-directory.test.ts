import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG } from '../../../test/helpers/snapshot';
import { fakeElf, fakeEntry, inventory } from '../../../test/helpers/file-entry';
import rule from './hidden-directory';

const PKG = { ...DPKG, files: [...DPKG.files, '/usr/share/nodejs/.bin/tsc'] };

testRule(rule, {
  valid: [
    {
      name: 'dot-directories with data only (/etc/.java, an SDK .install dir) and packaged dot-files',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeEntry({ path: '/etc/.java/.systemPrefs', kind: 'dir', mode: 0o755, depth: 2, hidden: '.java' }),
          fakeEntry({ path: '/usr/lib/google-cloud-sdk/.install/core.manifest', role: 'lib', depth: 3, hidden: '.install', magic: 'data' }),
          fakeEntry({ path: '/usr/share/nodejs/.bin/tsc', role: 'top', mode: 0o755, magic: 'script', depth: 3, hidden: '.bin' }),
        ),
      },
    },
    {
      name: 'programs in hidden tmp directories are left to files/executable-in-temp',
      facts: { packages: PKG, fileInventory: inventory(fakeElf({ path: '/tmp/.x/run', role: 'tmp', depth: 2, hidden: '.x' })) },
    },
    {
      name: 'empty executable marker file at the top (/.dockerenv)',
      facts: {
        packages: PKG,
        fileInventory: inventory(fakeEntry({ path: '/.dockerenv', role: 'top', hidden: '.dockerenv', mode: 0o755, size: 0 })),
      },
    },
    {
      name: 'a hidden regular file is not a hidden directory',
      facts: { packages: PKG, fileInventory: inventory(fakeEntry({ path: '/etc/.pwd.lock', hidden: '.pwd.lock', mode: 0o600 })) },
    },
  ],
  invalid: [
    {
      name: 'ELF and script in /usr/lib/.x: one high finding for the directory',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeEntry({ path: '/usr/lib/.x', kind: 'dir', mode: 0o755, role: 'lib', depth: 1, hidden: '.x' }),
          fakeElf({ path: '/usr/lib/.x/bioset', role: 'lib', depth: 2, hidden: '.x' }),
          fakeEntry({
            path: '/usr/lib/.x/start.sh',
            role: 'lib',
            depth: 2,
            hidden: '.x',
            mode: 0o755,
            magic: 'script',
            shebang: '#!/bin/sh',
          }),
        ),
      },
      expect: [
        { severity: 'high', path: '/usr/lib/.x', title: /2 program\(s\) in hidden directory \/usr\/lib\/\.x/, evidence: /sha256 a{64}/ },
      ],
    },
    {
      name: 'hidden program file among the system programs (/usr/bin/.sshd style)',
      facts: { packages: PKG, fileInventory: inventory(fakeElf({ path: '/usr/sbin/.ntpd', role: 'bin', hidden: '.ntpd' })) },
      expect: [{ severity: 'high', path: '/usr/sbin/.ntpd' }],
    },
    {
      name: 'script in a dot-directory of /etc is medium',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeEntry({ path: '/etc/.cache/update', depth: 2, hidden: '.cache', mode: 0o755, magic: 'script', shebang: '#!/bin/bash' }),
        ),
      },
      expect: [{ severity: 'medium', path: '/etc/.cache' }],
    },
    {
      name: '"..." and a trailing-space directory name, even in /tmp and even empty',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeEntry({ path: '/var/tmp/...', kind: 'dir', mode: 0o755, role: 'tmp', hidden: '...' }),
          fakeEntry({ path: '/usr/share/man ', kind: 'dir', mode: 0o755, role: 'top', hidden: 'man ' }),
        ),
      },
      expect: [
        { severity: 'medium', path: '/var/tmp/...', title: /named to be overlooked/ },
        { severity: 'medium', path: '/usr/share/man ' },
      ],
    },
  ],
});
