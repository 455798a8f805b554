import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG } from '../../../test/helpers/snapshot';
import { DEBIAN_SSHD_CONFIG, sshdFact } from '../../../test/helpers/ssh-fixtures';
import rule from './sshd-keys-command';

const packages = {
  ...DPKG,
  files: [...DPKG.files, '/usr/bin/sss_ssh_authorizedkeys', '/usr/share/ec2-instance-connect/eic_run_authorized_keys'],
};

testRule(rule, {
  valid: [
    { name: 'Debian stock config', facts: { packages, sshdConfig: sshdFact(DEBIAN_SSHD_CONFIG) } },
    {
      name: 'SSSD key lookup from its package',
      facts: {
        packages,
        sshdConfig: sshdFact('AuthorizedKeysCommand /usr/bin/sss_ssh_authorizedkeys\nAuthorizedKeysCommandUser nobody\n'),
      },
    },
    {
      name: 'EC2 Instance Connect',
      facts: {
        packages,
        sshdConfig: sshdFact(
          'AuthorizedKeysCommand /usr/share/ec2-instance-connect/eic_run_authorized_keys %u %f\nAuthorizedKeysCommandUser ec2-instance-connect\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'unpackaged program in /usr/local',
      facts: { packages, sshdConfig: sshdFact('AuthorizedKeysCommand /usr/local/bin/keyhelper %u\nAuthorizedKeysCommandUser root\n') },
      expect: [{ severity: 'high', path: '/etc/ssh/sshd_config', title: /\/usr\/local\/bin\/keyhelper/, evidence: /package-owned: no/ }],
    },
    {
      name: 'hidden program in /dev/shm',
      facts: { packages, sshdConfig: sshdFact('AuthorizedKeysCommand /dev/shm/.k %u\n') },
      expect: [{ severity: 'critical', title: /\/dev\/shm\/\.k/ }],
    },
  ],
});
