import { format, type Lang } from '../i18n/lang';

// What each hardening check says: the door it closes (title), why it matters (reason) and the
// fix. Placeholders are filled with host data (a file, a port, account names).

interface CheckText {
  title: string;
  reason: string;
  fix: string;
}

const EN = {
  'sshd.permit-root-login': {
    title: 'SSH allows root to log in with a password ({where})',
    reason: 'Brute-force bots try root first; a guessed root password is the whole machine. This is how most mining incidents begin.',
    fix: 'Set "PermitRootLogin prohibit-password" (keys only) or "no" in /etc/ssh/sshd_config, then sshd -t && systemctl reload ssh',
  },
  'sshd.password-authentication': {
    title: 'SSH accepts passwords ({where})',
    reason: 'Any account with a weak password can be guessed from the Internet; key-only logins cannot be brute-forced.',
    fix: 'Put a key in ~/.ssh/authorized_keys of every admin, then set "PasswordAuthentication no" and reload sshd',
  },
  'sshd.max-auth-tries': {
    title: 'SSH allows {value} password tries per connection ({where})',
    reason: 'More tries per connection make guessing faster and hide it in fewer log lines.',
    fix: 'Set "MaxAuthTries 3" in /etc/ssh/sshd_config and reload sshd',
  },
  'sshd.permit-empty-passwords': {
    title: 'SSH lets accounts with an empty password log in ({where})',
    reason: 'An account without a password is an open door for anyone who knows its name.',
    fix: 'Set "PermitEmptyPasswords no" in /etc/ssh/sshd_config and reload sshd',
  },
  'sshd.keys-only': {
    title: 'SSH is not keys-only: {methods} still enabled',
    reason:
      'Keyboard-interactive logins ask for the same password through PAM, so disabling PasswordAuthentication alone does not stop guessing.',
    fix: 'Set "PasswordAuthentication no" and "KbdInteractiveAuthentication no" (older: ChallengeResponseAuthentication no) once keys are in place',
  },
  'fail2ban.sshd': {
    title: 'fail2ban {state}',
    reason: 'fail2ban bans an address after a few failed logins, turning thousands of guesses into a handful.',
    fix: 'apt-get install fail2ban (or yum install fail2ban), then enable the [sshd] jail in /etc/fail2ban/jail.local: enabled = true',
  },
  'firewall.default-policy': {
    title: 'No firewall with a default-deny inbound policy is configured',
    reason:
      'Without default deny, every service that listens on all addresses (a database, Redis, the Docker API) is reachable from the Internet.',
    fix: 'Allow only what must be public and drop the rest: ufw default deny incoming && ufw allow 22/tcp && ufw enable (or firewalld, or an nftables input chain with policy drop)',
  },
  'service.redis': {
    title: 'Redis reachable without a password ({where})',
    reason:
      'An open Redis lets anyone write files as the redis user: attackers write SSH keys and cron jobs through CONFIG SET dir — a classic miner entry.',
    fix: 'bind 127.0.0.1 -::1, protected-mode yes and requirepass <long random> in redis.conf, then restart Redis',
  },
  'service.docker': {
    title: 'Docker API exposed without TLS ({where})',
    reason:
      'The Docker API on port 2375 is root on the host for anyone who can reach it; scanners find and abuse it within hours to run miners.',
    fix: 'Remove tcp://0.0.0.0:2375 from /etc/docker/daemon.json and docker.service drop-ins; use the unix socket, or 2376 with TLS client certificates',
  },
  'service.mysql': {
    title: 'MySQL/MariaDB listens on all addresses ({where})',
    reason:
      'Weak database passwords are brute-forced from the Internet, and a database account with FILE or plugin rights runs code on the host.',
    fix: 'bind-address = 127.0.0.1 in the [mysqld] section (or restrict port 3306 in the firewall), then restart the server',
  },
  'service.postgresql': {
    title: 'PostgreSQL {problem} ({where})',
    reason:
      'A reachable PostgreSQL with weak or no authentication lets attackers run programs through COPY … FROM PROGRAM; miners spread this way.',
    fix: "listen_addresses = 'localhost' in postgresql.conf, no 'trust' lines for remote hosts in pg_hba.conf, then restart PostgreSQL",
  },
  'service.elasticsearch': {
    title: 'Elasticsearch open to the network without security ({where})',
    reason: 'An unauthenticated Elasticsearch gives away and accepts data, and old versions run scripts sent by anyone.',
    fix: 'network.host: 127.0.0.1 (or firewall port 9200) and xpack.security.enabled: true in elasticsearch.yml',
  },
  'service.yarn': {
    title: 'Hadoop YARN without authentication ({where})',
    reason: 'The YARN ResourceManager REST API (port 8088) runs any submitted application; unauthenticated YARN is a common miner entry.',
    fix: 'hadoop.security.authentication = kerberos in core-site.xml, or firewall port 8088 to trusted hosts only',
  },
  'service.jenkins': {
    title: 'Jenkins with security disabled ({where})',
    reason: 'Jenkins without security lets anyone run Groovy scripts and build steps as the jenkins user.',
    fix: 'Set <useSecurity>true</useSecurity> with a security realm in config.xml (Manage Jenkins → Security), and keep Jenkins off the public Internet',
  },
  'service.listening': {
    title: '{service} listens on all addresses ({where})',
    reason: 'Services that miners enter through should not face the Internet: bind them to localhost or firewall them.',
    fix: 'Bind {service} to 127.0.0.1, or allow port {port} only from trusted addresses in the firewall',
  },
  'accounts.empty-password': {
    title: 'Accounts without a password: {names}',
    reason: 'An account with an empty password field logs in with no password at all wherever the login service allows it.',
    fix: 'passwd -l <name> for each (or set a strong password), and keep PermitEmptyPasswords no in sshd_config',
  },
  'accounts.duplicate-password': {
    title: 'Accounts sharing one password hash: {names}',
    reason: 'An identical hash means the same password was copied between accounts: guessing one opens all of them.',
    fix: 'Give each account its own password (passwd <name>) or lock the ones nobody uses (passwd -l <name>)',
  },
  'updates.automatic': {
    title: 'Security updates are not installed automatically',
    reason: 'Miners and botnets exploit known holes in web apps and services weeks after the fix is published.',
    fix: 'Debian/Ubuntu: apt-get install unattended-upgrades && dpkg-reconfigure -plow unattended-upgrades; RHEL: dnf install dnf-automatic && systemctl enable --now dnf-automatic-install.timer',
  },
  'auditd.enabled': {
    title: 'auditd {state}',
    reason:
      'Without the audit daemon there is no record of who ran what and which files changed; the next incident report will have the same gaps as this one.',
    fix: 'apt-get install auditd (or yum install audit) && systemctl enable --now auditd, with rules for /etc/passwd, /etc/shadow, sshd_config, cron and execve by root',
  },
} satisfies Record<string, CheckText>;

export type CheckId = keyof typeof EN;

const ZH: Record<CheckId, CheckText> = {
  'sshd.permit-root-login': {
    title: 'SSH 允许 root 用密码登录（{where}）',
    reason: '暴力破解程序首先尝试 root；root 密码被猜中就等于整台机器失守。大多数挖矿入侵由此开始。',
    fix: '在 /etc/ssh/sshd_config 中设置 "PermitRootLogin prohibit-password"（仅允许密钥）或 "no"，然后执行 sshd -t && systemctl reload ssh',
  },
  'sshd.password-authentication': {
    title: 'SSH 接受密码登录（{where}）',
    reason: '任何弱密码账号都可能被从互联网猜中；仅用密钥登录则无法暴力破解。',
    fix: '先把每位管理员的公钥放入 ~/.ssh/authorized_keys，再设置 "PasswordAuthentication no" 并重新加载 sshd',
  },
  'sshd.max-auth-tries': {
    title: 'SSH 每个连接允许尝试 {value} 次密码（{where}）',
    reason: '每个连接可尝试的次数越多，猜测越快，日志中的痕迹也越少。',
    fix: '在 /etc/ssh/sshd_config 中设置 "MaxAuthTries 3" 并重新加载 sshd',
  },
  'sshd.permit-empty-passwords': {
    title: 'SSH 允许空密码账号登录（{where}）',
    reason: '没有密码的账号，任何知道账号名的人都能进入。',
    fix: '在 /etc/ssh/sshd_config 中设置 "PermitEmptyPasswords no" 并重新加载 sshd',
  },
  'sshd.keys-only': {
    title: 'SSH 并非仅允许密钥登录：仍启用了 {methods}',
    reason: '键盘交互式登录通过 PAM 询问同一个密码，只关闭 PasswordAuthentication 并不能阻止猜测。',
    fix: '公钥配置好后设置 "PasswordAuthentication no" 和 "KbdInteractiveAuthentication no"（旧版本为 ChallengeResponseAuthentication no）',
  },
  'fail2ban.sshd': {
    title: 'fail2ban {state}',
    reason: 'fail2ban 会在几次登录失败后封禁来源地址，把成千上万次猜测变成寥寥几次。',
    fix: 'apt-get install fail2ban（或 yum install fail2ban），然后在 /etc/fail2ban/jail.local 中启用 [sshd]：enabled = true',
  },
  'firewall.default-policy': {
    title: '没有配置默认拒绝入站的防火墙',
    reason: '没有默认拒绝策略时，所有监听在全部地址上的服务（数据库、Redis、Docker API）都能被互联网访问。',
    fix: '只放行必须公开的端口，其余全部丢弃：ufw default deny incoming && ufw allow 22/tcp && ufw enable（或使用 firewalld，或 policy drop 的 nftables input 链）',
  },
  'service.redis': {
    title: 'Redis 无需密码即可访问（{where}）',
    reason: '开放的 Redis 允许任何人以 redis 用户身份写文件：攻击者通过 CONFIG SET dir 写入 SSH 公钥和定时任务，这是典型的挖矿入侵途径。',
    fix: '在 redis.conf 中设置 bind 127.0.0.1 -::1、protected-mode yes 和足够长的随机 requirepass，然后重启 Redis',
  },
  'service.docker': {
    title: 'Docker API 未加 TLS 即对外开放（{where}）',
    reason: '2375 端口上的 Docker API 对任何能访问它的人来说就是主机 root；扫描器会在数小时内发现并用它运行挖矿程序。',
    fix: '从 /etc/docker/daemon.json 和 docker.service 的 drop-in 中删除 tcp://0.0.0.0:2375；使用 unix 套接字，或使用带 TLS 客户端证书的 2376',
  },
  'service.mysql': {
    title: 'MySQL/MariaDB 监听全部地址（{where}）',
    reason: '数据库弱密码会被从互联网暴力破解，拥有 FILE 或插件权限的数据库账号可以在主机上执行代码。',
    fix: '在 [mysqld] 段设置 bind-address = 127.0.0.1（或在防火墙中限制 3306 端口），然后重启数据库',
  },
  'service.postgresql': {
    title: 'PostgreSQL {problem}（{where}）',
    reason: '可被访问且认证薄弱的 PostgreSQL 允许攻击者通过 COPY … FROM PROGRAM 执行程序，挖矿程序借此传播。',
    fix: "在 postgresql.conf 中设置 listen_addresses = 'localhost'，pg_hba.conf 中不要对远程主机使用 trust，然后重启 PostgreSQL",
  },
  'service.elasticsearch': {
    title: 'Elasticsearch 未启用安全功能即对网络开放（{where}）',
    reason: '未认证的 Elasticsearch 会泄露和接收数据，旧版本还会执行任何人发送的脚本。',
    fix: '在 elasticsearch.yml 中设置 network.host: 127.0.0.1（或用防火墙限制 9200 端口）和 xpack.security.enabled: true',
  },
  'service.yarn': {
    title: 'Hadoop YARN 未启用认证（{where}）',
    reason: 'YARN ResourceManager 的 REST API（8088 端口）会运行任何提交的应用；未认证的 YARN 是常见的挖矿入侵途径。',
    fix: '在 core-site.xml 中设置 hadoop.security.authentication = kerberos，或用防火墙只允许可信主机访问 8088 端口',
  },
  'service.jenkins': {
    title: 'Jenkins 关闭了安全功能（{where}）',
    reason: '没有安全功能的 Jenkins 允许任何人以 jenkins 用户身份运行 Groovy 脚本和构建步骤。',
    fix: '在 config.xml 中设置 <useSecurity>true</useSecurity> 并配置安全域（系统管理 → 安全），且不要让 Jenkins 直接暴露在公网',
  },
  'service.listening': {
    title: '{service} 监听全部地址（{where}）',
    reason: '挖矿程序常利用的服务不应直接面向互联网：应绑定到本机地址或用防火墙限制。',
    fix: '将 {service} 绑定到 127.0.0.1，或在防火墙中只允许可信地址访问 {port} 端口',
  },
  'accounts.empty-password': {
    title: '没有密码的账号：{names}',
    reason: '密码字段为空的账号，在登录服务允许的地方无需密码即可登录。',
    fix: '对每个账号执行 passwd -l <账号>（或设置强密码），并在 sshd_config 中保持 PermitEmptyPasswords no',
  },
  'accounts.duplicate-password': {
    title: '多个账号使用同一个密码哈希：{names}',
    reason: '哈希完全相同说明密码在账号之间被复制：猜中一个就能打开全部。',
    fix: '为每个账号设置不同的密码（passwd <账号>），或锁定无人使用的账号（passwd -l <账号>）',
  },
  'updates.automatic': {
    title: '未启用安全更新自动安装',
    reason: '挖矿和僵尸网络会在补丁发布数周后仍利用 Web 应用和服务的已知漏洞。',
    fix: 'Debian/Ubuntu：apt-get install unattended-upgrades && dpkg-reconfigure -plow unattended-upgrades；RHEL：dnf install dnf-automatic && systemctl enable --now dnf-automatic-install.timer',
  },
  'auditd.enabled': {
    title: 'auditd {state}',
    reason: '没有审计守护进程，就没有谁执行了什么、哪些文件被修改的记录；下一份事件报告会和这次一样留下空白。',
    fix: 'apt-get install auditd（或 yum install audit）&& systemctl enable --now auditd，并为 /etc/passwd、/etc/shadow、sshd_config、cron 和 root 的 execve 添加规则',
  },
};

const STATES = {
  en: {
    notInstalled: 'is not installed',
    noSshdJail: 'is installed but does not guard sshd',
    notEnabled: 'is installed but not enabled at boot',
    listensAll: 'listens on all addresses',
    trustsRemote: 'trusts remote hosts without a password',
    default: 'default',
  },
  'zh-CN': {
    notInstalled: '未安装',
    noSshdJail: '已安装但未保护 sshd',
    notEnabled: '已安装但未设置开机启动',
    listensAll: '监听全部地址',
    trustsRemote: '对远程主机免密码信任',
    default: '默认值',
  },
} as const;

export type StateKey = keyof (typeof STATES)['en'];

export function stateText(lang: Lang, key: StateKey): string {
  return STATES[lang][key];
}

export function checkText(lang: Lang, id: CheckId, data: Record<string, string | number | undefined> = {}): CheckText {
  const t = (lang === 'zh-CN' ? ZH : EN)[id];
  return { title: format(t.title, data), reason: format(t.reason, data), fix: format(t.fix, data) };
}

const UI = {
  en: {
    pass: 'PASS',
    fail: 'FAIL',
    unknown: '?',
    'not-applicable': 'N/A',
    why: 'Why',
    fix: 'Fix',
    summary: '{fail} to fix, {pass} in order, {unknown} undecided. hostsweep harden --apply plans the safe sshd fixes.',
  },
  'zh-CN': {
    pass: '通过',
    fail: '待修复',
    unknown: '未知',
    'not-applicable': '不适用',
    why: '原因',
    fix: '修复',
    summary: '{fail} 项待修复，{pass} 项正常，{unknown} 项无法判断。hostsweep harden --apply 会列出可安全自动修复的 sshd 设置。',
  },
} as const;

export function hardenUi(lang: Lang, key: keyof (typeof UI)['en'], data: Record<string, string | number> = {}): string {
  return format(UI[lang][key], data);
}
