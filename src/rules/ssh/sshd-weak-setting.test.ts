import { testRule } from '../../../test/helpers/rule-tester';
import { DEBIAN_SSHD_CONFIG, sshdFact } from '../../../test/helpers/ssh-fixtures';
import rule from './sshd-weak-setting';

testRule(rule, {
  valid: [
    { name: 'Debian stock sshd_config', facts: { sshdConfig: sshdFact(DEBIAN_SSHD_CONFIG) } },
    {
      name: 'prohibit-password, without-password, port 22 and PermitUserEnvironment no',
      facts: { sshdConfig: sshdFact('PermitRootLogin prohibit-password\nPermitRootLogin yes\nPort 22\nPermitUserEnvironment no\n') },
    },
    {
      name: 'root login only inside a Match block',
      facts: { sshdConfig: sshdFact('PermitRootLogin no\nMatch Address 10.0.0.5\n  PermitRootLogin yes\n') },
    },
    { name: 'no OpenSSH server', facts: { sshdConfig: { present: false, files: [], options: [], hostKeyTimes: [] } } },
  ],
  invalid: [
    {
      name: 'root password login (seed 002)',
      facts: { sshdConfig: sshdFact('PermitRootLogin yes\nPasswordAuthentication yes\n') },
      expect: [
        {
          severity: 'medium',
          user: 'root',
          path: '/etc/ssh/sshd_config',
          title: /root log in with a password/,
          evidence: /sshd_config:1: PermitRootLogin yes\n\/etc\/ssh\/sshd_config:2: PasswordAuthentication yes/,
        },
      ],
    },
    {
      name: 'root keys only, environment, and port 2222',
      facts: { sshdConfig: sshdFact('Port 2222\npermitrootlogin=yes\nPasswordAuthentication no\nPermitUserEnvironment yes\n') },
      expect: [
        { severity: 'medium', title: /allows root login/ },
        { severity: 'medium', title: /PermitUserEnvironment yes/ },
        { severity: 'info', title: /port 2222/ },
      ],
    },
  ],
});
