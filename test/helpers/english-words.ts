import { safeText } from '../../src/report/sanitize';

// Finds English words in text meant to be Chinese. Paths, URLs, options, identifiers, quoted
// spans and the target's own data (names, command lines, file lines: what an attacker wrote)
// are not language; everything else made of Latin letters is English that a translation missed.

/**
 * Words the Chinese texts keep on purpose: programs, protocols, file formats, fields of system
 * files and abbreviations an operator types or reads in tool output as they are.
 */
const TECHNICAL = new Set(
  `hostsweep clamav clamd clamscan freshclam detectpua localsocket streammaxlength ssh sshd scp sftp cron crond crontab anacron at atd systemd systemctl journalctl unit timer service init rc
  inittab udev pam modprobe insmod rmmod lsmod depmod dkms motd ld so preload ld.so ldconfig root shell bash sh dash zsh
  ksh csh tcsh python python3 perl php ruby node lua nc ncat netcat socat telnet curl wget tftp ftp git base64 eval exec
  nohup setsid screen tmux chattr lsattr chmod chown chgrp cp mv rm ls cat grep awk sed find kill pkill killall ps top
  htop ss netstat lsof iptables nftables nft ip ifconfig dpkg apt rpm yum dnf debsums md5 md5sum sha256 sha256sum sha1
  elf upx suid sgid setuid setgid uid gid pid ppid tgid cpu ram io tcp udp icmp dns http https tls ssl smtp irc tor ddos
  xor kworker kthreadd proc sys sysfs tracefs memfd tmpfs cgroup namespace ipv4 ipv6 url api json yaml html csv id
  passwd shadow group gshadow sudo sudoers su nopasswd authorized_keys authorizedkeysfile authorizedkeyscommand
  permitrootlogin passwordauthentication permitemptypasswords permituserenvironment lastlog wtmp btmp utmp wtmpdb last
  lastb who history histfile histsize bash_history prompt_command ld_preload ld_library_path ld_audit stratum xmrig
  nginx apache httpd webshell mysql redis docker kubernetes k8s linux debian ubuntu centos rhel gnu posix ascii utf
  utf-8 attack att&ck mitre nologin false true login getty agetty ssh-rsa ssh-ed25519 ecdsa rsa ed25519 hmac mac
  tty pts console gcc make cc go java jar war jsp asp aspx cgi dev shm tmp var etc usr bin sbin lib lib64 opt home
  run boot mnt srv ok cfg conf ini md markdown vi vim nano less more tail head strace gdb ltrace auditd auditctl
  ausearch auth secure syslog rsyslog journald logrotate gz bz2 xz zstd tar zip unzip ko kmod nf iscsi vm kvm qemu
  sha gpg pgp x11 xorg ice unix ipc mb kb gb kib mib gib ms b s min h d
  rootkit reload usermod useradd userdel groupadd groupdel groupmod gpasswd visudo vipw pwck pwconv getent disable enable status
  stat strings pgrep libc libpam libcrypto install remove download scan contain czf atq atrm diff modinfo udevadm
  control type port sort uniq cut ln touch echo xxd nmap tcpdump busybox readdir getdents scandir env web kdevtmpfsi
  kworkerds kinsing billgates chkconfig respawn dbus execstart exporter authselect duo security nullok gtfobins
  authenticate match user allowtcpforwarding allowusers esbuild ripgrep file link limit any get yes no deleted x i f
  update-rc.d insserv sshd_config maill immutable selinux stdin stdout stderr bind sulogin nicehash
  setenforce getenforce reinstall info autorelabel sqlite`.split(/\s+/),
);

/** ASCII letters, possibly with inner apostrophe or hyphen ("can't", "world-writable"). */
const WORD = /[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g;

/** Spans that are not language: removed before words are looked at. */
const NOT_LANGUAGE: RegExp[] = [
  /"[^"\n]*"/g,
  /“[^”\n]*”/g,
  /「[^」\n]*」/g,
  /`[^`\n]*`/g,
  /'[^'\n]*'/g,
  /\b[a-z][a-z0-9+.-]*:\/\/\S*/gi,
  // Paths, options, identifiers, key=value, host:port, sizes and times: one token with a
  // character no plain word has.
  /\S*[/\\=_@#$%{}<>|~^*[\]0-9.:-]\S*/g,
  // camelCase and UPPER_CASE identifiers, and WORDS in capitals (ENV, NOPASSWD).
  /\b[a-z]+[A-Z]\w*\b/g,
  /\b[A-Z]{2,}\b/g,
];

/** ASCII words of `data` (a target's facts): the attacker's words, not the tool's language. */
export function dataWords(data: unknown, into = new Set<string>()): Set<string> {
  if (typeof data === 'string') {
    // As written, and as the terminal shows it (control characters escaped to \xNN).
    for (const text of [data, safeText(data)]) for (const w of text.match(WORD) ?? []) into.add(w.toLowerCase());
  } else if (Array.isArray(data)) for (const v of data) dataWords(v, into);
  else if (data && typeof data === 'object') for (const v of Object.values(data)) dataWords(v, into);
  return into;
}

/** The English words in `text`, in order, each once per occurrence. */
export function englishWords(text: string, exempt: ReadonlySet<string> = new Set()): string[] {
  let rest = text;
  for (const re of NOT_LANGUAGE) rest = rest.replace(re, ' ');
  return (rest.match(WORD) ?? []).filter((w) => {
    const lower = w.toLowerCase();
    return !TECHNICAL.has(lower) && !exempt.has(lower);
  });
}
