import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_GROUP, DEBIAN_PASSWD } from '../../../test/helpers/accounts';
import rule from './gid-zero-login';

const RHEL_GID0 =
  'sync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\noperator:x:11:0:operator:/root:/sbin/nologin';

testRule(rule, {
  valid: [
    { name: 'Debian stock accounts', facts: accountFacts() },
    {
      name: 'RHEL sync/shutdown/halt/operator with GID 0 but no login shell',
      facts: accountFacts({ passwd: `root:x:0:0:root:/root:/bin/bash\n${RHEL_GID0}` }),
    },
    {
      name: 'a group named like root but with its own GID',
      facts: accountFacts({ group: `${DEBIAN_GROUP}\nroot2:x:1500:` }),
    },
    { name: 'root group lists root itself', facts: accountFacts({ group: DEBIAN_GROUP.replace('root:x:0:', 'root:x:0:root') }) },
  ],
  invalid: [
    {
      name: 'new account with GID 0 and bash',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\nmaill:x:1001:0::/home/maill:/bin/bash` }),
      expect: [{ severity: 'medium', user: 'maill', path: '/etc/passwd', evidence: /passwd:11: maill:x:1001:0/ }],
    },
    {
      name: 'person added to the root group',
      facts: accountFacts({ group: DEBIAN_GROUP.replace('root:x:0:', 'root:x:0:alice') }),
      expect: [{ severity: 'medium', user: 'alice', path: '/etc/group', title: /member of the root group/ }],
    },
    {
      name: 'a second group with GID 0 and a login account in it',
      facts: accountFacts({
        passwd: `${DEBIAN_PASSWD}\nops:x:1001:1001::/home/ops:/bin/bash`,
        group: `${DEBIAN_GROUP}\nsysadm:x:0:ops`,
      }),
      expect: [
        {
          severity: 'medium',
          path: '/etc/group',
          title: /^Group sysadm has GID 0/,
          evidence: /^\/etc\/group: sysadm:x:0:ops$/,
        },
        { severity: 'medium', user: 'ops', title: /^Login account ops is a member of the root group \(sysadm, GID 0\)$/ },
      ],
    },
  ],
});
