import type { AttributeEntry } from '../../collect/files/file-attributes';
import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG } from '../../../test/helpers/snapshot';
import rule from './immutable-attribute';

const locked = (path: string, over: Partial<AttributeEntry> = {}): AttributeEntry => ({
  path,
  kind: 'file',
  flags: '----i---------e-------',
  immutable: true,
  appendOnly: false,
  ...over,
});
const attrs = (...protectedEntries: AttributeEntry[]) => ({ checked: 900, protected: protectedEntries });

testRule(rule, {
  valid: [{ name: 'nothing locked', facts: { fileAttributes: attrs(), packages: DPKG } }],
  invalid: [
    {
      name: 'locked cron script and authorized_keys (miner persistence)',
      facts: {
        packages: DPKG,
        fileAttributes: attrs(
          locked('/etc/cron.hourly/gcc.sh'),
          locked('/root/.ssh/authorized_keys', { flags: '-----a--------e-------', immutable: false, appendOnly: true }),
        ),
      },
      expect: [
        {
          severity: 'high',
          path: '/etc/cron.hourly/gcc.sh',
          title: /Locked with chattr \(immutable\): \/etc\/cron\.hourly\/gcc\.sh/,
          evidence: /----i---------e-------/,
        },
        { severity: 'high', path: '/root/.ssh/authorized_keys', title: /append-only/ },
      ],
    },
    {
      name: 'account files and sshd_config locked by a hardening guide, nothing else wrong: low notes',
      facts: {
        packages: DPKG,
        fileAttributes: attrs(
          locked('/etc/passwd'),
          locked('/etc/shadow'),
          locked('/etc/group'),
          locked('/etc/gshadow'),
          locked('/etc/ssh/sshd_config'),
        ),
      },
      expect: [
        { severity: 'low', path: '/etc/passwd', title: /Locked with chattr/ },
        { severity: 'low', path: '/etc/shadow' },
        { severity: 'low', path: '/etc/group' },
        { severity: 'low', path: '/etc/gshadow' },
        { severity: 'low', path: '/etc/ssh/sshd_config' },
      ],
    },
    {
      name: 'locked unit file in /usr/lib/systemd/system and dropped program in a home dot-directory are high',
      facts: {
        packages: DPKG,
        fileAttributes: attrs(locked('/usr/lib/systemd/system/dbus-helper.service'), locked('/home/web/.config/.kde/bin/kded')),
      },
      expect: [
        { severity: 'high', path: '/usr/lib/systemd/system/dbus-helper.service' },
        { severity: 'high', path: '/home/web/.config/.kde/bin/kded' },
      ],
    },
    {
      name: 'locked cron directory is medium, a locked unowned program high, a locked packaged one medium',
      facts: {
        packages: DPKG,
        fileAttributes: attrs(
          locked('/var/spool/cron/crontabs', { kind: 'dir' }),
          locked('/usr/bin/kthreadd'),
          locked('/bin/bash'),
          locked('/tmp/.x/run'),
          locked('/etc/ld.so.preload'),
        ),
      },
      expect: [
        { severity: 'high', path: '/usr/bin/kthreadd' },
        { severity: 'high', path: '/tmp/.x/run' },
        { severity: 'high', path: '/etc/ld.so.preload' },
        { severity: 'medium', path: '/var/spool/cron/crontabs' },
        { severity: 'medium', path: '/bin/bash' },
      ],
    },
  ],
});
