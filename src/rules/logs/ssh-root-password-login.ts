import { defineRule } from '../rule';
import type { AuthAccepted } from '../../collect/logs/auth-log';

const PASSWORD_METHODS = new Set(['password', 'keyboard-interactive/pam']);

export default defineRule({
  meta: {
    id: 'logs/ssh-root-password-login',
    category: 'log_login',
    severity: 'high',
    attack: ['T1078', 'T1110.001'],
    status: 'stable',
    description: 'root logged in over SSH with a password: the account every brute-forcer tries accepted a guessable secret.',
    falsePositives: [
      'Administrators who still log in as root with a password from a console server or jump host (a risk to fix, but expected there).',
    ],
    references: ['https://attack.mitre.org/techniques/T1078/003/'],
    uses: ['authLog'],
    messages: {
      root: {
        en: {
          title: 'root logged in over SSH with a password from {ip} ({count}×, last {time})',
          detail:
            'sshd accepted the root password from {ip} {count} time(s) between {first} and {time}. Password logins for root are what brute-force bots aim at; if this address is not yours, the password is known to an attacker.',
          action:
            'Confirm {ip} belongs to your team. If not: change the root password, block {ip}, and check /root/.ssh/authorized_keys, crontab -l, /root/.bash_history. Then set PermitRootLogin prohibit-password (or no) in /etc/ssh/sshd_config and reload sshd.',
        },
        'zh-CN': {
          title: 'root 通过密码从 {ip} 登录 SSH（{count} 次，最近 {time}）',
          detail:
            '{first} 至 {time} 期间，sshd 接受了来自 {ip} 的 root 密码登录 {count} 次。root 密码登录正是爆破程序的目标；如果该地址不是你们的，root 密码已被攻击者掌握。',
          action:
            '确认 {ip} 是否属于运维团队。如果不是：修改 root 密码，封禁 {ip}，检查 /root/.ssh/authorized_keys、crontab -l、/root/.bash_history。随后在 /etc/ssh/sshd_config 中设置 PermitRootLogin prohibit-password（或 no）并重载 sshd。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const groups = new Map<string, AuthAccepted[]>();
    for (const a of snapshot.facts.authLog?.accepted ?? []) {
      if (a.user !== 'root' || !PASSWORD_METHODS.has(a.method)) continue;
      const list = groups.get(a.ip) ?? [];
      list.push(a);
      groups.set(a.ip, list);
    }
    for (const [ip, list] of groups) {
      const last = list[list.length - 1];
      report({
        messageId: 'root',
        data: { ip, count: list.length, first: list[0].time ?? '?', time: last.time ?? '?' },
        user: 'root',
        ip,
        path: last.path,
        time: last.time ?? undefined,
        evidence: list.slice(-5).map((a) => `${a.path}: ${a.line}`),
      });
    }
  },
});
