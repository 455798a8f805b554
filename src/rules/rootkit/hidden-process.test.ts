import { fakeProcess } from '../../../test/helpers/snapshot';
import { hiddenEntry, sweepFact } from '../../../test/helpers/rootkit';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './hidden-process';

const ROOT_USERS = { users: [{ name: 'root', uid: 0, gid: 0, gecos: '', home: '/root', shell: '/bin/bash' }], groups: [] };

testRule(rule, {
  valid: [
    { name: 'sweep found nothing the listing missed', facts: { hiddenProcesses: sweepFact() } },
    {
      name: 'busy host: the sweep ran, short-lived processes were filtered out by the collector',
      facts: { hiddenProcesses: { ...sweepFact(), listedReaddir: 4000, listedScandir: 4001 } },
    },
  ],
  invalid: [
    {
      name: 'miner hidden from readdir by a preload hook',
      facts: {
        users: ROOT_USERS,
        hiddenProcesses: sweepFact([hiddenEntry({ pid: 31337, sockets: ['tcp 10.0.0.5:40112 -> 45.9.148.21:3333 ESTABLISHED'] })]),
      },
      expect: [
        {
          severity: 'critical',
          pid: 31337,
          path: '/tmp/.x/kworkerds',
          user: 'root',
          title: /Hidden process: kworkerds \(pid 31337\)/,
          evidence: /missing from listing via: readdir\nsocket: tcp 10\.0\.0\.5:40112 -> 45\.9\.148\.21:3333 ESTABLISHED/,
        },
      ],
    },
    {
      name: 'kernel rootkit: missing from both listings, exe deleted, unknown uid name',
      facts: {
        hiddenProcesses: sweepFact([
          hiddenEntry({
            pid: 4242,
            seenBy: ['parent-of-visible', 'signal', 'thread'],
            missingFrom: ['readdir', 'scandir'],
            process: fakeProcess({
              pid: 4242,
              name: 'sshd',
              exe: '/usr/sbin/.sshd',
              exeDeleted: true,
              uid: 1001,
              startedAt: '2026-11-19T03:00:00.000Z',
            }),
          }),
        ]),
      },
      expect: [
        {
          severity: 'critical',
          pid: 4242,
          user: '1001',
          path: '/usr/sbin/.sshd',
          evidence: /\(deleted\)[\s\S]*found by: parent-of-visible, signal, thread; missing from listing via: readdir, scandir/,
        },
      ],
    },
    {
      name: 'exists to signals and lookups, /proc files unreadable',
      facts: { hiddenProcesses: sweepFact([hiddenEntry({ pid: 777, process: null, missingFrom: ['readdir', 'scandir'] })]) },
      expect: [{ severity: 'critical', pid: 777, title: /pid 777 exists but cannot be listed or read/ }],
    },
  ],
});
