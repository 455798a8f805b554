import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG } from '../../../test/helpers/snapshot';
import { fakeElf, fakeEntry, inventory } from '../../../test/helpers/file-entry';
import rule from './recent-changes';

// Reference time 2026-11-20T12:00Z; the default window starts 2026-11-13T12:00Z.
const RECENT = '2026-11-19T03:12:00.000Z';
const OLD = '2026-01-10T08:00:00.000Z';
const PKG = { ...DPKG, files: [...DPKG.files, '/etc/ssh/sshd_config'] };

testRule(rule, {
  valid: [
    {
      name: 'old files, changed directories and package-owned files changed by an upgrade',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeEntry({ path: '/etc/hostname' }),
          fakeEntry({ path: '/etc/cron.d', kind: 'dir', mode: 0o755, mtime: RECENT, ctime: RECENT }),
          fakeEntry({ path: '/etc/ssh/sshd_config', mtime: RECENT, ctime: RECENT }),
          fakeElf({ path: '/usr/bin/rsync', role: 'bin', mtime: RECENT }),
          fakeEntry({ path: '/var/lib/.hidden', role: 'top', mtime: RECENT, ctime: RECENT }),
          fakeEntry({
            path: '/usr/sbin/iptables',
            role: 'bin',
            kind: 'symlink',
            mode: 0o777,
            linkTarget: '/etc/alternatives/iptables',
            mtime: OLD,
            ctime: RECENT,
          }),
          fakeEntry({
            path: '/etc/alternatives/iptables',
            kind: 'symlink',
            mode: 0o777,
            linkTarget: '/usr/sbin/iptables-nft',
            depth: 2,
            mtime: RECENT,
            ctime: RECENT,
          }),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'one inventory finding per named directory, newest first, ctime-only changes marked',
      facts: {
        packages: PKG,
        fileInventory: inventory(
          fakeEntry({ path: '/etc/cron.d/sysupdate', mtime: '2026-11-18T01:00:00.000Z', ctime: '2026-11-18T01:00:00.000Z' }),
          fakeEntry({ path: '/etc/cron.d/.hidden/job', mtime: RECENT, ctime: RECENT, depth: 3, hidden: '.hidden' }),
          fakeEntry({ path: '/etc/apt/apt.conf.d/99proxy', mtime: OLD, ctime: RECENT, depth: 3 }),
          fakeElf({ path: '/tmp/x', role: 'tmp' }),
          fakeEntry({
            path: '/usr/bin/python',
            role: 'bin',
            kind: 'symlink',
            mode: 0o777,
            linkTarget: '/tmp/x',
            mtime: RECENT,
            ctime: RECENT,
          }),
        ),
      },
      expect: [
        {
          severity: 'info',
          path: '/etc',
          title: /1 file\(s\) changed in \/etc since 2026-11-13/,
          evidence: /ctime 2026-11-19T03:12:00\.000Z \(mtime 2026-01-10/,
        },
        {
          severity: 'info',
          path: '/etc/cron.d',
          title: /2 file\(s\) changed in \/etc\/cron\.d/,
          evidence: /\/etc\/cron\.d\/\.hidden\/job\n.*\/etc\/cron\.d\/sysupdate/,
        },
        { severity: 'info', path: '/tmp' },
        { severity: 'info', path: '/usr/bin', evidence: /\/usr\/bin\/python -> \/tmp\/x/ },
      ],
    },
  ],
});
