import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD, shadowFor, TODAY } from '../../../test/helpers/accounts';
import rule from './root-password-changed';

const allToday = Object.fromEntries(
  ['root', 'daemon', 'bin', 'sys', 'sync', 'mail', 'www-data', 'nobody', 'postgres', 'alice'].map((n) => [n, { day: TODAY }]),
);

testRule(rule, {
  valid: [
    { name: 'root password set long ago', facts: accountFacts() },
    {
      name: 'fresh install: root set the same day as all system accounts',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, allToday) }),
    },
    {
      name: 'root locked ("*") recently, as debootstrap leaves it',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, { root: { field: '*', day: TODAY } }) }),
    },
  ],
  invalid: [
    {
      name: 'root hash changed yesterday, nothing else: low',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, { root: { field: '$6$salt$newhash', day: TODAY - 1 } }) }),
      expect: [
        {
          severity: 'low',
          user: 'root',
          path: '/etc/shadow',
          title: /2026-11-19/,
          evidence: /^\/etc\/shadow:1: root:<\$6\$ hash redacted>:20776:/,
        },
      ],
    },
    {
      name: 'root hash changed yesterday and a second UID 0 account exists: medium',
      facts: accountFacts({
        passwd: `${DEBIAN_PASSWD}\nsysupd:x:0:0::/root:/bin/bash`,
        shadow: shadowFor(`${DEBIAN_PASSWD}\nsysupd:x:0:0::/root:/bin/bash`, { root: { field: '$6$salt$newhash', day: TODAY - 1 } }),
      }),
      expect: [{ severity: 'medium', evidence: /signal: sysupd is a second account with UID 0/ }],
    },
    {
      name: 'root hash changed the day a login account was created: medium',
      facts: accountFacts({
        passwd: `${DEBIAN_PASSWD}\nmaill:x:1001:1001::/home/maill:/bin/bash`,
        shadow: shadowFor(`${DEBIAN_PASSWD}\nmaill:x:1001:1001::/home/maill:/bin/bash`, {
          root: { field: '$6$salt$newhash', day: TODAY - 1 },
          maill: { day: TODAY - 1 },
        }),
      }),
      expect: [{ severity: 'medium', evidence: /signal: the login account maill was created or changed within a day of it/ }],
    },
  ],
});
