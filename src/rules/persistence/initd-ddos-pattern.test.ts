import initScripts from '../../collect/persistence/sysv-init';
import { testRule } from '../../../test/helpers/rule-tester';
import { collectFrom, debianSysv, installPackage, OLD, RECENT, xorDdos } from '../../../test/helpers/persistence';
import rule from './initd-ddos-pattern';

const sysv = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [initScripts]).facts;

testRule(rule, {
  valid: [
    { name: 'packaged dbus, procps and hwclock scripts with their links', facts: sysv((r) => debianSysv(r)) },
    {
      name: 'hand-installed agent script in several runlevels running a binary under /opt',
      facts: sysv((r) => {
        debianSysv(r)
          .write(
            '/etc/init.d/zabbix-agent',
            '#!/bin/sh\ncase "$1" in\nstart) /opt/zabbix/sbin/zabbix_agentd -c /opt/zabbix/etc/zabbix_agentd.conf ;;\nesac\n',
            { mode: 0o755, mtime: RECENT },
          )
          .write('/opt/zabbix/sbin/zabbix_agentd', 'ELF', { mode: 0o755 });
        for (const rl of ['2', '3', '4', '5']) r.symlink(`/etc/rc${rl}.d/S90zabbix-agent`, '../init.d/zabbix-agent');
      }),
    },
    {
      name: "a packaged script whose name happens to look random is the package's business",
      facts: sysv((r) => {
        debianSysv(r);
        installPackage(r, 'sysstat', {
          '/etc/init.d/sysstat': '#!/bin/sh\n/usr/lib/sysstat/debian-sa1 --boot\n',
          '/usr/lib/sysstat/debian-sa1': '#!/bin/sh\n',
        });
        for (const rl of ['2', '3', '4', '5']) r.symlink(`/etc/rc${rl}.d/S01sysstat`, '../init.d/sysstat');
      }),
    },
  ],
  invalid: [
    {
      name: 'XOR.DDoS: /etc/init.d/srstomucra with S90 links in runlevels 1-5',
      facts: sysv((r) => xorDdos(debianSysv(r))),
      expect: [
        {
          severity: 'critical',
          path: '/etc/init.d/srstomucra',
          user: 'root',
          title: /runlevels 1,2,3,4,5/,
          evidence: /\/etc\/rc1\.d\/S90srstomucra -> \.\.\/init\.d\/srstomucra[\s\S]*\/usr\/bin\/srstomucra: random-looking name/,
        },
      ],
    },
    {
      name: 'BillGates: /etc/init.d/DbSecuritySpt, old, no links needed',
      facts: sysv((r) =>
        debianSysv(r).write('/etc/init.d/DbSecuritySpt', '#!/bin/bash\n/usr/bin/bsd-port/getty\n', { mode: 0o755, mtime: OLD }),
      ),
      expect: [
        {
          severity: 'critical',
          path: '/etc/init.d/DbSecuritySpt',
          evidence: /known DDoS-bot\/miner name|DbSecuritySpt:2: \/usr\/bin\/bsd-port\/getty/,
        },
      ],
    },
    {
      name: 'innocent-looking name in three runlevels launching a hidden binary from /usr/lib',
      facts: sysv((r) => {
        debianSysv(r)
          .write('/etc/init.d/selinux', '#!/bin/bash\n/usr/lib/.sshd\n', { mode: 0o755, mtime: OLD })
          .write('/usr/lib/.sshd', 'ELF', { mode: 0o755 });
        for (const rl of ['2', '3', '5']) r.symlink(`/etc/rc${rl}.d/S97selinux`, '../init.d/selinux');
      }),
      expect: [
        {
          severity: 'critical',
          path: '/etc/init.d/selinux',
          title: /runlevels 2,3,5/,
          evidence: /\/usr\/lib\/\.sshd: "\.sshd" is a known miner\/DDoS-bot name/,
        },
      ],
    },
  ],
});
