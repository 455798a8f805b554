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
      name: 'root hash changed yesterday',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, { root: { field: '$6$salt$newhash', day: TODAY - 1 } }) }),
      expect: [
        {
          severity: 'medium',
          user: 'root',
          path: '/etc/shadow',
          title: /2026-11-19/,
          evidence: /^\/etc\/shadow:1: root:<\$6\$ hash redacted>:20776:/,
        },
      ],
    },
  ],
});
