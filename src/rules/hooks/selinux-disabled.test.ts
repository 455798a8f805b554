import type { SelinuxFact } from '../../collect/hooks/selinux';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './selinux-disabled';

// Reference time of the fixtures: 2026-11-20T12:00Z; the recent window is the week before.
const RECENT = '2026-11-19T03:12:44.000Z';
const YEARS_AGO = '2023-04-02T08:00:00.000Z';

function selinux(mode: string | null, time: string, enforce: number | null = null): SelinuxFact {
  const text = mode === null ? '' : `SELINUX=${mode}`;
  return {
    config: { path: '/etc/selinux/config', mode, line: mode === null ? null : { n: 7, text }, mtime: time, ctime: time },
    enforce,
  };
}

testRule(rule, {
  valid: [
    { name: 'enforcing, edited recently (admin changed SELINUXTYPE)', facts: { selinux: selinux('enforcing', RECENT) } },
    { name: 'disabled at install time, years ago (common on old CentOS boxes)', facts: { selinux: selinux('disabled', YEARS_AGO) } },
    { name: 'no /etc/selinux/config (Debian)', facts: { selinux: { config: null, enforce: null } } },
    { name: 'live host enforcing as configured', facts: { selinux: selinux('enforcing', YEARS_AGO, 1) } },
    { name: 'config has no SELINUX= line', facts: { selinux: selinux(null, RECENT) } },
  ],
  invalid: [
    {
      name: 'SELINUX=disabled written by a dropper yesterday',
      facts: { selinux: selinux('disabled', RECENT) },
      expect: [{ severity: 'high', path: '/etc/selinux/config', title: /SELinux set to disabled/, evidence: /config:7: SELINUX=disabled/ }],
    },
    {
      name: 'SELINUX=permissive set this week (mtime faked old, ctime recent)',
      facts: {
        selinux: {
          config: {
            path: '/etc/selinux/config',
            mode: 'permissive',
            line: { n: 3, text: 'SELINUX=permissive' },
            mtime: YEARS_AGO,
            ctime: RECENT,
          },
          enforce: null,
        },
      },
      expect: [{ severity: 'medium', title: /permissive/, evidence: /changed:? 2026-11-19/ }],
    },
    {
      name: 'live: setenforce 0 since boot while the config says enforcing',
      facts: { selinux: selinux('enforcing', YEARS_AGO, 0) },
      expect: [{ severity: 'high', path: '/sys/fs/selinux/enforce', evidence: /enforce: 0/ }],
    },
  ],
});
