import { testRule } from '../../../test/helpers/rule-tester';
import { DEBIAN_SUDOERS, sudoersFact } from '../../../test/helpers/sudoers';
import rule from './sudoers-weakened-defaults';

const RHEL_DEFAULTS =
  'Defaults   !visiblepw\nDefaults    always_set_home\nDefaults    match_group_by_gid\nDefaults    always_query_group_plugin\nDefaults    env_reset\nDefaults    env_keep =  "COLORS DISPLAY HOSTNAME HISTSIZE KDEDIR LS_COLORS"\nDefaults    env_keep += "MAIL QTDIR USERNAME LANG LC_ADDRESS LC_CTYPE"\nDefaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin\nDefaults !requiretty\nroot\tALL=(ALL) \tALL\n%wheel\tALL=(ALL)\tALL\n';

testRule(rule, {
  valid: [
    { name: 'Debian stock sudoers', facts: { sudoers: sudoersFact([{ path: '/etc/sudoers', text: DEBIAN_SUDOERS }]) } },
    {
      name: 'RHEL stock sudoers (!visiblepw, env_keep of display variables, !requiretty)',
      facts: { sudoers: sudoersFact([{ path: '/etc/sudoers', text: RHEL_DEFAULTS }]) },
    },
  ],
  invalid: [
    {
      name: 'dropped file disables authentication and logging',
      facts: {
        sudoers: sudoersFact([
          { path: '/etc/sudoers', text: DEBIAN_SUDOERS },
          { path: '/etc/sudoers.d/00-tty', text: 'Defaults !authenticate, !syslog\n', mtime: '2026-11-19T05:00:00.000Z' },
        ]),
      },
      expect: [
        {
          severity: 'high',
          path: '/etc/sudoers.d/00-tty',
          title: /Defaults !authenticate/,
          evidence: /00-tty:1: Defaults !authenticate, !syslog/,
        },
        { severity: 'medium', path: '/etc/sudoers.d/00-tty', title: /logging turned off \(!syslog\)/ },
      ],
    },
    {
      name: 'LD_PRELOAD kept for one user, env_reset off',
      facts: { sudoers: sudoersFact([{ path: '/etc/sudoers', text: 'Defaults:deploy env_keep += "LD_PRELOAD"\nDefaults !env_reset\n' }]) },
      expect: [
        { severity: 'high', title: /LD_PRELOAD.*Defaults:deploy/ },
        { severity: 'medium', title: /!env_reset/ },
      ],
    },
  ],
});
