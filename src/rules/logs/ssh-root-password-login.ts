import { rootAccounts } from '../../model/root-accounts';
import { defineRule } from '../rule';
import type { AuthAccepted } from '../../collect/logs/auth-log';
import { accountName } from './root-login-facts';

const PASSWORD_METHODS = new Set(['password', 'keyboard-interactive/pam']);

export default defineRule({
  meta: {
    id: 'logs/ssh-root-password-login',
    category: 'log_login',
    severity: 'high',
    attack: ['T1078', 'T1110.001'],
    status: 'stable',
    description:
      'root, or another UID-0 account, logged in over SSH with a password: the account every brute-forcer tries accepted a guessable secret.',
    falsePositives: [
      'Administrators who still log in as root with a password from a console server or jump host (a risk to fix, but expected there).',
    ],
    references: ['https://attack.mitre.org/techniques/T1078/003/'],
    uses: ['authLog'],
    messages: {
      root: {
        en: {
          title: '{account} logged in over SSH with a password from {ip} ({count}×, last {time})',
          detail:
            'sshd accepted the password of {account} from {ip} {count} time(s) between {first} and {time}. Password logins for root are what brute-force bots aim at; if this address is not yours, the password is known to an attacker.',
          action:
            'Confirm {ip} belongs to your team. If not: change the password of {user} (passwd {user}), block {ip}, and check ~{user}/.ssh/authorized_keys, crontab -l -u {user}, ~{user}/.bash_history. Then set PermitRootLogin prohibit-password (or no) in /etc/ssh/sshd_config and reload sshd.',
        },
        'zh-CN': {
          title: '{account} 通过密码从 {ip} 登录 SSH（{count} 次，最近 {time}）',
          detail:
            '{first} 至 {time} 期间，sshd 接受了来自 {ip} 的 {account} 密码登录 {count} 次。root 密码登录正是爆破程序的目标；如果该地址不是你们的，root 密码已被攻击者掌握。',
          action:
            '确认 {ip} 是否属于运维团队。如果不是：修改 {user} 的密码（passwd {user}），封禁 {ip}，检查 ~{user}/.ssh/authorized_keys、crontab -l -u {user}、~{user}/.bash_history。随后在 /etc/ssh/sshd_config 中设置 PermitRootLogin prohibit-password（或 no）并重载 sshd。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const roots = rootAccounts(snapshot.facts);
    const groups = new Map<string, AuthAccepted[]>();
    for (const a of snapshot.facts.authLog?.accepted ?? []) {
      if (!roots.has(a.user) || !PASSWORD_METHODS.has(a.method)) continue;
      const key = `${a.user}\u0000${a.ip}`;
      const list = groups.get(key) ?? [];
      list.push(a);
      groups.set(key, list);
    }
    for (const list of groups.values()) {
      const last = list[list.length - 1];
      const { ip, user } = last;
      report({
        messageId: 'root',
        data: { ip, user, account: accountName(user), count: list.length, first: list[0].time ?? '?', time: last.time ?? '?' },
        user,
        ip,
        path: last.path,
        time: last.time ?? undefined,
        evidence: list.slice(-5).map((a) => `${a.path}: ${a.line}`),
      });
    }
  },
});
