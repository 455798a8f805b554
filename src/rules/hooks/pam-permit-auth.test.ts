import { DEBIAN_PAM, pamFact, pamFile, RHEL_PAM } from '../../../test/helpers/stock-pam';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './pam-permit-auth';

const withCommonAuth = (text: string) => pamFact({ ...DEBIAN_PAM, 'common-auth': text });

testRule(rule, {
  valid: [
    { name: 'Debian stock stacks (required pam_permit after requisite pam_deny; gdm-autologin)', facts: { pam: pamFact(DEBIAN_PAM) } },
    { name: 'RHEL authselect password-auth via substack', facts: { pam: pamFact(RHEL_PAM) } },
    {
      name: 'Ubuntu common-auth with sssd',
      facts: {
        pam: withCommonAuth(
          'auth [success=2 default=ignore] pam_unix.so nullok\nauth [success=1 default=ignore] pam_sss.so use_first_pass\nauth requisite pam_deny.so\nauth required pam_permit.so\nauth optional pam_cap.so\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'auth sufficient pam_permit.so at the top of common-auth (reached through sshd, login, su…)',
      facts: { pam: withCommonAuth(`auth sufficient pam_permit.so\n${DEBIAN_PAM['common-auth']}`) },
      expect: [
        {
          severity: 'critical',
          path: '/etc/pam.d/common-auth',
          title: /anyone authenticate to common-auth/,
          evidence: /^\/etc\/pam\.d\/common-auth:1: auth sufficient pam_permit\.so$/,
        },
      ],
    },
    {
      name: 'pam_unix swapped for pam_permit in the success-jump line',
      facts: {
        pam: withCommonAuth(
          'auth\t[success=1 default=ignore]\tpam_permit.so nullok\nauth\trequisite\t\t\tpam_deny.so\nauth\trequired\t\t\tpam_permit.so\n',
        ),
      },
      expect: [{ severity: 'critical', path: '/etc/pam.d/common-auth', evidence: /common-auth:1:/ }],
    },
    {
      name: 'sshd with only pam_permit in auth',
      facts: { pam: pamFact({ ...DEBIAN_PAM, sshd: 'auth required pam_env.so\nauth required pam_permit.so\n@include common-account\n' }) },
      expect: [{ severity: 'critical', path: '/etc/pam.d/sshd', title: /to sshd/ }],
    },
    {
      name: 'sufficient pam_permit appended after pam_deny: tampering, not yet effective',
      facts: {
        pam: {
          ...pamFact(RHEL_PAM),
          files: [
            ...pamFact(RHEL_PAM).files.filter((f) => f.service !== 'password-auth'),
            pamFile('password-auth', `${RHEL_PAM['password-auth']}auth sufficient pam_permit.so\n`),
          ],
        },
      },
      expect: [{ severity: 'high', path: '/etc/pam.d/password-auth', title: /not yet effective/, evidence: /password-auth:7:/ }],
    },
  ],
});
