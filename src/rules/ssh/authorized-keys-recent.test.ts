import type { AuthLogFact } from '../../collect/logs/auth-log';
import { testRule } from '../../../test/helpers/rule-tester';
import { accountFacts } from '../../../test/helpers/accounts';
import { ED25519, keysFact, RSA, sshdFact } from '../../../test/helpers/ssh-fixtures';
import { loginFacts, sshSession, UT, utmpFile } from '../../../test/helpers/utmp';
import rule from './authorized-keys-recent';

const YESTERDAY = '2026-11-19T22:10:00.000Z';

const alice = (over: { text?: string; mtime?: string } = {}) => ({
  path: '/home/alice/.ssh/authorized_keys',
  users: ['alice'],
  text: `${RSA}\n`,
  mtime: YESTERDAY,
  ...over,
});

/** An auth log where 203.0.113.9 failed 400 times, then logged in as root at `at`. */
function breakIn(at: string): AuthLogFact {
  return {
    files: [{ path: '/var/log/auth.log', firstTime: '2026-11-19T20:00:00.000Z', lastTime: at, sshdEvents: 401 }],
    timeZone: 'UTC',
    sources: [],
    targets: [],
    accepted: [
      {
        time: at,
        user: 'root',
        ip: '203.0.113.9',
        method: 'password',
        keyType: null,
        fingerprint: null,
        path: '/var/log/auth.log',
        line: `sshd[1301]: Accepted password for root from 203.0.113.9 port 40000 ssh2`,
        attemptsBefore: 400,
        firstFailure: '2026-11-19T20:00:00.000Z',
        lastFailure: at,
      },
    ],
    totalAttempts: 400,
    activity: { sudo: [], su: [], cron: [], accountChanges: [] },
  };
}

testRule(rule, {
  valid: [
    {
      name: 'keys added long ago',
      facts: { sshKeys: keysFact([{ path: '/home/alice/.ssh/authorized_keys', users: ['alice'], text: `${ED25519}\n${RSA}\n` }]) },
    },
    {
      name: 'recently emptied file has no keys',
      facts: { sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: '', mtime: YESTERDAY }]) },
    },
  ],
  invalid: [
    {
      name: 'a recent change alone is a low review, also for root',
      facts: {
        sshKeys: keysFact([{ path: '/root/.ssh/authorized_keys', users: ['root'], text: `${ED25519}\n${RSA}\n`, mtime: YESTERDAY }]),
      },
      expect: [
        {
          severity: 'low',
          user: 'root',
          path: '/root/.ssh/authorized_keys',
          title: /SSH keys of root changed 2026-11-19T22:10.*review with the key owners/,
          evidence: /mtime 2026-11-19T22:10:00.000Z[^]*no other signal/,
        },
      ],
    },
    {
      name: 'a user key added yesterday, nothing else: low',
      facts: { sshKeys: keysFact([alice()]) },
      expect: [{ severity: 'low', user: 'alice' }],
    },
    {
      name: 'cloud default user key written with the host keys at first boot is low',
      facts: {
        sshKeys: keysFact([{ path: '/home/debian/.ssh/authorized_keys', users: ['debian'], text: `${RSA}\n`, mtime: YESTERDAY }]),
        sshdConfig: sshdFact('', ['2026-11-19T22:09:30.000Z']),
      },
      expect: [{ severity: 'low', user: 'debian' }],
    },
    {
      name: 'brute force then a login, and the file changed ten minutes later: high, both signals listed',
      facts: { sshKeys: keysFact([alice()]), authLog: breakIn('2026-11-19T22:00:00.000Z') },
      expect: [
        {
          severity: 'high',
          title: /SSH keys of alice changed/,
          evidence:
            /signal: root logged in from 203\.0\.113\.9 at 2026-11-19T22:00:00.000Z after 400 failed[^]*signal: the file changed 10 minute\(s\) from that login/,
        },
      ],
    },
    {
      name: 'no text log, but wtmp has a session from an address btmp saw guessing: high',
      facts: {
        sshKeys: keysFact([alice()]),
        logins: loginFacts({
          wtmp: utmpFile(sshSession('alice', '203.0.113.9', '2026-11-19T22:00:00Z', '2026-11-19T22:30:00Z')),
          btmp: utmpFile(
            Array.from({ length: 300 }, (_, i) => ({
              type: UT.LOGIN_PROCESS,
              user: 'alice',
              line: 'ssh:notty',
              host: '203.0.113.9',
              at: new Date(Date.parse('2026-11-19T20:00:00Z') + i * 20_000).toISOString(),
            })),
          ),
        }),
      },
      expect: [
        {
          severity: 'high',
          evidence: /signal: alice logged in from 203\.0\.113\.9 at 2026-11-19T22:00:00.000Z after 300 failed[^]*10 minute/,
        },
      ],
    },
    {
      name: 'a break-in days before the change: high on that signal alone',
      facts: { sshKeys: keysFact([alice()]), authLog: breakIn('2026-11-16T08:00:00.000Z') },
      expect: [{ severity: 'high', evidence: /signal: root logged in from 203\.0\.113\.9/ }],
    },
    {
      name: 'the key in a no-login account: medium',
      facts: {
        sshKeys: keysFact([{ path: '/var/www/.ssh/authorized_keys', users: ['www-data'], text: `${RSA}\n`, mtime: YESTERDAY }]),
        users: accountFacts().users,
      },
      expect: [{ severity: 'medium', user: 'www-data', evidence: /signal: www-data has the shell \/usr\/sbin\/nologin/ }],
    },
    {
      name: 'the key in a system account with a shell: medium',
      facts: {
        sshKeys: keysFact([{ path: '/var/lib/postgresql/.ssh/authorized_keys', users: ['postgres'], text: `${RSA}\n`, mtime: YESTERDAY }]),
        ...accountFacts(),
      },
      expect: [{ severity: 'medium', user: 'postgres', evidence: /signal: postgres is a system account \(UID \d+, below 1000\)/ }],
    },
    {
      name: "the same key also in root's file: medium",
      facts: {
        sshKeys: keysFact([alice(), { path: '/root/.ssh/authorized_keys', users: ['root'], text: `${RSA}\n` }]),
      },
      expect: [
        {
          severity: 'medium',
          user: 'alice',
          evidence: /signal: key SHA256:JHa\/uKVmygK2rXFVE7PRZzafVofZtCTi6s6p45Kdo8g is also in \/root\/\.ssh\/authorized_keys/,
        },
      ],
    },
    {
      name: 'the file locked with chattr +i and in root too: high',
      facts: {
        sshKeys: keysFact([alice(), { path: '/root/.ssh/authorized_keys', users: ['root'], text: `${RSA}\n` }]),
        fileAttributes: {
          checked: 2,
          protected: [
            { path: '/home/alice/.ssh/authorized_keys', kind: 'file', flags: '----i---------e-------', immutable: true, appendOnly: false },
          ],
        },
      },
      expect: [{ severity: 'high', user: 'alice', evidence: /signal: the file is locked with chattr \(----i-+e-+\)/ }],
    },
    {
      name: 'a key comment of a known campaign: high',
      facts: { sshKeys: keysFact([alice({ text: `${RSA.replace(/ deploy$/, ' mdrfckr')}\n` })]) },
      expect: [{ severity: 'high', evidence: /signal: key comment "mdrfckr" carries the marker of a known campaign/ }],
    },
    {
      name: 'everything at once: critical',
      facts: {
        sshKeys: keysFact([
          alice({ text: `${RSA.replace(/ deploy$/, ' mdrfckr')}\n` }),
          { path: '/root/.ssh/authorized_keys', users: ['root'], text: `${RSA}\n` },
        ]),
        authLog: breakIn('2026-11-19T22:05:00.000Z'),
      },
      expect: [{ severity: 'critical', user: 'alice' }],
    },
  ],
});
