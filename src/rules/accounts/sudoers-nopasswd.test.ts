import { testRule } from '../../../test/helpers/rule-tester';
import { sshdFact } from '../../../test/helpers/ssh-fixtures';
import { DEBIAN_SUDOERS, sudoersFact } from '../../../test/helpers/sudoers';
import rule from './sudoers-nopasswd';

const CLOUD =
  '# Created by cloud-init v. 22.4.2 on Tue, 01 Jul 2025 10:00:00 +0000\n\n# User rules for admin\nadmin ALL=(ALL) NOPASSWD:ALL\n';

testRule(rule, {
  valid: [
    { name: 'Debian stock sudoers', facts: { sudoers: sudoersFact([{ path: '/etc/sudoers', text: DEBIAN_SUDOERS }]) } },
    {
      name: 'RHEL wheel with password',
      facts: {
        sudoers: sudoersFact([
          { path: '/etc/sudoers', text: 'root ALL=(ALL) ALL\n%wheel ALL=(ALL) ALL\n# %wheel ALL=(ALL) NOPASSWD: ALL\n' },
        ]),
      },
    },
  ],
  invalid: [
    {
      name: 'dropped file: NOPASSWD ALL for a user',
      facts: {
        sudoers: sudoersFact([
          { path: '/etc/sudoers', text: DEBIAN_SUDOERS },
          { path: '/etc/sudoers.d/zz-sys', text: 'maill ALL=(ALL) NOPASSWD: ALL\n', mtime: '2026-11-19T00:00:00.000Z' },
        ]),
      },
      expect: [
        {
          severity: 'high',
          user: 'maill',
          path: '/etc/sudoers.d/zz-sys',
          title: /maill can become root without a password/,
          evidence: /zz-sys:1: maill ALL=\(ALL\) NOPASSWD: ALL/,
        },
      ],
    },
    {
      name: 'NOPASSWD bash via a command alias for a group',
      facts: {
        sudoers: sudoersFact([{ path: '/etc/sudoers', text: 'Cmnd_Alias SHELLS = /bin/sh, /bin/bash\n%ops ALL = NOPASSWD: SHELLS\n' }]),
      },
      expect: [{ severity: 'high', path: '/etc/sudoers', title: /%ops can become root/ }],
    },
    {
      name: 'cloud-init default user, written at first boot',
      facts: {
        sudoers: sudoersFact([{ path: '/etc/sudoers.d/90-cloud-init-users', text: CLOUD, mtime: '2026-11-19T10:00:00.000Z' }]),
        sshdConfig: sshdFact('', ['2026-11-19T09:59:00.000Z']),
      },
      expect: [{ severity: 'low', user: 'admin', title: /cloud-init grants admin/ }],
    },
    {
      name: 'cloud-init file changed this week long after first boot is medium',
      facts: {
        sudoers: sudoersFact([
          {
            path: '/etc/sudoers.d/90-cloud-init-users',
            text: CLOUD.replace('admin ALL', 'admin,maill ALL'),
            mtime: '2026-11-19T10:00:00.000Z',
          },
        ]),
        sshdConfig: sshdFact('', ['2025-07-01T10:00:00.000Z']),
      },
      expect: [{ severity: 'medium', user: 'admin', evidence: /admin,maill ALL/ }],
    },
    {
      name: 'scoped restart rule is low',
      facts: {
        sudoers: sudoersFact([
          {
            path: '/etc/sudoers.d/deploy',
            text: 'deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart nginx, /usr/bin/systemctl reload nginx\n',
          },
        ]),
      },
      expect: [{ severity: 'low', user: 'deploy', title: /deploy may run 2 command\(s\) as root/ }],
    },
  ],
});
