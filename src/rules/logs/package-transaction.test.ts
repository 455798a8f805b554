import type { PackageTransaction } from '../../collect/logs/package-history';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './package-transaction';

// Fixture reference time 2026-11-20T12:00Z; the recent window is the week before.
const users = { users: [{ name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' }], groups: [] } as never;

function tx(
  id: number,
  time: string,
  cmdline: string,
  packages: [PackageTransaction['packages'][number]['action'], string][],
): PackageTransaction {
  return {
    source: '/var/lib/dnf/history.sqlite',
    id,
    time,
    uid: 0,
    cmdline,
    ok: true,
    packages: packages.map(([action, name]) => ({ action, name, nevra: `${name}-1.0-1.el9.x86_64` })),
  };
}

const UPDATE = tx(7, '2026-11-17T03:00:00.000Z', 'update -y', [
  ['upgrade', 'openssl'],
  ['upgrade', 'kernel'],
]);

testRule(rule, {
  valid: [
    { name: 'no yum/dnf history (Debian)', facts: { packageHistory: { tool: null, transactions: [], total: 0 } } },
    {
      name: 'scanner installed and audit removed long before the window',
      facts: {
        packageHistory: {
          tool: 'dnf',
          total: 2,
          transactions: [
            tx(1, '2025-01-10T10:00:00.000Z', 'install nmap', [['install', 'nmap']]),
            tx(2, '2025-01-11T10:00:00.000Z', 'remove audit', [['remove', 'audit']]),
          ],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'masscan installed and audit plus selinux-policy removed by root this week; a routine update stays info',
      facts: {
        users,
        packageHistory: {
          tool: 'dnf',
          total: 3,
          transactions: [
            UPDATE,
            tx(9, '2026-11-19T02:10:00.000Z', 'install -y masscan screen', [
              ['install', 'masscan'],
              ['install', 'screen'],
            ]),
            tx(10, '2026-11-19T02:11:00.000Z', 'remove -y audit selinux-policy-targeted', [
              ['remove', 'audit'],
              ['remove', 'selinux-policy-targeted'],
              ['remove', 'mlocate'],
            ]),
          ],
        },
      },
      expect: [
        {
          severity: 'high',
          user: 'root',
          title: /Attack tools installed with dnf on 2026-11-19T02:10:00.000Z: masscan$/,
          evidence: /install: masscan-1.0/,
        },
        { severity: 'high', title: /Security packages removed .*: audit, selinux-policy-targeted$/ },
        { severity: 'info', title: /dnf transaction 7 .*2 package\(s\) by root/ },
      ],
    },
    {
      name: 'nmap installed by root this week, nothing else: low',
      facts: {
        users,
        packageHistory: {
          tool: 'dnf',
          total: 1,
          transactions: [
            tx(10, '2026-11-18T09:00:00.000Z', 'install nmap tcpdump', [
              ['install', 'nmap'],
              ['install', 'tcpdump'],
            ]),
          ],
        },
      },
      expect: [{ severity: 'low', title: /Attack tools installed with dnf .*: nmap$/, evidence: /most likely an admin at work/ }],
    },
    {
      name: 'nmap installed by an unknown login uid: high',
      facts: {
        users,
        packageHistory: {
          tool: 'dnf',
          total: 1,
          transactions: [{ ...tx(11, '2026-11-18T09:00:00.000Z', 'install -y nmap', [['install', 'nmap']]), uid: null }],
        },
      },
      expect: [{ severity: 'high', title: /nmap$/ }],
    },
    {
      name: 'an upgrade of audit and a reinstall of firewalld are only timeline entries',
      facts: {
        users,
        packageHistory: {
          tool: 'yum',
          total: 1,
          transactions: [
            {
              ...tx(8, '2026-11-18T03:00:00.000Z', 'upgrade audit', [
                ['upgrade', 'audit'],
                ['reinstall', 'firewalld'],
              ]),
              uid: null,
            },
          ],
        },
      },
      expect: [{ severity: 'info', title: /yum transaction 8 .* by unknown user/ }],
    },
  ],
});
