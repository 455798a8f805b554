import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD } from '../../../test/helpers/accounts';
import { ED25519, keysFact, RSA } from '../../../test/helpers/ssh-fixtures';
import rule from './key-in-nologin-account';

const { users } = accountFacts({ passwd: `${DEBIAN_PASSWD}\ngit:x:998:998::/srv/git:/usr/bin/git-shell` });

testRule(rule, {
  valid: [
    {
      name: 'keys for root, alice and postgres (login shells)',
      facts: {
        users,
        sshKeys: keysFact([
          { path: '/root/.ssh/authorized_keys', users: ['root'], text: ED25519 },
          { path: '/home/alice/.ssh/authorized_keys', users: ['alice'], text: RSA },
          { path: '/var/lib/postgresql/.ssh/authorized_keys', users: ['postgres'], text: RSA },
        ]),
      },
    },
    {
      name: 'git-shell hosting account with keys',
      facts: { users, sshKeys: keysFact([{ path: '/srv/git/.ssh/authorized_keys', users: ['git'], text: `${ED25519}\n${RSA}` }]) },
    },
    {
      name: 'www-data keys file without keys',
      facts: { users, sshKeys: keysFact([{ path: '/var/www/.ssh/authorized_keys', users: ['www-data'], text: '# empty\n' }]) },
    },
  ],
  invalid: [
    {
      name: 'key planted for www-data',
      facts: {
        users,
        sshKeys: keysFact([{ path: '/var/www/.ssh/authorized_keys', users: ['www-data'], text: RSA, mtime: '2026-11-18T00:00:00.000Z' }]),
      },
      expect: [
        {
          severity: 'high',
          user: 'www-data',
          path: '/var/www/.ssh/authorized_keys',
          title: /no-login account www-data/,
          evidence: /nologin[\s\S]*ssh-rsa/,
        },
      ],
    },
  ],
});
