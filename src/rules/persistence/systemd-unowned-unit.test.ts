import systemdUnits from '../../collect/persistence/systemd';
import { testRule } from '../../../test/helpers/rule-tester';
import { adminSystemd, collectFrom, debianSystemd, OLD, RECENT } from '../../../test/helpers/persistence';
import rule from './systemd-unowned-unit';

const sd = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [systemdUnits]).facts;
const unit = (exec: string) => `[Unit]\nDescription=Helper\n[Service]\n${exec}\n[Install]\nWantedBy=multi-user.target\n`;

testRule(rule, {
  valid: [
    { name: 'packaged units with aliases, a masked unit and enablement links', facts: sd((r) => debianSystemd(r)) },
    {
      name: 'admin override copy of a packaged unit is not an impostor (reported as inventory only when unowned)',
      facts: sd((r) => debianSystemd(r).symlink('/etc/systemd/system/ssh-alias.service', '/lib/systemd/system/ssh.service')),
    },
  ],
  invalid: [
    {
      name: 'node_exporter, docker drop-in and a user backup timer: info inventory',
      facts: sd((r) => adminSystemd(debianSystemd(r))),
      expect: [
        {
          severity: 'info',
          path: '/etc/systemd/system/docker.service.d/override.conf',
          user: 'root',
          title: /drop-in not installed by any package: docker\.service/,
        },
        { severity: 'info', path: '/etc/systemd/system/node_exporter.service', user: 'node_exporter', evidence: /enabled: / },
        { severity: 'info', path: '/home/bob/.config/systemd/user/backup.service', user: 'bob' },
        { severity: 'info', path: '/home/bob/.config/systemd/user/backup.timer', user: 'bob', evidence: /timer: OnCalendar=daily/ },
      ],
    },
    {
      name: 'the same admin units installed this week: low',
      facts: sd((r) => adminSystemd(debianSystemd(r), RECENT)),
      expect: [{ severity: 'low' }, { severity: 'low' }, { severity: 'low' }, { severity: 'low' }],
    },
    {
      name: 'units named after a DDoS bot, a random string, and a system daemon no package ships',
      facts: sd((r) =>
        debianSystemd(r)
          .write('/etc/systemd/system/DbSecuritySpt.service', unit('ExecStart=/usr/bin/bsd-port/getty'), { mtime: OLD })
          .write('/etc/systemd/system/hjkdfgtrw.service', unit('ExecStart=/usr/bin/hjkdfgtrw'), { mtime: OLD })
          .write('/etc/systemd/system/systemd-journald-helper.service', unit('ExecStart=/usr/bin/python3 /usr/share/.j/h.py'), {
            mtime: OLD,
          }),
      ),
      expect: [
        { severity: 'critical', path: '/etc/systemd/system/DbSecuritySpt.service', title: /miner\/bot-like name: DbSecuritySpt\.service/ },
        { severity: 'high', path: '/etc/systemd/system/hjkdfgtrw.service', evidence: /hjkdfgtrw/ },
        { severity: 'high', path: '/etc/systemd/system/systemd-journald-helper.service', title: /imitates a system service/ },
      ],
    },
    {
      name: 'unit file linked in from a hidden directory under /var/tmp',
      facts: sd((r) =>
        debianSystemd(r)
          .write('/var/tmp/.cache/cache.service', unit('ExecStart=/var/tmp/.cache/c'), { mtime: RECENT })
          .symlink('/etc/systemd/system/cache.service', '/var/tmp/.cache/cache.service'),
      ),
      expect: [{ severity: 'high', path: '/etc/systemd/system/cache.service', title: /linked from a temporary or hidden path/ }],
    },
  ],
});
