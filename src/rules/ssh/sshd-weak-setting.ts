import { phrase } from '../../i18n/phrases';
import { effectiveOption, type SshdOption } from '../../collect/accounts/sshd-config';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'ssh/sshd-weak-setting',
    category: 'sshd_config',
    severity: 'medium',
    attack: ['T1021.004', 'T1098'],
    status: 'stable',
    description:
      'sshd settings that open the door intruders use or keep: PermitRootLogin yes (worse with password login), PermitUserEnvironment, and a non-standard Port (informational). Debian/RHEL defaults produce nothing here.',
    falsePositives: ['Deliberate root password login on an isolated lab machine.'],
    uses: ['sshdConfig'],
    messages: {
      rootPassword: {
        en: {
          title: 'sshd lets root log in with a password (PermitRootLogin yes)',
          detail:
            '{where}: "{line}" while PasswordAuthentication is {password}. Root password brute force is how most mining intrusions start; an intruder may also have turned this on to log back in.',
          action:
            'Make sure a key works for an admin account first, then set "PermitRootLogin prohibit-password" (or no) and "PasswordAuthentication no" in {file}; check: sshd -t && systemctl reload ssh; watch: grep -a "Failed password for root" /var/log/auth.log* | tail.',
        },
        'zh-CN': {
          title: 'sshd 允许 root 使用密码登录（PermitRootLogin yes）',
          detail:
            '{where}：“{line}”，且 PasswordAuthentication 为 {password}。多数挖矿入侵始于 root 密码爆破；入侵者也可能为了回连而打开此项。',
          action:
            '先确认管理员账号可用密钥登录，再在 {file} 中设置“PermitRootLogin prohibit-password”（或 no）和“PasswordAuthentication no”；检查并生效：sshd -t && systemctl reload ssh；观察：grep -a "Failed password for root" /var/log/auth.log* | tail。',
        },
      },
      rootLogin: {
        en: {
          title: 'sshd allows root login (PermitRootLogin yes)',
          detail:
            '{where}: "{line}". Passwords are off, so only keys work, but "yes" also re-enables root passwords the moment PasswordAuthentication changes; prohibit-password says what is meant.',
          action: 'Set "PermitRootLogin prohibit-password" in {file}, then: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: 'sshd 允许 root 登录（PermitRootLogin yes）',
          detail:
            '{where}：“{line}”。目前密码登录已关闭，只有密钥可用；但一旦 PasswordAuthentication 改变，“yes”会重新允许 root 密码登录，prohibit-password 才是本意。',
          action: '在 {file} 中设置“PermitRootLogin prohibit-password”，然后执行：sshd -t && systemctl reload ssh。',
        },
      },
      userEnvironment: {
        en: {
          title: "sshd reads users' ~/.ssh/environment (PermitUserEnvironment {value})",
          detail:
            '{where}: "{line}". Users (or an intruder with their keys file) can set LD_PRELOAD and similar variables for sshd\'s session, a way to run code at every login.',
          action:
            'Set "PermitUserEnvironment no" in {file}, check ~/.ssh/environment files (ls -la /root/.ssh/environment /home/*/.ssh/environment), then: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: 'sshd 会读取用户的 ~/.ssh/environment（PermitUserEnvironment {value}）',
          detail: '{where}：“{line}”。用户（或掌握其密钥文件的入侵者）可为会话设置 LD_PRELOAD 等变量，在每次登录时执行代码。',
          action:
            '在 {file} 中设置“PermitUserEnvironment no”，检查 ~/.ssh/environment 文件（ls -la /root/.ssh/environment /home/*/.ssh/environment），然后执行：sshd -t && systemctl reload ssh。',
        },
      },
      port: {
        en: {
          title: 'sshd listens on port {value}',
          detail:
            '{where}: "{line}". Not a problem by itself (it reduces brute-force noise), but firewall rules, fail2ban and log searches must use port {value}.',
          action:
            'Make sure the firewall and fail2ban jail cover port {value}: ss -ltnp | grep sshd; fail2ban-client get sshd port 2>/dev/null.',
        },
        'zh-CN': {
          title: 'sshd 监听端口 {value}',
          detail: '{where}：“{line}”。这本身不是问题（能减少爆破噪音），但防火墙规则、fail2ban 和日志检索都要使用端口 {value}。',
          action: '确认防火墙和 fail2ban 规则覆盖端口 {value}：ss -ltnp | grep sshd；fail2ban-client get sshd port 2>/dev/null。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const cfg = snapshot.facts.sshdConfig;
    if (!cfg?.present) return;
    const at = (o: SshdOption) => ({ where: `${o.file}:${o.line}`, line: o.text, file: o.file });
    const evidence = (...os: (SshdOption | undefined)[]) => os.filter((o) => o !== undefined).map((o) => `${o.file}:${o.line}: ${o.text}`);

    const root = effectiveOption(cfg, 'permitrootlogin');
    if (root?.args[0]?.toLowerCase() === 'yes') {
      const pw = effectiveOption(cfg, 'passwordauthentication');
      const passwordOn = pw?.args[0]?.toLowerCase() !== 'no'; // OpenSSH's default is yes
      report({
        messageId: passwordOn ? 'rootPassword' : 'rootLogin',
        data: { ...at(root), password: pw ? `${pw.args[0]} (${pw.file}:${pw.line})` : phrase('sshd.defaultYes') },
        severity: 'medium',
        path: root.file,
        user: 'root',
        evidence: evidence(root, pw),
      });
    }
    const env = effectiveOption(cfg, 'permituserenvironment');
    if (env && env.args[0] !== undefined && env.args[0].toLowerCase() !== 'no') {
      report({
        messageId: 'userEnvironment',
        data: { ...at(env), value: env.args.join(' ') },
        severity: 'medium',
        path: env.file,
        evidence: evidence(env),
      });
    }
    for (const p of cfg.options.filter((o) => o.key === 'port' && !o.inMatch)) {
      if (p.args[0] === '22') continue;
      report({ messageId: 'port', data: { ...at(p), value: p.args[0] ?? '?' }, severity: 'info', path: p.file, evidence: evidence(p) });
    }
  },
});
