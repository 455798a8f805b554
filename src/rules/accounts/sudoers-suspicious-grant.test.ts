import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts } from '../../../test/helpers/accounts';
import { DEBIAN_SUDOERS, sudoersFact } from '../../../test/helpers/sudoers';
import rule from './sudoers-suspicious-grant';

const accounts = accountFacts();
const RECENT = '2026-11-18T21:00:00.000Z';

testRule(rule, {
  valid: [
    {
      name: 'Debian stock sudoers, even if edited this week',
      facts: { ...accounts, sudoers: sudoersFact([{ path: '/etc/sudoers', text: DEBIAN_SUDOERS, mtime: RECENT }]) },
    },
    {
      name: 'old grant for a person',
      facts: { ...accounts, sudoers: sudoersFact([{ path: '/etc/sudoers.d/alice', text: 'alice ALL=(ALL) ALL\n' }]) },
    },
    {
      name: 'recent scoped grant to www-data for one command',
      facts: {
        ...accounts,
        sudoers: sudoersFact([{ path: '/etc/sudoers.d/web', text: 'www-data ALL=(root) /usr/sbin/nginx -s reload\n', mtime: RECENT }]),
      },
    },
  ],
  invalid: [
    {
      name: 'www-data may run anything',
      facts: { ...accounts, sudoers: sudoersFact([{ path: '/etc/sudoers.d/www', text: 'www-data ALL=(ALL) NOPASSWD: ALL\n' }]) },
      expect: [{ severity: 'high', user: 'www-data', path: '/etc/sudoers.d/www', title: /Service account www-data/ }],
    },
    {
      name: 'person granted full sudo this week',
      facts: {
        ...accounts,
        sudoers: sudoersFact([{ path: '/etc/sudoers', text: `${DEBIAN_SUDOERS}alice ALL=(ALL:ALL) ALL\n`, mtime: RECENT }]),
      },
      expect: [
        {
          severity: 'medium',
          user: 'alice',
          path: '/etc/sudoers',
          title: /New full sudo grant for alice/,
          evidence: /sudoers:8: alice ALL=\(ALL:ALL\) ALL/,
        },
      ],
    },
  ],
});
