import { testRule } from '../../../test/helpers/rule-tester';
import { ED25519, ED25519_FP, keysFact, RSA } from '../../../test/helpers/ssh-fixtures';
import rule from './authorized-keys-inventory';

testRule(rule, {
  valid: [
    { name: 'no keys files', facts: { sshKeys: { files: [], keys: [] } } },
    {
      name: 'keys file with only comments',
      facts: { sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: '# nothing here\n\n' }]) },
    },
  ],
  invalid: [
    {
      name: 'root with two keys',
      facts: {
        sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: `${ED25519}\nfrom="10.1.0.0/16" ${RSA}\n` }]),
      },
      expect: [
        {
          severity: 'info',
          user: 'root',
          path: '/root/.ssh/authorized_keys',
          title: /2 SSH key\(s\) let root log in/,
          evidence: new RegExp(
            `authorized_keys:1: ssh-ed25519 .* alice@laptop  \\[${ED25519_FP}\\][\\s\\S]*:2: from="10.1.0.0/16" ssh-rsa`,
          ),
        },
      ],
    },
  ],
});
