import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Collector } from '../../src/collect/collector';
import packages from '../../src/collect/packages';
import dpkgConffiles from '../../src/collect/persistence/dpkg-conffiles';
import users from '../../src/collect/users';
import { RootHost } from '../../src/host/root-host';
import type { Facts } from '../../src/model/facts';
import type { Gap } from '../../src/model/gap';
import { builtinIntel } from '../../src/intel/intel';
import { collectFacts } from '../../src/scan';
import { FakeRoot } from './fake-root';

// Persistence fixtures: stock Debian files as dpkg installs them (owned, with conffile
// checksums), so rules meet the look-alikes they must leave alone.

/** Before every test's "recent" window (reference time 2026-11-20, window a week). */
export const OLD = new Date('2025-03-01T00:00:00Z');
/** Inside the window. */
export const RECENT = new Date('2026-11-19T08:00:00Z');
export const REFERENCE = '2026-11-20T12:00:00.000Z';

/**
 * Installs files as package `pkg` would: the files, the dpkg .list, and (for /etc files) a
 * Conffiles checksum in the status database.
 */
export function installPackage(
  root: FakeRoot,
  pkg: string,
  files: Record<string, string>,
  opts: { mode?: number; mtime?: Date } = {},
): FakeRoot {
  const listed = new Set<string>();
  const conffiles: string[] = [];
  for (const [p, content] of Object.entries(files)) {
    root.write(p, content, {
      mode: opts.mode ?? (p.startsWith('/etc/') && !/\/cron\.(hourly|daily|weekly|monthly)\/|init\.d/.test(p) ? 0o644 : 0o755),
      mtime: opts.mtime ?? OLD,
    });
    const parts = p.split('/');
    for (let i = 2; i <= parts.length; i++) listed.add(parts.slice(0, i).join('/'));
    if (p.startsWith('/etc/')) conffiles.push(` ${p} ${createHash('md5').update(content).digest('hex')}`);
  }
  const list = root.p(`/var/lib/dpkg/info/${pkg}.list`);
  const previous = fs.existsSync(list) ? fs.readFileSync(list, 'utf8') : '/.\n';
  root.write(`/var/lib/dpkg/info/${pkg}.list`, previous + [...listed].join('\n') + '\n');
  const status = fs.readFileSync(root.p('/var/lib/dpkg/status'), 'utf8');
  const stanza = `\nPackage: ${pkg}\nStatus: install ok installed\n${conffiles.length ? `Conffiles:\n${conffiles.join('\n')}\n` : ''}Description: fixture package\n`;
  root.write('/var/lib/dpkg/status', status + stanza);
  return root;
}

/** Marks existing fixture paths (programs the jobs call) as package files without a checksum. */
export function ownPaths(root: FakeRoot, pkg: string, paths: string[], content = '#!/bin/sh\nexit 0\n'): FakeRoot {
  const files: Record<string, string> = {};
  for (const p of paths) files[p] = content;
  return installPackage(root, pkg, files);
}

/** Runs the given collectors (after users, packages and conffiles) over a fresh fake root. */
export function collectFrom(build: (root: FakeRoot) => void, collectors: Collector[]): { facts: Partial<Facts>; gaps: Gap[] } {
  const root = new FakeRoot('hostsweep-persist-');
  try {
    root.base();
    build(root);
    const gaps: Gap[] = [];
    const facts = collectFacts(new RootHost(root.dir), { sampleMs: 0 }, builtinIntel(), gaps, [
      users,
      packages,
      dpkgConffiles,
      ...collectors,
    ]);
    return { facts, gaps };
  } finally {
    root.remove();
  }
}

export const DEBIAN_CRONTAB = `# /etc/crontab: system-wide crontab
# Unlike any other crontab you don't have to run the \`crontab'
# command to install the new version when you edit this file
# and files in /etc/cron.d. These files also have username fields,
# that none of the other crontabs do.

SHELL=/bin/sh
# You can also override PATH, but by default, newer versions inherit it from the environment
#PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# Example of job definition:
# .---------------- minute (0 - 59)
# |  .------------- hour (0 - 23)
# |  |  .---------- day of month (1 - 31)
# |  |  |  .------- month (1 - 12) OR jan,feb,mar,apr ...
# |  |  |  |  .---- day of week (0 - 6) (Sunday=0 or 7) OR sun,mon,tue,wed,thu,fri,sat
# |  |  |  |  |
# *  *  *  *  * user-name command to be executed
17 *	* * *	root	cd / && run-parts --report /etc/cron.hourly
25 6	* * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6	* * 7	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6	1 * *	root	test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
#
`;

export const E2SCRUB_CRON = `30 3 * * 0 root test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron
10 3 * * * root test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r
`;

export const SYSSTAT_CRON = `# The first element of the path is a directory where the debian-sa1
# script is located
PATH=/usr/lib/sysstat:/usr/sbin:/usr/sbin:/usr/bin:/sbin:/bin

# Activity reports every 10 minutes everyday
5-55/10 * * * * root command -v debian-sa1 > /dev/null && debian-sa1 1 1

# Additional run at 23:59 to rotate the statistics file
59 23 * * * root command -v debian-sa1 > /dev/null && debian-sa1 60 2
`;

export const CERTBOT_CRON = `SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

0 */12 * * * root test -x /usr/bin/certbot -a \\! -d /run/systemd/system && perl -e 'sleep int(rand(43200))' && certbot -q renew --no-random-sleep-on-renew
`;

export const DPKG_DAILY = `#!/bin/sh

# Skip if systemd is running.
if [ -d /run/systemd/system ]; then
  exit 0
fi

/usr/libexec/dpkg/dpkg-db-backup
`;

export const LOGROTATE_DAILY = `#!/bin/sh

# skip in favour of systemd timer
if [ -d /run/systemd/system ]; then
    exit 0
fi

# this cronjob persists removals (but not purges)
if [ ! -x /usr/sbin/logrotate ]; then
    exit 0
fi

/usr/sbin/logrotate /etc/logrotate.conf
EXITVALUE=$?
if [ $EXITVALUE != 0 ]; then
    /usr/bin/logger -t logrotate "ALERT exited abnormally with [$EXITVALUE]"
fi
exit $EXITVALUE
`;

export const APT_COMPAT_DAILY = `#!/bin/sh

set -e

# Systemd systems use a systemd timer unit which is preferable to
# run. We want to randomize the apt update and unattended-upgrade
# runs as much as possible to avoid hitting the mirrors all at the
# same time. The systemd time is better at this than the fixed
# cron.daily time
if [ -d /run/systemd/system ]; then
    exit 0
fi

check_power()
{
    if command -v on_ac_power >/dev/null; then
        if on_ac_power; then
            :
        elif [ $? -eq 1 ]; then
            return 1
        fi
    fi
    return 0
}

random_sleep()
{
    RandomSleep=1800
    eval $(apt-config shell RandomSleep APT::Periodic::RandomSleep)
    if [ $RandomSleep -eq 0 ]; then
	return
    fi
    if [ -z "$RANDOM" ] ; then
	RANDOM=$(( $(dd if=/dev/urandom bs=2 count=1 2> /dev/null | cksum | cut -d' ' -f1) % 32767 ))
    fi
    TIME=$(($RANDOM % $RandomSleep))
    sleep $TIME
}

random_sleep
check_power || exit 0

exec /usr/lib/apt/apt.systemd.daily
`;

export const MAN_DB_DAILY = `#!/bin/sh
#
# man-db cron daily

set -e

if [ -d /run/systemd/system ]; then
    # Skip in favour of systemd timer.
    exit 0
fi

iosched_idle=
# Don't try to change I/O priority in a vserver or OpenVZ.
if ! grep -Eq '(envID|VxID):.*[1-9]' /proc/self/status && \\
   { [ ! -d /proc/vz ] || [ -d /proc/bc ]; }; then
    iosched_idle='--iosched idle'
fi

if [ -d /var/cache/man ]; then
  cd /
  start-stop-daemon --start --pidfile /dev/null --startas /bin/sh \\
	--oknodo --chuid man $iosched_idle -- -c \\
	"find /var/cache/man -type f -name '*.gz' -atime +6 -print0 | \\
	 xargs -r0 rm -f"
fi

if [ -x /usr/bin/mandb ]; then
    start-stop-daemon --start --pidfile /dev/null \\
		      --startas /usr/bin/mandb --oknodo --chuid man \\
		      $iosched_idle \\
		      -- --no-purge --quiet
fi

exit 0
`;

/** A stock Debian server's cron: cron, e2fsprogs, sysstat, certbot, dpkg, apt, logrotate, man-db, all owned and unmodified. */
export function debianCron(root: FakeRoot): FakeRoot {
  installPackage(root, 'cron', {
    '/etc/crontab': DEBIAN_CRONTAB,
    '/etc/cron.d/.placeholder': '# DO NOT EDIT OR REMOVE\n',
    '/usr/sbin/cron': 'ELF',
  });
  installPackage(root, 'debianutils', { '/bin/run-parts': 'ELF', '/bin/sh': 'ELF', '/usr/bin/test': 'ELF' });
  installPackage(root, 'e2fsprogs', {
    '/etc/cron.d/e2scrub_all': E2SCRUB_CRON,
    '/sbin/e2scrub_all': '#!/bin/bash\n',
    '/usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron': '#!/bin/bash\n',
  });
  installPackage(root, 'sysstat', { '/etc/cron.d/sysstat': SYSSTAT_CRON, '/usr/lib/sysstat/debian-sa1': '#!/bin/sh\n' });
  installPackage(root, 'certbot', {
    '/etc/cron.d/certbot': CERTBOT_CRON,
    '/usr/bin/certbot': '#!/usr/bin/python3\n',
    '/usr/bin/perl': 'ELF',
  });
  installPackage(root, 'dpkg', { '/etc/cron.daily/dpkg': DPKG_DAILY, '/usr/libexec/dpkg/dpkg-db-backup': '#!/bin/sh\n' });
  installPackage(root, 'apt', {
    '/etc/cron.daily/apt-compat': APT_COMPAT_DAILY,
    '/usr/lib/apt/apt.systemd.daily': '#!/bin/sh\n',
    '/usr/bin/apt-config': 'ELF',
  });
  installPackage(root, 'logrotate', {
    '/etc/cron.daily/logrotate': LOGROTATE_DAILY,
    '/usr/sbin/logrotate': 'ELF',
    '/usr/bin/logger': 'ELF',
  });
  installPackage(root, 'man-db', {
    '/etc/cron.daily/man-db': MAN_DB_DAILY,
    '/etc/cron.weekly/man-db': '#!/bin/sh\nset -e\n[ -x /usr/bin/mandb ] || exit 0\n',
    '/usr/bin/mandb': 'ELF',
  });
  return root;
}

export const SSH_SERVICE = `[Unit]
Description=OpenBSD Secure Shell server
Documentation=man:sshd(8) man:sshd_config(5)
After=network.target auditd.service
ConditionPathExists=!/etc/ssh/sshd_not_to_be_run

[Service]
EnvironmentFile=-/etc/default/ssh
ExecStartPre=/usr/sbin/sshd -t
ExecStart=/usr/sbin/sshd -D $SSHD_OPTS
ExecReload=/usr/sbin/sshd -t
ExecReload=/bin/kill -HUP $MAINPID
KillMode=process
Restart=on-failure
RestartPreventExitStatus=255
Type=notify
RuntimeDirectory=sshd
RuntimeDirectoryMode=0755

[Install]
WantedBy=multi-user.target
Alias=sshd.service
`;

export const CERTBOT_TIMER = `[Unit]
Description=Run certbot twice daily

[Timer]
OnCalendar=*-*-* 00,12:00:00
RandomizedDelaySec=43200
Persistent=true

[Install]
WantedBy=timers.target
`;

export const CERTBOT_SERVICE = `[Unit]
Description=Certbot
Documentation=file:///usr/share/doc/python-certbot-doc/html/index.html
Documentation=https://certbot.eff.org/docs
[Service]
Type=oneshot
ExecStart=/usr/bin/certbot -q renew
PrivateTmp=true
`;

export const DOCKER_SERVICE = `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always

[Install]
WantedBy=multi-user.target
`;

export const NODE_EXPORTER_SERVICE = `[Unit]
Description=Prometheus Node Exporter
Wants=network-online.target
After=network-online.target

[Service]
User=node_exporter
Group=node_exporter
Type=simple
ExecStart=/opt/node_exporter/node_exporter \\
    --web.listen-address=:9100 \\
    --collector.systemd

[Install]
WantedBy=multi-user.target
`;

/**
 * A Debian server's systemd tree: packaged ssh (with its alias), timesyncd, certbot timer,
 * docker-ce with an admin drop-in, a masked unit, and the packaged fstab generator.
 */
export function debianSystemd(root: FakeRoot): FakeRoot {
  installPackage(root, 'openssh-server', { '/lib/systemd/system/ssh.service': SSH_SERVICE, '/usr/sbin/sshd': 'ELF' });
  installPackage(root, 'procps', { '/bin/kill': 'ELF' });
  installPackage(root, 'systemd-timesyncd', {
    '/lib/systemd/system/systemd-timesyncd.service':
      '[Unit]\nDescription=Network Time Synchronization\n[Service]\nExecStart=!!/lib/systemd/systemd-timesyncd\nUser=systemd-timesync\n',
    '/lib/systemd/systemd-timesyncd': 'ELF',
  });
  installPackage(root, 'systemd', {
    '/lib/systemd/system-generators/systemd-fstab-generator': 'ELF',
    '/lib/systemd/system/getty@.service': "[Service]\nExecStart=-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM\n",
    '/sbin/agetty': 'ELF',
  });
  installPackage(root, 'certbot', {
    '/lib/systemd/system/certbot.timer': CERTBOT_TIMER,
    '/lib/systemd/system/certbot.service': CERTBOT_SERVICE,
    '/usr/bin/certbot': '#!/usr/bin/python3\n',
  });
  installPackage(root, 'docker-ce', { '/lib/systemd/system/docker.service': DOCKER_SERVICE, '/usr/bin/dockerd': 'ELF' });
  return root
    .symlink('/etc/systemd/system/sshd.service', '/lib/systemd/system/ssh.service')
    .symlink('/etc/systemd/system/multi-user.target.wants/ssh.service', '/lib/systemd/system/ssh.service')
    .symlink('/etc/systemd/system/multi-user.target.wants/docker.service', '/lib/systemd/system/docker.service')
    .symlink('/etc/systemd/system/dbus-org.freedesktop.timesync1.service', '/lib/systemd/system/systemd-timesyncd.service')
    .symlink('/etc/systemd/system/timers.target.wants/certbot.timer', '/lib/systemd/system/certbot.timer')
    .symlink('/etc/systemd/system/getty.target.wants/getty@tty1.service', '/lib/systemd/system/getty@.service')
    .symlink('/etc/systemd/system/apt-daily.service', '/dev/null');
}

/** Hand-installed but benign: node_exporter under /opt, a docker drop-in, a user's backup timer. */
export function adminSystemd(root: FakeRoot, mtime = OLD): FakeRoot {
  return root
    .write(
      '/etc/passwd',
      'root:x:0:0:root:/root:/bin/bash\nbob:x:1000:1000:Bob:/home/bob:/bin/bash\nnode_exporter:x:999:999::/nonexistent:/usr/sbin/nologin\n',
    )
    .write('/opt/node_exporter/node_exporter', 'ELF', { mode: 0o755, mtime })
    .write('/etc/systemd/system/node_exporter.service', NODE_EXPORTER_SERVICE, { mtime })
    .symlink('/etc/systemd/system/multi-user.target.wants/node_exporter.service', '/etc/systemd/system/node_exporter.service')
    .write(
      '/etc/systemd/system/docker.service.d/override.conf',
      '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://127.0.0.1:2375\n',
      { mtime },
    )
    .write('/home/bob/bin/backup.sh', '#!/bin/sh\nrestic backup ~/work\n', { mode: 0o755, mtime })
    .write(
      '/home/bob/.config/systemd/user/backup.service',
      '[Unit]\nDescription=Nightly backup\n[Service]\nType=oneshot\nExecStart=%h/bin/backup.sh\n',
      { mtime },
    )
    .write(
      '/home/bob/.config/systemd/user/backup.timer',
      '[Unit]\nDescription=Nightly backup\n[Timer]\nOnCalendar=daily\nPersistent=true\n[Install]\nWantedBy=timers.target\n',
      { mtime },
    )
    .symlink('/home/bob/.config/systemd/user/timers.target.wants/backup.timer', '/home/bob/.config/systemd/user/backup.timer');
}

export const DBUS_INIT = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          dbus
# Required-Start:    $remote_fs $syslog
# Required-Stop:     $remote_fs $syslog
# Default-Start:     2 3 4 5
# Default-Stop:
# Short-Description: D-Bus systemwide message bus
### END INIT INFO
set -e
DAEMON=/usr/bin/dbus-daemon
NAME=dbus
test -x $DAEMON || exit 0
. /lib/lsb/init-functions
case "$1" in
  start)
    start-stop-daemon --start --quiet --pidfile /run/dbus/pid --exec $DAEMON -- --system
    ;;
  stop)
    start-stop-daemon --stop --retry 5 --quiet --oknodo --pidfile /run/dbus/pid --user messagebus
    ;;
  *)
    echo "Usage: /etc/init.d/$NAME {start|stop}" >&2
    exit 1
    ;;
esac
exit 0
`;

/** Debian's packaged SysV scripts with their rcN.d links (dbus, procps, hwclock.sh). */
export function debianSysv(root: FakeRoot): FakeRoot {
  installPackage(root, 'dbus', { '/etc/init.d/dbus': DBUS_INIT, '/usr/bin/dbus-daemon': 'ELF' });
  installPackage(root, 'procps', {
    '/etc/init.d/procps': '#!/bin/sh\n. /lib/lsb/init-functions\n/sbin/sysctl -q --system\n',
    '/sbin/sysctl': 'ELF',
  });
  installPackage(root, 'util-linux', {
    '/etc/init.d/hwclock.sh': '#!/bin/sh\n[ -x /sbin/hwclock ] || exit 0\n/sbin/hwclock --rtc=/dev/rtc0 --hctosys\n',
  });
  installPackage(root, 'lsb-base', { '/lib/lsb/init-functions': '# shell functions\n', '/sbin/start-stop-daemon': 'ELF' });
  for (const rl of ['2', '3', '4', '5'])
    root
      .symlink(`/etc/rc${rl}.d/S01dbus`, '../init.d/dbus')
      .write(`/etc/rc${rl}.d/README`, 'The scripts in this directory are executed each time the system enters this runlevel.\n');
  root
    .symlink('/etc/rcS.d/S01procps', '../init.d/procps')
    .symlink('/etc/rcS.d/S01hwclock.sh', '../init.d/hwclock.sh')
    .symlink('/etc/rc0.d/K01hwclock.sh', '../init.d/hwclock.sh');
  return root;
}

/** The XOR.DDoS install as analysts found it: init script, S90 links in runlevels 1-5, the binary in /usr/bin. */
export function xorDdos(root: FakeRoot, name = 'srstomucra', mtime = RECENT): FakeRoot {
  root.write(
    `/etc/init.d/${name}`,
    `#!/bin/sh\n# chkconfig: 12345 90 90\n# description: ${name}\n### BEGIN INIT INFO\n# Provides:\t\t${name}\n# Default-Start:\t1 2 3 4 5\n### END INIT INFO\ncase $1 in\nstart)\n\t/usr/bin/${name}\n\t;;\nstop)\n\t;;\n*)\n\t/usr/bin/${name}\n\t;;\nesac\n`,
    { mode: 0o755, mtime },
  );
  root.write(`/usr/bin/${name}`, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]), { mode: 0o755, mtime });
  for (const rl of ['1', '2', '3', '4', '5']) root.symlink(`/etc/rc${rl}.d/S90${name}`, `../init.d/${name}`);
  return root;
}

/** An at job file as Debian's at 3.2 writes it, with the environment preamble and heredoc wrapper. */
export function atJobFile(commands: string, uid = 0, user = 'root'): string {
  return `#!/bin/sh
# atrun uid=${uid} gid=${uid}
# mail ${user} 0
umask 22
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; export PATH
HOME=/root; export HOME
LOGNAME=${user}; export LOGNAME
cd /root || {
	 echo 'Execution directory inaccessible' >&2
	 exit 1
}
\${SHELL:-/bin/sh} << 'marcinDELIMITER6d1b4f57'
${commands}
marcinDELIMITER6d1b4f57
`;
}
