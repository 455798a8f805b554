import { testRule } from '../../../test/helpers/rule-tester';
import { ED25519, keysFact, RSA } from '../../../test/helpers/ssh-fixtures';
import rule from './authorized-keys2';

testRule(rule, {
  valid: [
    {
      name: 'keys in authorized_keys only',
      facts: { sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: `${ED25519}\n${RSA}` }]) },
    },
    {
      name: 'empty authorized_keys2',
      facts: { sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys2', users: ['root'], text: '\n' }]) },
    },
  ],
  invalid: [
    {
      name: 'root key in authorized_keys2',
      facts: { sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys2', users: ['root'], text: RSA }]) },
      expect: [{ severity: 'medium', user: 'root', path: '/root/.ssh/authorized_keys2', evidence: /authorized_keys2:1: ssh-rsa/ }],
    },
  ],
});
