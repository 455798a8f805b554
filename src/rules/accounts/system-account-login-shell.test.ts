import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD, shadowFor, TODAY } from '../../../test/helpers/accounts';
import rule from './system-account-login-shell';

const rhel6 = 'root:x:0:0:root:/root:/bin/bash\nsync:x:5:0:sync:/sbin:/bin/sync\nbob:x:500:500::/home/bob:/bin/bash';

testRule(rule, {
  valid: [
    { name: 'Debian with postgres (packaged, /bin/bash) and sync (/bin/sync)', facts: accountFacts() },
    { name: 'RHEL 6 people start at UID 500 (login.defs UID_MIN)', facts: accountFacts({ passwd: rhel6, uidMin: 500 }) },
    {
      name: 'git account with git-shell',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\ngitd:x:120:120::/srv/git:/usr/bin/git-shell` }),
    },
  ],
  invalid: [
    {
      name: 'www-data given bash, password still "*"',
      facts: accountFacts({ passwd: DEBIAN_PASSWD.replace('www-data:/var/www:/usr/sbin/nologin', 'www-data:/var/www:/bin/bash') }),
      expect: [
        {
          severity: 'medium',
          user: 'www-data',
          path: '/etc/passwd',
          title: /System account www-data \(UID 33\) has login shell \/bin\/bash$/,
        },
      ],
    },
    {
      name: 'new low-UID account with a password',
      facts: (() => {
        const p = `${DEBIAN_PASSWD}\nsystemd-network1:x:998:998::/var/lib/sn:/bin/sh`;
        return accountFacts({ passwd: p, shadow: shadowFor(p, { 'systemd-network1': { field: '$6$s$h', day: TODAY } }) });
      })(),
      expect: [{ severity: 'high', user: 'systemd-network1', title: /usable password/, evidence: /<\$6\$ hash redacted>/ }],
    },
  ],
});
