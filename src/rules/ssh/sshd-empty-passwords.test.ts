import { testRule } from '../../../test/helpers/rule-tester';
import { DEBIAN_SSHD_CONFIG, sshdFact } from '../../../test/helpers/ssh-fixtures';
import rule from './sshd-empty-passwords';

testRule(rule, {
  valid: [
    { name: 'Debian stock config', facts: { sshdConfig: sshdFact(DEBIAN_SSHD_CONFIG) } },
    { name: 'explicit no wins over a later yes', facts: { sshdConfig: sshdFact('PermitEmptyPasswords no\nPermitEmptyPasswords yes\n') } },
  ],
  invalid: [
    {
      name: 'PermitEmptyPasswords yes',
      facts: { sshdConfig: sshdFact(`${DEBIAN_SSHD_CONFIG}PermitEmptyPasswords yes\n`) },
      expect: [{ severity: 'critical', path: '/etc/ssh/sshd_config', evidence: /sshd_config:11: PermitEmptyPasswords yes/ }],
    },
    {
      name: 'inside a Match block',
      facts: { sshdConfig: sshdFact('Match User guest\n PermitEmptyPasswords yes\n') },
      expect: [{ severity: 'critical', evidence: /:2: PermitEmptyPasswords yes/ }],
    },
  ],
});
