import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import type { LoginSession } from '../../collect/logs/logins';

const LOCAL_HOSTS = new Set(['', 'localhost', '127.0.0.1', '::1']);

export default defineRule({
  meta: {
    id: 'logs/remote-root-login',
    category: 'log_login',
    severity: 'medium',
    attack: ['T1078'],
    status: 'stable',
    description: 'wtmp shows root sessions opened from a remote address. Every remote root login must be accounted for during an incident.',
    falsePositives: ['Teams that administer as root over SSH from known jump hosts; the address tells.'],
    references: ['https://attack.mitre.org/techniques/T1078/003/'],
    uses: ['logins'],
    messages: {
      root: {
        en: {
          title: 'root logged in from {host} ({count} session(s), last {time})',
          detail:
            'wtmp records {count} root session(s) from {host} between {first} and {time}. Direct root logins leave no trace of who the person was; an attacker with the root password or key looks exactly like this.',
          action:
            'Confirm {host} is one of your admin hosts (last -i root). If not, block it, rotate root credentials and inspect /root/.ssh/authorized_keys; then set PermitRootLogin no (or prohibit-password) in /etc/ssh/sshd_config.',
        },
        'zh-CN': {
          title: 'root 从 {host} 远程登录（{count} 次会话，最近 {time}）',
          detail:
            'wtmp 记录了 {first} 至 {time} 期间来自 {host} 的 {count} 次 root 会话。直接以 root 登录无法追溯操作人；掌握 root 密码或密钥的攻击者看起来也正是这样。',
          action:
            '确认 {host} 是否为运维跳板机（last -i root）。如果不是：封禁它，更换 root 凭据并检查 /root/.ssh/authorized_keys；随后在 /etc/ssh/sshd_config 中设置 PermitRootLogin no（或 prohibit-password）。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const byHost = new Map<string, LoginSession[]>();
    for (const s of snapshot.facts.logins?.sessions ?? []) {
      const host = s.ip || s.host;
      // X displays (":0") and local consoles are not remote.
      if (s.user !== 'root' || LOCAL_HOSTS.has(host) || host.startsWith(':')) continue;
      byHost.set(host, [...(byHost.get(host) ?? []), s]);
    }
    for (const [host, list] of byHost) {
      const last = list[list.length - 1];
      report({
        messageId: 'root',
        data: { host, count: list.length, first: list[0].login ?? '?', time: last.login ?? '?' },
        user: 'root',
        ip: host,
        path: last.path,
        time: last.login ?? undefined,
        evidence: list.slice(-5).map((s) =>
          phrase('session.line', {
            path: s.path,
            user: 'root',
            line: s.line,
            host: s.host,
            login: s.login ?? '?',
            logout: s.logout ?? phrase('session.noLogout'),
          }),
        ),
      });
    }
  },
});
