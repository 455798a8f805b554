import { type RpmSpec, installRpms } from './rpm-tree';

// A small Rocky/RHEL 9-like tree whose system files all come from real rpm packages installed
// with rpm --root: merged /usr, /etc/init.d → rc.d/init.d, cron spool in /var/spool/cron,
// /var/log/secure, SELinux enforcing. Contents are inert stand-ins, never real binaries.

const elf = (name: string) => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(2048, name)]);
const bin = (path: string) => ({ path, content: elf(path), mode: 0o755 });
const conf = (path: string, content: string, mode = 0o644) => ({ path, content, mode, config: true });

export const RHEL_PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'bin:x:1:1:bin:/bin:/sbin/nologin',
  'daemon:x:2:2:daemon:/sbin:/sbin/nologin',
  'adm:x:3:4:adm:/var/adm:/sbin/nologin',
  'nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin',
  'sshd:x:74:74:Privilege-separated SSH:/usr/share/empty.sshd:/sbin/nologin',
  'ops:x:1000:1000::/home/ops:/bin/bash',
  '',
].join('\n');

const SYSTEM_AUTH = [
  'auth        required      pam_env.so',
  'auth        sufficient    pam_unix.so nullok',
  'auth        required      pam_deny.so',
  'account     required      pam_unix.so',
  'password    sufficient    pam_unix.so sha512 shadow nullok use_authtok',
  'password    required      pam_deny.so',
  'session     required      pam_limits.so',
  'session     required      pam_unix.so',
  '',
].join('\n');

export const RHEL_PACKAGES: RpmSpec[] = [
  {
    name: 'filesystem',
    files: [
      { path: '/bin', symlink: 'usr/bin' },
      { path: '/sbin', symlink: 'usr/sbin' },
      { path: '/lib', symlink: 'usr/lib' },
      { path: '/lib64', symlink: 'usr/lib64' },
      { path: '/var/spool/cron', dir: true, mode: 0o700 },
      { path: '/root', dir: true, mode: 0o550 },
    ],
  },
  {
    name: 'setup',
    files: [
      conf('/etc/passwd', RHEL_PASSWD),
      conf('/etc/group', 'root:x:0:\nbin:x:1:\ndaemon:x:2:\nadm:x:4:\nwheel:x:10:ops\nnobody:x:65534:\nsshd:x:74:\nops:x:1000:\n'),
      conf('/etc/shadow', 'root:$6$saltsalt$5o0Hk5c4Yz2oYw1yJbF2c3fE7vQ0:19000:0:99999:7:::\nops:!!:19000::::::\n', 0o000),
      conf('/etc/hosts', '127.0.0.1   localhost localhost.localdomain\n::1         localhost localhost.localdomain\n'),
      conf('/etc/bashrc', '# /etc/bashrc\nif [ "$PS1" ]; then\n  PS1="[\\u@\\h \\W]\\\\$ "\nfi\n'),
      conf('/etc/profile', '# /etc/profile\nexport PATH=/usr/local/bin:/usr/bin:/usr/sbin\n'),
    ],
  },
  {
    name: 'rocky-release',
    files: [
      conf(
        '/etc/os-release',
        'NAME="Rocky Linux"\nVERSION="9.4 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n',
      ),
      conf('/etc/redhat-release', 'Rocky Linux release 9.4 (Blue Onyx)\n'),
    ],
  },
  { name: 'bash', files: [bin('/usr/bin/bash'), { path: '/usr/bin/sh', symlink: 'bash' }] },
  { name: 'coreutils', files: [bin('/usr/bin/ls'), bin('/usr/bin/cat'), bin('/usr/bin/chmod')] },
  { name: 'procps-ng', files: [bin('/usr/bin/ps'), bin('/usr/bin/top'), bin('/usr/bin/w'), bin('/usr/bin/pgrep')] },
  { name: 'net-tools', files: [bin('/usr/bin/netstat')] },
  { name: 'iproute', files: [bin('/usr/sbin/ss'), bin('/usr/sbin/ip')] },
  { name: 'lsof', files: [bin('/usr/bin/lsof')] },
  { name: 'findutils', files: [bin('/usr/bin/find')] },
  { name: 'util-linux', files: [bin('/usr/bin/login'), bin('/usr/bin/su')] },
  { name: 'shadow-utils', files: [bin('/usr/sbin/useradd'), bin('/usr/bin/passwd')] },
  {
    name: 'openssh-server',
    files: [
      bin('/usr/sbin/sshd'),
      conf('/etc/ssh/sshd_config', 'Include /etc/ssh/sshd_config.d/*.conf\nSubsystem sftp /usr/libexec/openssh/sftp-server\n', 0o600),
      { path: '/etc/ssh/sshd_config.d', dir: true, mode: 0o755 },
      bin('/usr/libexec/openssh/sftp-server'),
      conf('/etc/sysconfig/sshd', '# Configuration file for the sshd service.\n'),
      conf(
        '/etc/pam.d/sshd',
        'auth       substack     password-auth\naccount    include      password-auth\nsession    include      password-auth\n',
      ),
      {
        path: '/usr/lib/systemd/system/sshd.service',
        content:
          '[Unit]\nDescription=OpenSSH server daemon\n\n[Service]\nType=notify\nEnvironmentFile=-/etc/sysconfig/sshd\nExecStart=/usr/sbin/sshd -D $OPTIONS\n\n[Install]\nWantedBy=multi-user.target\n',
      },
    ],
  },
  {
    name: 'pam',
    files: [
      bin('/usr/lib64/security/pam_unix.so'),
      bin('/usr/lib64/security/pam_deny.so'),
      bin('/usr/lib64/security/pam_env.so'),
      bin('/usr/lib64/security/pam_limits.so'),
      conf('/etc/pam.d/system-auth', SYSTEM_AUTH),
      conf('/etc/pam.d/password-auth', SYSTEM_AUTH),
      conf('/etc/pam.d/login', 'auth substack system-auth\naccount include system-auth\nsession include system-auth\n'),
      conf('/etc/pam.d/su', 'auth sufficient pam_rootok.so\nauth substack system-auth\n'),
    ],
  },
  {
    name: 'cronie',
    files: [
      bin('/usr/sbin/crond'),
      bin('/usr/bin/crontab'),
      conf('/etc/crontab', 'SHELL=/bin/bash\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\nMAILTO=root\n'),
      conf('/etc/sysconfig/crond', 'CRONDARGS=\n'),
      conf('/etc/pam.d/crond', 'account required pam_access.so\nauth include password-auth\n'),
      conf(
        '/etc/cron.d/0hourly',
        'SHELL=/bin/bash\nPATH=/sbin:/bin:/usr/sbin:/usr/bin\nMAILTO=root\n01 * * * * root run-parts /etc/cron.hourly\n',
      ),
      { path: '/etc/cron.hourly', dir: true, mode: 0o755 },
      {
        path: '/usr/lib/systemd/system/crond.service',
        content:
          '[Unit]\nDescription=Command Scheduler\n\n[Service]\nEnvironmentFile=-/etc/sysconfig/crond\nExecStart=/usr/sbin/crond -n $CRONDARGS\n\n[Install]\nWantedBy=multi-user.target\n',
      },
    ],
  },
  {
    name: 'chkconfig',
    files: [
      bin('/usr/sbin/chkconfig'),
      { path: '/etc/init.d', symlink: 'rc.d/init.d' },
      { path: '/etc/rc.d/init.d', dir: true, mode: 0o755 },
      ...[0, 1, 2, 3, 4, 5, 6].map((n) => ({ path: `/etc/rc.d/rc${n}.d`, dir: true, mode: 0o755 })),
    ],
  },
  {
    name: 'initscripts',
    files: [conf('/etc/rc.d/init.d/functions', '# -*-Shell-script-*-\n# functions for init scripts\nsuccess() { return 0; }\n')],
  },
  {
    name: 'systemd',
    files: [
      bin('/usr/lib/systemd/systemd'),
      bin('/usr/bin/systemctl'),
      {
        path: '/etc/rc.d/rc.local',
        content: '#!/bin/bash\n# Please note that you must run chmod +x /etc/rc.d/rc.local\ntouch /var/lock/subsys/local\n',
        mode: 0o644,
        config: true,
      },
      { path: '/etc/rc.local', symlink: 'rc.d/rc.local' },
    ],
  },
  {
    name: 'rsyslog',
    files: [
      bin('/usr/sbin/rsyslogd'),
      conf(
        '/etc/rsyslog.conf',
        'authpriv.*  /var/log/secure\n*.info;mail.none;authpriv.none;cron.none  /var/log/messages\ncron.*  /var/log/cron\n',
      ),
    ],
  },
  {
    name: 'selinux-policy',
    files: [
      conf('/etc/selinux/config', '# This file controls the state of SELinux on the system.\nSELINUX=enforcing\nSELINUXTYPE=targeted\n'),
    ],
  },
  { name: 'dnf', files: [bin('/usr/bin/dnf'), { path: '/usr/bin/yum', symlink: 'dnf' }, { path: '/var/lib/dnf', dir: true, mode: 0o755 }] },
];

/** Installs the packages into `root`; returns the rpmbuild work dir (remove it when done). */
export function buildRhelTree(root: string): string {
  return installRpms(root, RHEL_PACKAGES, { release: '1.el9' });
}
