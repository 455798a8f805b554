import { execSample } from '../../../test/helpers/rootkit';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './packed-executable';

testRule(rule, {
  valid: [
    {
      name: 'ordinary unowned programs: nodesource node, a Go binary, a vendor agent',
      facts: {
        packedExecutables: {
          skippedPackageOwned: 140,
          samples: [
            execSample({
              path: '/usr/local/bin/node',
              source: 'process',
              pids: [900],
              readFrom: '/proc/900/exe',
              entropy: 6.2,
              sampledBytes: 4194304,
              sha256: null,
            }),
            execSample({ path: '/usr/local/bin/docker', source: 'process', pids: [901], readFrom: '/proc/901/exe', entropy: 6.86 }),
            execSample({ path: '/tmp/go-build123/b001/exe/main', entropy: 6.0 }),
          ],
        },
      },
    },
    {
      name: 'compressed-looking but tiny file (under packedMinBytes)',
      facts: { packedExecutables: { skippedPackageOwned: 0, samples: [execSample({ path: '/tmp/x', entropy: 7.9, sampledBytes: 900 })] } },
    },
    {
      name: 'most compressed distro-style library just under the threshold',
      facts: {
        packedExecutables: {
          skippedPackageOwned: 0,
          samples: [execSample({ path: '/tmp/.cache-libs/libmvec.so.1', source: 'hidden', entropy: 7.15 })],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'UPX-packed miner running from a deleted file in /tmp',
      facts: {
        packedExecutables: {
          skippedPackageOwned: 3,
          samples: [
            execSample({
              path: '/tmp/kdevtmpfsi',
              source: 'process',
              pids: [4321, 4322],
              deleted: true,
              readFrom: '/proc/4321/exe',
              entropy: 7.93,
              magic: 'UPX!',
              sectionHeaders: 0,
            }),
          ],
        },
      },
      expect: [
        {
          severity: 'high',
          pid: 4321,
          path: '/tmp/kdevtmpfsi',
          title: /packer signature "UPX!", entropy 7\.93 bits\/byte, no section table/,
          evidence: /running as pid 4321, 4322/,
        },
      ],
    },
    {
      name: 'encrypted program running from /usr/local/sbin (not an odd place: medium)',
      facts: {
        packedExecutables: {
          skippedPackageOwned: 0,
          samples: [execSample({ path: '/usr/local/sbin/agentd', source: 'process', pids: [77], readFrom: '/proc/77/exe', entropy: 7.81 })],
        },
      },
      expect: [{ severity: 'medium', pid: 77, path: '/usr/local/sbin/agentd' }],
    },
    {
      name: 'packed ELF in a hidden directory, low entropy but UPX signature',
      facts: {
        packedExecutables: {
          skippedPackageOwned: 0,
          samples: [execSample({ path: '/var/tmp/.ICE-unix/.x/sshd', source: 'hidden', magic: 'UPX!', entropy: 6.9 })],
        },
      },
      expect: [
        {
          severity: 'medium',
          path: '/var/tmp/.ICE-unix/.x/sshd',
          title: /in \/var\/tmp\/\.ICE-unix\/\.x: .*packer signature "UPX!"/,
          evidence: /sha256 a{64}/,
        },
      ],
    },
  ],
});
