import { DEBIAN_PAM, PAM_PACKAGES, pamFact } from '../../../test/helpers/stock-pam';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './pam-exec';

const stock = pamFact(DEBIAN_PAM);
const withSshd = (extra: string) => pamFact({ ...DEBIAN_PAM, sshd: `${DEBIAN_PAM.sshd}${extra}` });

testRule(rule, {
  valid: [
    { name: 'Debian stock stacks have no pam_exec', facts: { pam: stock, packages: PAM_PACKAGES } },
    {
      name: 'packaged stack calling a packaged program',
      facts: {
        pam: pamFact({
          ...DEBIAN_PAM,
          'common-session': `${DEBIAN_PAM['common-session']}session optional pam_exec.so quiet /usr/bin/systemd-run\n`,
        }),
        packages: PAM_PACKAGES,
      },
    },
  ],
  invalid: [
    {
      name: 'password logger: expose_authtok to a script in /dev/shm',
      facts: { pam: withSshd('auth optional pam_exec.so quiet expose_authtok /dev/shm/.p.sh\n'), packages: PAM_PACKAGES },
      expect: [
        {
          severity: 'critical',
          path: '/etc/pam.d/sshd',
          title: /hands typed passwords to \/dev\/shm\/\.p\.sh/,
          evidence: /sshd:11: auth optional pam_exec\.so quiet expose_authtok/,
        },
      ],
    },
    {
      name: 'login notifier in /usr/local/bin (unowned) is medium',
      facts: { pam: withSshd('session optional pam_exec.so /usr/local/bin/ssh-notify.sh\n'), packages: PAM_PACKAGES },
      expect: [{ severity: 'medium', title: /unpackaged location/ }],
    },
    {
      name: 'no package database: plain exec is medium, expose_authtok is high',
      facts: {
        pam: withSshd(
          'session optional pam_exec.so log=/var/log/x.log /usr/sbin/notify\nauth optional pam_exec.so expose_authtok /usr/sbin/chk\n',
        ),
      },
      expect: [
        { severity: 'high', title: /passwords/ },
        { severity: 'medium', title: /PAM runs \/usr\/sbin\/notify as root at every session step of sshd/ },
      ],
    },
  ],
});
