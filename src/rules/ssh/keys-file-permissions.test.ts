import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts } from '../../../test/helpers/accounts';
import { ED25519, keysFact } from '../../../test/helpers/ssh-fixtures';
import rule from './keys-file-permissions';

const { users } = accountFacts();
const alice = { path: '/home/alice/.ssh/authorized_keys', users: ['alice'], text: ED25519, uid: 1000, dirUid: 1000, homeUid: 1000 };

testRule(rule, {
  valid: [
    { name: 'usual 600/700/755 modes owned by the user', facts: { users, sshKeys: keysFact([alice]) } },
    {
      name: 'root-owned keys file for a user (managed by configuration management)',
      facts: { users, sshKeys: keysFact([{ ...alice, uid: 0, mode: 0o644 }]) },
    },
    { name: 'world-writable file with no keys in it', facts: { users, sshKeys: keysFact([{ ...alice, text: '', mode: 0o666 }]) } },
  ],
  invalid: [
    {
      name: 'world-writable authorized_keys',
      facts: { users, sshKeys: keysFact([{ ...alice, mode: 0o666 }]) },
      expect: [{ severity: 'high', user: 'alice', path: '/home/alice/.ssh/authorized_keys', title: /authorized_keys \(0666\)/ }],
    },
    {
      name: 'world-writable .ssh directory of root',
      facts: { users, sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: ED25519, dirMode: 0o777 }]) },
      expect: [{ severity: 'high', user: 'root', title: /\/root\/\.ssh \(0777\)/ }],
    },
    {
      name: 'keys file owned by www-data',
      facts: { users, sshKeys: keysFact([{ ...alice, uid: 33 }]) },
      expect: [{ severity: 'high', user: 'alice', title: /owned by another account \(UID 33\)/ }],
    },
  ],
});
