import { testRule } from '../../../test/helpers/rule-tester';
import { ED25519, ED25519_FP, keysFact, RSA } from '../../../test/helpers/ssh-fixtures';
import rule from './shared-key';

testRule(rule, {
  valid: [
    {
      name: 'each account its own key',
      facts: {
        sshKeys: keysFact([
          { path: '/root/.ssh/authorized_keys', users: ['root'], text: ED25519 },
          { path: '/home/alice/.ssh/authorized_keys', users: ['alice'], text: RSA },
        ]),
      },
    },
    {
      name: 'same key twice in one file',
      facts: { sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: `${ED25519}\n${ED25519}` }]) },
    },
  ],
  invalid: [
    {
      name: 'alice key also in root',
      facts: {
        sshKeys: keysFact([
          { path: '/root/.ssh/authorized_keys', users: ['root'], text: ED25519 },
          { path: '/home/alice/.ssh/authorized_keys', users: ['alice'], text: `${RSA}\n${ED25519}` },
        ]),
      },
      expect: [
        {
          severity: 'info',
          user: 'root',
          path: '/root/.ssh/authorized_keys',
          title: /\(alice@laptop\) logs in as root, alice/,
          evidence: new RegExp(ED25519_FP.replace('+', '\\+')),
        },
      ],
    },
  ],
});
