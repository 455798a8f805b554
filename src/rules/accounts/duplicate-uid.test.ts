import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD } from '../../../test/helpers/accounts';
import rule from './duplicate-uid';

testRule(rule, {
  valid: [
    { name: 'distinct UIDs', facts: accountFacts() },
    {
      name: 'a second UID 0 is left to uid-zero-account',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\ntoor:x:0:0::/root:/bin/bash` }),
    },
  ],
  invalid: [
    {
      name: 'second name for www-data',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\nwebadm:x:33:33::/var/www:/bin/bash` }),
      expect: [
        {
          severity: 'medium',
          user: 'webadm',
          path: '/etc/passwd',
          title: /UID 33 is shared by www-data, webadm/,
          evidence: /passwd:11: webadm:x:33/,
        },
      ],
    },
  ],
});
