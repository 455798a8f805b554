import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD, shadowFor, TODAY } from '../../../test/helpers/accounts';
import rule from './uid-zero-account';

const withToor = `${DEBIAN_PASSWD}\nsysupd:x:0:0::/root:/bin/bash`;

testRule(rule, {
  valid: [
    { name: 'Debian accounts, only root has UID 0', facts: accountFacts() },
    { name: 'GID 0 alone is not UID 0', facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\noperator:x:11:0:operator:/root:/sbin/nologin` }) },
  ],
  invalid: [
    {
      name: 'extra UID 0 line appended to passwd',
      facts: accountFacts({ passwd: withToor, shadow: shadowFor(withToor, { sysupd: { field: '$6$abc$def', day: TODAY } }) }),
      expect: [
        {
          severity: 'critical',
          path: '/etc/passwd',
          user: 'sysupd',
          evidence: /\/etc\/passwd:11: sysupd:x:0:0[\s\S]*<\$6\$ hash redacted>/,
        },
      ],
    },
    {
      name: 'UID 0 written with leading zeros and no shadow entry',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\nbackdoor:x:000:0::/tmp:/bin/sh` }),
      expect: [{ severity: 'critical', user: 'backdoor', evidence: /^\/etc\/passwd:11: backdoor:x:000:0/ }],
    },
  ],
});
