import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts, DEBIAN_PASSWD, shadowFor, TODAY } from '../../../test/helpers/accounts';
import rule from './new-login-account';

const withMaill = `${DEBIAN_PASSWD}\nmaill:x:1001:1001::/home/maill:/bin/bash`;
const withUbuntu = `${DEBIAN_PASSWD}\nubuntu:x:1002:1002:Ubuntu:/home/ubuntu:/bin/bash`;

testRule(rule, {
  valid: [
    { name: 'people created long ago', facts: accountFacts() },
    {
      name: 'new account with nologin shell',
      facts: accountFacts({
        passwd: `${DEBIAN_PASSWD}\nsvc:x:1001:1001::/srv/svc:/usr/sbin/nologin`,
        shadow: shadowFor(`${DEBIAN_PASSWD}\nsvc:x:1001:1001::/srv/svc:/usr/sbin/nologin`, { svc: { day: TODAY } }),
      }),
    },
    {
      name: 'freshly installed system: every account shares the install day',
      facts: accountFacts({
        shadow: shadowFor(
          DEBIAN_PASSWD,
          Object.fromEntries(
            ['root', 'daemon', 'bin', 'sys', 'sync', 'mail', 'www-data', 'nobody', 'postgres', 'alice'].map((n) => [n, { day: TODAY }]),
          ),
        ),
      }),
    },
    { name: 'shadow unreadable: missing lines are not evidence', facts: accountFacts({ passwd: withMaill, shadow: null }) },
    {
      name: 'system-range daemon account created this week (left to system-account-login-shell)',
      facts: accountFacts({
        passwd: `${DEBIAN_PASSWD}\njenkins:x:112:118::/var/lib/jenkins:/bin/bash`,
        shadow: shadowFor(`${DEBIAN_PASSWD}\njenkins:x:112:118::/var/lib/jenkins:/bin/bash`, { jenkins: { day: TODAY } }),
      }),
    },
  ],
  invalid: [
    {
      name: 'maill created two days ago with bash, nothing else: low',
      facts: accountFacts({
        passwd: withMaill,
        shadow: shadowFor(withMaill, { maill: { day: TODAY - 2 } }),
        passwdMtime: '2026-11-18T03:12:00.000Z',
      }),
      expect: [
        {
          severity: 'low',
          user: 'maill',
          path: '/etc/passwd',
          title: /New login account maill \(UID 1001\) created 2026-11-18/,
          evidence: /shadow:11: maill:<\$y\$ hash redacted>:20775/,
        },
      ],
    },
    {
      name: 'maill created two days ago and put in the sudo group: medium',
      facts: accountFacts({
        passwd: withMaill,
        shadow: shadowFor(withMaill, { maill: { day: TODAY - 2 } }),
        group: 'root:x:0:\nsudo:x:27:alice,maill\nmaill:x:1001:\n',
        passwdMtime: '2026-11-18T03:12:00.000Z',
      }),
      expect: [{ severity: 'medium', user: 'maill', evidence: /signal: maill is in the admin group\(s\) sudo/ }],
    },
    {
      name: 'maill created two days ago after a brute force got in: high',
      facts: {
        ...accountFacts({
          passwd: withMaill,
          shadow: shadowFor(withMaill, { maill: { day: TODAY - 2 } }),
          passwdMtime: '2026-11-18T03:12:00.000Z',
        }),
        authLog: {
          files: [],
          timeZone: 'UTC',
          sources: [],
          targets: [],
          accepted: [
            {
              time: '2026-11-18T03:00:00.000Z',
              user: 'root',
              ip: '203.0.113.9',
              method: 'password',
              keyType: null,
              fingerprint: null,
              path: '/var/log/auth.log',
              line: 'sshd[1]: Accepted password for root from 203.0.113.9 port 4000 ssh2',
              attemptsBefore: 300,
              firstFailure: null,
              lastFailure: null,
            },
          ],
          totalAttempts: 300,
          activity: { sudo: [], su: [], cron: [], accountChanges: [] },
        },
      },
      expect: [{ severity: 'high', user: 'maill', evidence: /signal: a brute force got in: root from 203\.0\.113\.9/ }],
    },
    {
      name: 'alice changed her password this week, /etc/passwd untouched: low',
      facts: accountFacts({ shadow: shadowFor(DEBIAN_PASSWD, { alice: { day: TODAY - 1 } }), group: 'root:x:0:\nsudo:x:27:alice\n' }),
      expect: [{ severity: 'low', user: 'alice', evidence: /the password was changed, the account is not new/ }],
    },
    {
      name: 'cloud default user created at first boot this week is low',
      facts: accountFacts({ passwd: withUbuntu, shadow: shadowFor(withUbuntu, { ubuntu: { day: TODAY } }) }),
      expect: [{ severity: 'low', user: 'ubuntu' }],
    },
    {
      name: 'line appended to passwd by hand, no shadow entry, passwd changed today',
      facts: accountFacts({
        passwd: `${withMaill}\nsupport:x:1005:1005::/tmp:/bin/sh`,
        shadow: shadowFor(withMaill),
        passwdMtime: '2026-11-20T01:00:00.000Z',
      }),
      expect: [{ severity: 'high', user: 'support', title: /not in \/etc\/shadow/, evidence: /no line for support/ }],
    },
    {
      name: 'old passwd-only entry is medium',
      facts: accountFacts({ passwd: withMaill, shadow: shadowFor(DEBIAN_PASSWD) }),
      expect: [{ severity: 'medium', user: 'maill', title: /not in \/etc\/shadow/ }],
    },
  ],
});
