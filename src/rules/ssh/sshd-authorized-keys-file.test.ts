import { testRule } from '../../../test/helpers/rule-tester';
import { DEBIAN_SSHD_CONFIG, sshdFact } from '../../../test/helpers/ssh-fixtures';
import rule from './sshd-authorized-keys-file';

testRule(rule, {
  valid: [
    { name: 'Debian stock config (commented default)', facts: { sshdConfig: sshdFact(DEBIAN_SSHD_CONFIG) } },
    {
      name: 'RHEL explicit default and %h spelling',
      facts: {
        sshdConfig: sshdFact(
          'AuthorizedKeysFile\t.ssh/authorized_keys\nAuthorizedKeysFile %h/.ssh/authorized_keys %h/.ssh/authorized_keys2\n',
        ),
      },
    },
    {
      name: 'AuthorizedKeysFile none',
      facts: { sshdConfig: sshdFact('AuthorizedKeysFile none\nAuthorizedKeysCommand /usr/bin/sss_ssh_authorizedkeys\n') },
    },
  ],
  invalid: [
    {
      name: 'extra hidden file in /tmp',
      facts: { sshdConfig: sshdFact('AuthorizedKeysFile .ssh/authorized_keys /tmp/.font-unix/.k\n') },
      expect: [{ severity: 'high', path: '/etc/ssh/sshd_config', title: /\/tmp\/\.font-unix\/\.k/ }],
    },
    {
      name: 'one shared file for all users, and a hidden per-user file',
      facts: { sshdConfig: sshdFact('AuthorizedKeysFile /etc/ssh/authorized_keys .config/.sys/keys\n') },
      expect: [
        { severity: 'high', title: /\/etc\/ssh\/authorized_keys$/ },
        { severity: 'high', title: /\.config\/\.sys\/keys/ },
      ],
    },
    {
      name: 'central key store is low',
      facts: { sshdConfig: sshdFact('AuthorizedKeysFile /etc/ssh/authorized_keys/%u\n') },
      expect: [{ severity: 'low', title: /\/etc\/ssh\/authorized_keys\/%u/ }],
    },
    {
      name: "another user's home inside a Match block",
      facts: { sshdConfig: sshdFact('Match User deploy\n  AuthorizedKeysFile /home/bob/.ssh/authorized_keys /home/bob/keys/%u\n') },
      expect: [
        { severity: 'high', title: /bob\/\.ssh/ },
        { severity: 'high', title: /bob\/keys\/%u/ },
      ],
    },
  ],
});
