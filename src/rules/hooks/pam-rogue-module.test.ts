import { DEBIAN_PAM, moduleFile, PAM_PACKAGES, pamFact, STOCK_MODULES } from '../../../test/helpers/stock-pam';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './pam-rogue-module';

const stockModules = STOCK_MODULES.map((m) => moduleFile(m));

testRule(rule, {
  valid: [
    { name: 'Debian stock stacks and modules matching dpkg md5sums', facts: { pam: pamFact(DEBIAN_PAM), packages: PAM_PACKAGES } },
    {
      name: 'module from a package without md5 record (rpm-style) and no package database',
      facts: { pam: pamFact(DEBIAN_PAM, [...stockModules, moduleFile('pam_sss.so', { packageMd5: null })]) },
    },
    {
      name: 'rpm host: module matching the sha256 in the rpm header',
      facts: {
        pam: pamFact(DEBIAN_PAM, [
          ...stockModules,
          moduleFile('pam_sss.so', { packageMd5: null, sha256: 'a'.repeat(64), packageSha256: 'a'.repeat(64) }),
        ]),
        packages: { ...PAM_PACKAGES, manager: 'rpm', files: [...PAM_PACKAGES.files, '/usr/lib/x86_64-linux-gnu/security/pam_sss.so'] },
      },
    },
  ],
  invalid: [
    {
      name: 'rpm host: pam_unix.so whose sha256 differs from the rpm header',
      facts: {
        pam: pamFact(DEBIAN_PAM, [
          ...stockModules.filter((m) => !m.path.endsWith('pam_unix.so')),
          moduleFile('pam_unix.so', { packageMd5: null, sha256: 'b'.repeat(64), packageSha256: 'a'.repeat(64) }),
        ]),
        packages: { ...PAM_PACKAGES, manager: 'rpm' },
      },
      expect: [{ severity: 'critical', title: /differs from the packaged file/, evidence: /sha256 b{64}/ }],
    },
    {
      name: 'pam_unix.so patched (MD5 differs from dpkg)',
      facts: {
        pam: pamFact(DEBIAN_PAM, [
          ...stockModules.filter((m) => !m.path.endsWith('pam_unix.so')),
          moduleFile('pam_unix.so', { md5: 'deadbeefdeadbeefdeadbeefdeadbeef', mtime: '2026-11-18T02:00:00.000Z' }),
        ]),
        packages: PAM_PACKAGES,
      },
      expect: [
        {
          severity: 'critical',
          path: '/usr/lib/x86_64-linux-gnu/security/pam_unix.so',
          title: /differs from the packaged file/,
          evidence: /md5 deadbeef[^]*common-auth:1:/,
        },
      ],
    },
    {
      name: 'unowned module used by sshd, and an unused one staged beside it',
      facts: {
        pam: pamFact({ ...DEBIAN_PAM, sshd: `auth sufficient pam_sshd_helper.so\n${DEBIAN_PAM.sshd}` }, [
          ...stockModules,
          moduleFile('pam_sshd_helper.so', { packageMd5: null }),
          moduleFile('pam_unix2.so', { packageMd5: null }),
        ]),
        packages: PAM_PACKAGES,
      },
      expect: [
        {
          severity: 'high',
          path: '/usr/lib/x86_64-linux-gnu/security/pam_sshd_helper.so',
          evidence: /sshd:1: auth sufficient pam_sshd_helper\.so/,
        },
        { severity: 'medium', path: '/usr/lib/x86_64-linux-gnu/security/pam_unix2.so' },
      ],
    },
    {
      name: 'module loaded by absolute path from a hidden directory',
      facts: {
        pam: pamFact({ ...DEBIAN_PAM, 'common-auth': `auth optional /usr/share/.x/pam_log.so\n${DEBIAN_PAM['common-auth']}` }, [
          ...stockModules,
          { ...moduleFile('x'), path: '/usr/share/.x/pam_log.so', packageMd5: null },
        ]),
        packages: PAM_PACKAGES,
      },
      expect: [
        { severity: 'critical', path: '/etc/pam.d/common-auth', title: /outside the module directories: \/usr\/share\/\.x\/pam_log\.so/ },
      ],
    },
  ],
});
