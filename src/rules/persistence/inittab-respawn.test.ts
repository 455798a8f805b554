import initScripts from '../../collect/persistence/sysv-init';
import { testRule } from '../../../test/helpers/rule-tester';
import { collectFrom, installPackage, OLD } from '../../../test/helpers/persistence';
import rule from './inittab-respawn';

const sysv = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [initScripts]).facts;
const SYSVINIT_INITTAB = `id:2:initdefault:
si::sysinit:/etc/init.d/rcS
~~:S:wait:/sbin/sulogin --force
l0:0:wait:/etc/init.d/rc 0
l2:2:wait:/etc/init.d/rc 2
z6:6:respawn:/sbin/sulogin --force
ca:12345:ctrlaltdel:/sbin/shutdown -t1 -a -r now
pf::powerwait:/etc/init.d/powerfail start
1:2345:respawn:/sbin/getty --noclear 38400 tty1
2:23:respawn:/sbin/getty 38400 tty2
T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100
`;

testRule(rule, {
  valid: [
    {
      name: 'stock sysvinit inittab',
      facts: sysv((r) =>
        installPackage(r, 'sysvinit-core', { '/etc/inittab': SYSVINIT_INITTAB, '/sbin/getty': 'ELF', '/sbin/sulogin': 'ELF' }),
      ),
    },
    {
      name: 'BusyBox-style inittab with askfirst and mingetty',
      facts: sysv((r) =>
        r.write(
          '/etc/inittab',
          '::sysinit:/etc/init.d/rcS\n::respawn:/sbin/mingetty tty1\n::ctrlaltdel:/sbin/reboot\n::askfirst:-/bin/sh\n',
          { mtime: OLD },
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'respawned payload in a hidden /tmp directory',
      facts: sysv((r) =>
        r
          .write('/tmp/.x/y', 'ELF', { mode: 0o755 })
          .write('/etc/inittab', `${SYSVINIT_INITTAB}x1:2345:respawn:/tmp/.x/y -q\n`, { mtime: OLD }),
      ),
      expect: [
        {
          severity: 'critical',
          path: '/etc/inittab',
          user: 'root',
          title: /respawn entry runs \/tmp\/\.x\/y/,
          evidence: /inittab:12: x1:2345:respawn/,
        },
      ],
    },
    {
      name: 'respawned unpackaged daemon in /usr/local',
      facts: sysv((r) =>
        r
          .write('/usr/local/sbin/agentd', 'ELF', { mode: 0o755 })
          .write('/etc/inittab', 'id:3:initdefault:\nag:345:respawn:/usr/local/sbin/agentd\n', { mtime: OLD }),
      ),
      expect: [{ severity: 'high', path: '/etc/inittab', evidence: /no package owns it/ }],
    },
  ],
});
