import systemdUnits from '../../collect/persistence/systemd';
import { testRule } from '../../../test/helpers/rule-tester';
import { adminSystemd, collectFrom, debianSystemd, OLD, RECENT } from '../../../test/helpers/persistence';
import rule from './systemd-suspicious-exec';

const sd = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [systemdUnits]).facts;
const unit = (exec: string) => `[Unit]\nDescription=x\n[Service]\n${exec}\n[Install]\nWantedBy=multi-user.target\n`;

testRule(rule, {
  valid: [
    { name: 'packaged ssh, certbot timer, docker, timesyncd', facts: sd((r) => debianSystemd(r)) },
    {
      name: 'node_exporter under /opt, a docker drop-in, a user backup timer (recently installed)',
      facts: sd((r) => adminSystemd(debianSystemd(r), RECENT)),
    },
    {
      name: 'k3s and dockerd copied by hand into /usr/local/bin and /usr/bin',
      facts: sd((r) =>
        debianSystemd(r)
          .write('/usr/local/bin/k3s', 'ELF', { mode: 0o755, mtime: RECENT })
          .write('/usr/bin/containerd', 'ELF', { mode: 0o755, mtime: RECENT })
          .write(
            '/etc/systemd/system/k3s.service',
            unit('ExecStartPre=-/sbin/modprobe br_netfilter\nExecStart=/usr/local/bin/k3s server'),
            { mtime: RECENT },
          )
          .write('/etc/systemd/system/containerd.service', unit('ExecStart=/usr/bin/containerd'), { mtime: RECENT }),
      ),
    },
  ],
  invalid: [
    {
      name: 'service running a payload in /tmp and one in a hidden directory',
      facts: sd((r) =>
        debianSystemd(r)
          .write('/tmp/.X11-unix/.k', 'ELF', { mode: 0o755 })
          .write('/etc/systemd/system/xsession.service', unit('ExecStart=/tmp/.X11-unix/.k -c /tmp/.X11-unix/c.json'), { mtime: RECENT })
          .write('/var/lib/.sys/upd', 'ELF', { mode: 0o755 })
          .write('/etc/systemd/system/upd.service', unit('User=www-data\nExecStart=/var/lib/.sys/upd'), { mtime: RECENT }),
      ),
      expect: [
        { severity: 'high', path: '/etc/systemd/system/upd.service', user: 'www-data', evidence: /hidden directory "\.sys"/ },
        {
          severity: 'high',
          path: '/etc/systemd/system/xsession.service',
          user: 'root',
          title: /temporary or hidden directory: \/tmp\/\.X11-unix\/\.k/,
        },
      ],
    },
    {
      name: 'known miner under /usr/local and an unpackaged library-named binary in /usr/lib',
      facts: sd((r) =>
        debianSystemd(r)
          .write('/usr/local/bin/xmrig', 'ELF', { mode: 0o755, mtime: OLD })
          .write('/etc/systemd/system/monitor.service', unit('ExecStart=/usr/local/bin/xmrig --config=/etc/monitor.json'), { mtime: OLD })
          .write('/usr/lib/libkeyutils.so.1.9', 'ELF', { mode: 0o755, mtime: RECENT })
          .write('/etc/systemd/system/ssh.service.d/override.conf', '[Service]\nExecStartPost=/usr/lib/libkeyutils.so.1.9\n', {
            mtime: RECENT,
          }),
      ),
      expect: [
        {
          severity: 'critical',
          path: '/etc/systemd/system/monitor.service',
          title: /known miner\/DDoS-bot file: \/usr\/local\/bin\/xmrig/,
        },
        {
          severity: 'high',
          path: '/etc/systemd/system/ssh.service.d/override.conf',
          evidence: /libkeyutils\.so\.1\.9: in a system directory but no package owns it[\s\S]*drop-in/,
        },
      ],
    },
    {
      name: 'enabled service whose binary was deleted',
      facts: sd((r) =>
        debianSystemd(r)
          .write('/etc/systemd/system/netsvc.service', unit('ExecStart=/usr/sbin/netsvcd -d'), { mtime: OLD })
          .symlink('/etc/systemd/system/multi-user.target.wants/netsvc.service', '/etc/systemd/system/netsvc.service'),
      ),
      expect: [
        {
          severity: 'medium',
          path: '/etc/systemd/system/netsvc.service',
          title: /does not exist: \/usr\/sbin\/netsvcd/,
          evidence: /enabled: /,
        },
      ],
    },
  ],
});
