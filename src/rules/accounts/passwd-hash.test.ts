import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD } from '../../../test/helpers/accounts';
import rule from './passwd-hash';

testRule(rule, {
  valid: [
    { name: 'all accounts shadowed with x', facts: accountFacts() },
    {
      name: 'locked "*" and "!" fields in passwd',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\nold:*:1003:1003::/home/old:/bin/bash\nold2:!:1004:1004::/home/old2:/bin/bash` }),
    },
  ],
  invalid: [
    {
      name: 'md5-crypt hash for a UID 0 one-liner',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\nhax:$1$abcdefgh$ZZZZZZZZZZZZZZZZZZZZZZ:0:0::/:/bin/sh` }),
      expect: [
        {
          severity: 'critical',
          user: 'hax',
          path: '/etc/passwd',
          evidence: /^\/etc\/passwd:11: hax:<\$1\$ hash redacted>:0:0::\/:\/bin\/sh$/,
        },
      ],
    },
    {
      name: 'DES hash on a nologin account is high',
      facts: accountFacts({ passwd: DEBIAN_PASSWD.replace('daemon:x:', 'daemon:abJnggxhB/yWI:') }),
      expect: [{ severity: 'high', user: 'daemon', title: /daemon \(des\)/ }],
    },
  ],
});
