import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG } from '../../../test/helpers/snapshot';
import { fakeElf, fakeEntry, inventory } from '../../../test/helpers/file-entry';
import rule from './unowned-system-executable';

const OLD = '2025-03-01T00:00:00.000Z';
const PKG = { ...DPKG, files: [...DPKG.files, '/usr/bin/ls', '/usr/bin/pg_config'] };
const integrity = {
  manager: 'dpkg' as const,
  checked: 0,
  problems: [],
  diversions: [{ from: '/usr/bin/pg_config', to: '/usr/bin/pg_config.libpq-dev', by: 'postgresql-common' }],
};

testRule(rule, {
  valid: [
    {
      name: 'packaged programs (usrmerge spelling), alternatives symlinks, diverted and maintainer-made files',
      facts: {
        packages: PKG,
        packageIntegrity: integrity,
        fileInventory: inventory(
          fakeElf({ path: '/bin/ls', role: 'bin' }),
          fakeEntry({ path: '/usr/bin/editor', role: 'bin', kind: 'symlink', mode: 0o777, linkTarget: '/etc/alternatives/editor' }),
          fakeEntry({ path: '/usr/bin/pg_config.libpq-dev', role: 'bin', mode: 0o755, magic: 'script', shebang: '#!/bin/sh' }),
          fakeEntry({ path: '/usr/sbin/policy-rc.d', role: 'bin', mode: 0o755, magic: 'script', shebang: '#!/bin/sh' }),
          fakeEntry({ path: '/usr/lib/x86_64-linux-gnu/ld.so.hwcaps', role: 'lib', magic: 'data' }),
        ),
      },
    },
    {
      name: "admin's own tools in /usr/local/bin: a release tarball unpacked this week and a recent script",
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeElf({ path: '/usr/local/bin/terraform', role: 'local-bin', mtime: OLD, ctime: '2026-11-19T00:00:00.000Z' }),
          fakeEntry({
            path: '/usr/local/bin/deploy',
            role: 'local-bin',
            mode: 0o755,
            magic: 'script',
            shebang: '#!/usr/bin/python3',
            mtime: '2026-11-19T00:00:00.000Z',
          }),
        ),
      },
    },
    {
      name: 'no package database: nothing to judge by',
      facts: {
        packages: { manager: null, files: [], packageCount: 0 },
        fileInventory: inventory(fakeElf({ path: '/usr/bin/srstomucra', role: 'bin' })),
      },
    },
    {
      name: 'set-id-only entries deeper in /usr/lib are not top-level programs',
      facts: { packages: PKG, fileInventory: inventory(fakeElf({ path: '/usr/lib/foo/helper', role: 'lib', depth: 2, mode: 0o4755 })) },
    },
  ],
  invalid: [
    {
      name: 'old unowned script in /usr/sbin is medium',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeEntry({
            path: '/usr/sbin/backup-run',
            role: 'bin',
            mode: 0o755,
            magic: 'script',
            shebang: '#!/bin/bash',
            mtime: OLD,
            ctime: OLD,
          }),
        ),
      },
      expect: [{ severity: 'medium', path: '/usr/sbin/backup-run', title: /in \/usr\/sbin that no package installed/ }],
    },
    {
      name: 'XOR.DDoS random-named copy in /usr/bin is high even when old',
      facts: { packages: PKG, fileInventory: inventory(fakeElf({ path: '/usr/bin/srstomucra', role: 'bin', mtime: OLD, ctime: OLD })) },
      expect: [{ severity: 'high', path: '/usr/bin/srstomucra', evidence: /sha256: a{64}/ }],
    },
    {
      name: 'recently dropped ELF in /usr/bin with an old forged mtime (ctime gives it away)',
      facts: {
        packages: PKG,
        fileInventory: inventory(fakeElf({ path: '/usr/bin/dbus-helper', role: 'bin', mtime: OLD, ctime: '2026-11-19T03:12:00.000Z' })),
      },
      expect: [{ severity: 'high', path: '/usr/bin/dbus-helper' }],
    },
    {
      name: 'preload library dropped with mode 0644 at the top of the multiarch directory',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeElf({ path: '/usr/lib/x86_64-linux-gnu/libprocesshider.so', role: 'lib', mode: 0o644, mtime: OLD, ctime: OLD }),
        ),
      },
      expect: [{ severity: 'medium', path: '/usr/lib/x86_64-linux-gnu/libprocesshider.so' }],
    },
    {
      name: 'recent ELF in /usr/local/bin is medium, a random name there is high',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeElf({ path: '/usr/local/bin/helper', role: 'local-bin' }),
          fakeElf({ path: '/usr/local/bin/qzxkvbnmtp', role: 'local-bin', mtime: OLD, ctime: OLD }),
        ),
      },
      expect: [
        { severity: 'high', path: '/usr/local/bin/qzxkvbnmtp' },
        { severity: 'medium', path: '/usr/local/bin/helper', title: /New program in \/usr\/local\/bin/ },
      ],
    },
  ],
});
