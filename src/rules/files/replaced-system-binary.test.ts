import type { IntegrityProblem } from '../../collect/files/package-integrity';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './replaced-system-binary';

const problem = (over: Partial<IntegrityProblem>): IntegrityProblem => ({
  path: '/usr/bin/ps',
  package: 'procps',
  expected: '0123456789abcdef0123456789abcdef',
  actual: 'fedcba9876543210fedcba9876543210',
  status: 'mismatch',
  size: 1_200_000,
  mtime: '2026-11-18T02:00:00.000Z',
  ctime: '2026-11-18T02:00:00.000Z',
  sha256: 'b'.repeat(64),
  ...over,
});

testRule(rule, {
  valid: [
    {
      name: 'every checked program matches dpkg',
      facts: { packageIntegrity: { manager: 'dpkg', checked: 37, problems: [], diversions: [] } },
    },
    {
      name: 'no dpkg database (rpm host: a gap, not a finding)',
      facts: { packageIntegrity: { manager: null, checked: 0, problems: [], diversions: [] } },
    },
  ],
  invalid: [
    {
      name: 'top and ps replaced by scripts that grep -v the miner out of the renamed originals; a script that filters nothing',
      facts: {
        packageIntegrity: {
          manager: 'dpkg',
          checked: 37,
          diversions: [],
          problems: [
            problem({
              path: '/usr/bin/top',
              script: {
                lines: ['#!/bin/bash', '# top', '/usr/bin/.top "$@" | grep -v -E "xmrig|kdevtmpfsi" | grep -v \'\x1b[2J\''],
                total: 3,
              },
            }),
            problem({
              path: '/bin/ps',
              script: {
                lines: ['#!/bin/sh', 'REAL=/bin/ps.original', 'exec $REAL "$@" | egrep -v "kswapd0|\\.x"'],
                total: 3,
              },
            }),
            problem({ path: '/usr/bin/ls', script: { lines: ['#!/bin/sh', 'exec /bin/busybox ls "$@"'], total: 2 } }),
          ],
        },
      },
      expect: [
        {
          severity: 'critical',
          path: '/usr/bin/top',
          title: /replaced by a filtering script: \/usr\/bin\/top hides xmrig, kdevtmpfsi/,
          evidence:
            / {3}1\| #!\/bin\/bash\n {3}2\| # top\n>> 3\| \/usr\/bin\/\.top "\$@" \| grep -v -E "xmrig\|kdevtmpfsi" \| grep -v '\\u001b\[2J'\nhides from its output: xmrig, kdevtmpfsi, \\u001b\[2J\nthe real program now runs as \/usr\/bin\/\.top/,
        },
        {
          severity: 'critical',
          path: '/bin/ps',
          evidence: /hides from its output: kswapd0, \\\.x\nthe real program now runs as \/bin\/ps\.original/,
        },
        { severity: 'critical', path: '/usr/bin/ls', title: /differs from package/, evidence: / {2}2\| exec \/bin\/busybox ls/ },
      ],
    },
    {
      name: 'trojaned ps',
      facts: { packageIntegrity: { manager: 'dpkg', checked: 37, problems: [problem({})], diversions: [] } },
      expect: [
        {
          severity: 'critical',
          path: '/usr/bin/ps',
          title: /replaced: \/usr\/bin\/ps differs from package procps/,
          evidence: /file md5: fedcba98/,
        },
      ],
    },
    {
      name: 'replaced libc through a diversion, and a deleted netstat',
      facts: {
        packageIntegrity: {
          manager: 'dpkg',
          checked: 37,
          diversions: [],
          problems: [
            problem({
              path: '/usr/lib/x86_64-linux-gnu/libc.so.6.real',
              package: 'libc6',
              divertedTo: '/usr/lib/x86_64-linux-gnu/libc.so.6.real',
            }),
            problem({
              path: '/bin/netstat',
              package: 'net-tools',
              actual: null,
              status: 'missing',
              size: null,
              mtime: null,
              ctime: null,
              sha256: null,
            }),
          ],
        },
      },
      expect: [
        { severity: 'critical', path: '/usr/lib/x86_64-linux-gnu/libc.so.6.real', evidence: /diverted/ },
        { severity: 'low', path: '/bin/netstat', title: /missing/ },
      ],
    },
    {
      name: 'trojaned ps on an rpm host (sha256 digests in the rpm header)',
      facts: {
        packageIntegrity: {
          manager: 'rpm',
          checked: 40,
          diversions: [],
          problems: [problem({ package: 'procps-ng', algorithm: 'sha256', expected: 'a'.repeat(64), actual: 'c'.repeat(64) })],
        },
      },
      expect: [
        {
          severity: 'critical',
          path: '/usr/bin/ps',
          title: /differs from package procps-ng/,
          evidence: /rpm sha256: a{64}\nfile sha256: c{64}/,
        },
      ],
    },
  ],
});
