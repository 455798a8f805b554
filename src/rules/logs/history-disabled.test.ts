import { historyFacts } from '../../../test/helpers/log-users';
import { testRule } from '../../../test/helpers/rule-tester';
import { loginFacts, sshSession, utmpFile } from '../../../test/helpers/utmp';
import rule from './history-disabled';

const rootSession = loginFacts({ wtmp: utmpFile(sshSession('root', '45.67.89.10', '2026-11-19T03:00:00Z', '2026-11-19T03:30:00Z')) });

testRule(rule, {
  valid: [
    { name: 'history with commands', facts: { logins: rootSession, histories: historyFacts({ '/root/.bash_history': 'ls\n' }) } },
    {
      name: 'empty history, but no session ended in the window',
      facts: { logins: loginFacts({}), histories: historyFacts({ '/root/.bash_history': '' }) },
    },
    {
      name: 'python history linked to /dev/null is a preference, not tampering',
      facts: { logins: rootSession, histories: historyFacts({ '/root/.python_history': { link: '/dev/null' } }) },
    },
  ],
  invalid: [
    {
      name: 'bash history symlinked to /dev/null',
      facts: { logins: loginFacts({}), histories: historyFacts({ '/root/.bash_history': { link: '/dev/null' } }) },
      expect: [{ severity: 'medium', user: 'root', path: '/root/.bash_history', title: /goes to \/dev\/null/ }],
    },
    {
      name: "emptied after the attacker's session",
      facts: { logins: rootSession, histories: historyFacts({ '/root/.bash_history': '' }) },
      expect: [
        {
          severity: 'medium',
          user: 'root',
          path: '/root/.bash_history',
          title: /empty after a session that ended 2026-11-19T03:30:00\.000Z/,
          evidence: /45\.67\.89\.10/,
        },
      ],
    },
    {
      name: 'blanked with echo after the session',
      facts: { logins: rootSession, histories: historyFacts({ '/root/.bash_history': '\n' }) },
      expect: [{ severity: 'medium', user: 'root', title: /empty after a session/, evidence: /bash_history: 1 byte\(s\), no command/ }],
    },
  ],
});
