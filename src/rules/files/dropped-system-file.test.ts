import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG, fakeProcess } from '../../../test/helpers/snapshot';
import { fakeElf, fakeEntry, inventory } from '../../../test/helpers/file-entry';
import type { SystemdFact } from '../../collect/persistence/systemd';
import rule from './dropped-system-file';

const OLD = '2025-03-01T00:00:00.000Z';
const RECENT = '2026-11-19T03:12:00.000Z';
const PKG = { ...DPKG, files: [...DPKG.files, '/etc/cron.daily/logrotate', '/usr/lib/systemd/system/ssh.service'] };
const script = (path: string, role: 'etc' | 'local-bin' | 'unit', over = {}) =>
  fakeEntry({ path, role, mode: 0o755, magic: 'script', shebang: '#!/bin/bash', mtime: RECENT, ctime: RECENT, ...over });
const enabled = (unit: string, exec: string): SystemdFact => ({
  units: [
    {
      file: { path: unit, mtime: RECENT, size: 200, mode: 0o644, uid: 0, md5: null },
      name: unit.slice(unit.lastIndexOf('/') + 1),
      kind: 'unit',
      scope: 'system',
      dir: '/usr/lib/systemd/system',
      description: null,
      runAs: null,
      execs: [
        {
          line: 5,
          text: `ExecStart=${exec}`,
          key: 'ExecStart',
          command: exec,
          targets: [{ word: exec, path: exec, exists: true, mtime: RECENT }],
        },
      ],
    },
  ],
  links: [
    {
      path: '/etc/systemd/system/multi-user.target.wants/dbus-helper.service',
      unit: 'dbus-helper.service',
      scope: 'system',
      linkTarget: unit,
      resolved: unit,
    },
  ],
  generators: [],
});

testRule(rule, {
  valid: [
    {
      name: 'packaged, old, non-executable and unreferenced recent files; an old admin tool in /usr/local/bin',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          script('/etc/cron.daily/logrotate', 'etc'),
          script('/usr/local/bin/backup.sh', 'local-bin', { mtime: OLD, ctime: OLD }),
          script('/etc/network/if-up.d/old-hook', 'etc', { mtime: OLD, ctime: OLD }),
          fakeEntry({ path: '/etc/resolv.conf', role: 'etc', mtime: RECENT, ctime: RECENT, magic: 'data' }),
          fakeEntry({ path: '/etc/hostname', role: 'etc', mode: 0o755, mtime: RECENT, ctime: RECENT, magic: 'data' }),
          fakeEntry({ path: '/usr/lib/systemd/system/ssh.service', role: 'unit', mtime: RECENT, ctime: RECENT, magic: 'data' }),
          fakeEntry({ path: '/usr/lib/systemd/system/idle.service', role: 'unit', mtime: RECENT, ctime: RECENT, magic: 'data' }),
          fakeElf({ path: '/usr/local/bin/terraform', role: 'local-bin' }),
        ),
      },
    },
    {
      name: 'an rc.local the admin edited this week: its lines are judged by the rc.local rules',
      facts: {
        packages: PKG,
        initScripts: {
          scripts: [],
          links: [],
          rcLocal: [
            { file: { path: '/etc/rc.local', mtime: RECENT, size: 40, mode: 0o755, uid: 0, md5: null }, binary: false, commands: [] },
          ],
          inittab: null,
        },
        fileInventory: inventory(script('/etc/rc.local', 'etc')),
      },
    },
    {
      name: 'no package database: ownership unknown, no verdict',
      facts: {
        packages: { manager: null, files: [], packageCount: 0 },
        fileInventory: inventory(fakeElf({ path: '/etc/kthreadd', role: 'etc' })),
      },
    },
  ],
  invalid: [
    {
      name: 'an unowned recent ELF in /etc is medium, high once it runs; a recent script in /usr/local/bin is low',
      facts: {
        packages: PKG,
        processes: [fakeProcess({ pid: 777, name: 'kinsing', exe: '/etc/kinsing2', uid: 0 })],
        fileInventory: inventory(
          fakeElf({ path: '/etc/kthreadd', role: 'etc' }),
          fakeElf({ path: '/etc/kinsing2', role: 'etc' }),
          script('/usr/local/bin/deploy', 'local-bin'),
        ),
      },
      expect: [
        { severity: 'high', path: '/etc/kinsing2', evidence: /running now: pid 777/ },
        { severity: 'medium', path: '/etc/kthreadd', title: /New unpackaged program in \/etc/ },
        { severity: 'low', path: '/usr/local/bin/deploy' },
      ],
    },
    {
      name: 'an enabled unit dropped in /usr/lib/systemd/system is medium; the script it starts is high',
      facts: {
        packages: PKG,
        systemdUnits: enabled('/usr/lib/systemd/system/dbus-helper.service', '/usr/local/sbin/dbus-helper'),
        fileInventory: inventory(
          fakeEntry({ path: '/usr/lib/systemd/system/dbus-helper.service', role: 'unit', mtime: RECENT, ctime: RECENT, magic: 'data' }),
          script('/usr/local/sbin/dbus-helper', 'local-bin'),
        ),
      },
      expect: [
        {
          severity: 'high',
          path: '/usr/local/sbin/dbus-helper',
          evidence: /started by \/usr\/lib\/systemd\/system\/dbus-helper\.service:5/,
        },
        {
          severity: 'medium',
          path: '/usr/lib/systemd/system/dbus-helper.service',
          title: /unit file/,
          evidence: /started by \/etc\/systemd\/system\/multi-user\.target\.wants\/dbus-helper\.service/,
        },
      ],
    },
  ],
});
