import { testRule } from '../../../test/helpers/rule-tester';
import { ED25519, keysFact, RSA, sshdFact } from '../../../test/helpers/ssh-fixtures';
import rule from './authorized-keys-recent';

const YESTERDAY = '2026-11-19T22:10:00.000Z';

testRule(rule, {
  valid: [
    {
      name: 'keys added long ago',
      facts: { sshKeys: keysFact([{ path: '/home/alice/.ssh/authorized_keys', users: ['alice'], text: `${ED25519}\n${RSA}\n` }]) },
    },
    {
      name: 'recently emptied file has no keys',
      facts: { sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: '', mtime: YESTERDAY }]) },
    },
  ],
  invalid: [
    {
      name: 'root key added yesterday is high',
      facts: {
        sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: `${ED25519}\n${RSA}\n`, mtime: YESTERDAY }]),
      },
      expect: [
        {
          severity: 'high',
          user: 'root',
          path: '/root/.ssh/authorized_keys',
          title: /SSH keys of root changed 2026-11-19T22:10/,
          evidence: /mtime 2026-11-19T22:10:00.000Z/,
        },
      ],
    },
    {
      name: 'user key added yesterday is medium',
      facts: { sshKeys: keysFact([{ path: '/home/alice/.ssh/authorized_keys', users: ['alice'], text: `${RSA}\n`, mtime: YESTERDAY }]) },
      expect: [{ severity: 'medium', user: 'alice' }],
    },
    {
      name: 'cloud default user key written with the host keys at first boot is low',
      facts: {
        sshKeys: keysFact([{ path: '/home/debian/.ssh/authorized_keys', users: ['debian'], text: `${RSA}\n`, mtime: YESTERDAY }]),
        sshdConfig: sshdFact('', ['2026-11-19T22:09:30.000Z']),
      },
      expect: [{ severity: 'low', user: 'debian' }],
    },
  ],
});
