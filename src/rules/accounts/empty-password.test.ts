import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD, shadowFor, TODAY } from '../../../test/helpers/accounts';
import rule from './empty-password';

testRule(rule, {
  valid: [
    {
      name: 'hashed, locked and "*" passwords',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, { alice: { field: '!$y$j9T$x$y' }, postgres: { field: '!' } }) }),
    },
    {
      name: 'empty password on a nologin service account',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, { 'www-data': { field: '' } }) }),
    },
    { name: 'shadow unreadable: unknown, not empty', facts: accountFacts({ shadow: null }) },
  ],
  invalid: [
    {
      name: 'shadow password emptied for root',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, { root: { field: '', day: TODAY } }) }),
      expect: [{ severity: 'critical', user: 'root', path: '/etc/shadow', evidence: /\/etc\/shadow:1: root::20777:/ }],
    },
    {
      name: 'empty passwd field with an empty shell (means /bin/sh)',
      facts: accountFacts({ passwd: `${DEBIAN_PASSWD}\nguest::1002:1002:::` }),
      expect: [{ severity: 'critical', user: 'guest', path: '/etc/passwd', title: /guest has no password/ }],
    },
  ],
});
