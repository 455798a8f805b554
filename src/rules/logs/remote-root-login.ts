import { phrase } from '../../i18n/phrases';
import { loginMethod } from '../../i18n/login-method';
import { rootAccounts } from '../../model/root-accounts';
import { defineRule } from '../rule';
import type { LoginSession } from '../../collect/logs/logins';
import { accountName, keyEvidence } from './root-login-facts';

const LOCAL_HOSTS = new Set(['', 'localhost', '127.0.0.1', '::1']);

export default defineRule({
  meta: {
    id: 'logs/remote-root-login',
    category: 'log_login',
    severity: 'medium',
    attack: ['T1078'],
    status: 'stable',
    description:
      'wtmp shows root sessions opened from a remote address, for root and for every other UID-0 account. Every remote root login must be accounted for during an incident; the auth log names the key used when it was a key.',
    falsePositives: ['Teams that administer as root over SSH from known jump hosts; the address tells.'],
    references: ['https://attack.mitre.org/techniques/T1078/003/'],
    uses: ['logins'],
    messages: {
      root: {
        en: {
          title: '{account} logged in from {host} ({count} session(s), last {time})',
          detail:
            'wtmp records {count} session(s) of {account} from {host} between {first} and {time}. Direct root logins leave no trace of who the person was; an attacker with the root password or key looks exactly like this.',
          action:
            'Confirm {host} is one of your admin hosts (last -i {user}). If not, block it, rotate the credentials of {user} and inspect ~{user}/.ssh/authorized_keys; then set PermitRootLogin no (or prohibit-password) in /etc/ssh/sshd_config.',
        },
        'zh-CN': {
          title: '{account} 从 {host} 远程登录（{count} 次会话，最近 {time}）',
          detail:
            'wtmp 记录了 {first} 至 {time} 期间来自 {host} 的 {count} 次 {account} 会话。直接以 root 登录无法追溯操作人；掌握 root 密码或密钥的攻击者看起来也正是这样。',
          action:
            '确认 {host} 是否为运维跳板机（last -i {user}）。如果不是：封禁它，更换 {user} 的凭据并检查 ~{user}/.ssh/authorized_keys；随后在 /etc/ssh/sshd_config 中设置 PermitRootLogin no（或 prohibit-password）。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const roots = rootAccounts(snapshot.facts);
    const byHost = new Map<string, LoginSession[]>();
    for (const s of snapshot.facts.logins?.sessions ?? []) {
      const host = s.ip || s.host;
      // X displays (":0") and local consoles are not remote.
      if (!roots.has(s.user) || LOCAL_HOSTS.has(host) || host.startsWith(':')) continue;
      const key = `${s.user}\u0000${host}`;
      byHost.set(key, [...(byHost.get(key) ?? []), s]);
    }
    for (const list of byHost.values()) {
      const last = list[list.length - 1];
      const { user } = last;
      const host = last.ip || last.host;
      // The same logins in the auth log say which key or method let them in.
      const accepted = (snapshot.facts.authLog?.accepted ?? []).filter((a) => a.user === user && a.ip === host);
      const methods = [...new Set(accepted.map((a) => a.method))].map(loginMethod);
      report({
        messageId: 'root',
        data: { host, user, account: accountName(user), count: list.length, first: list[0].login ?? '?', time: last.login ?? '?' },
        user,
        ip: host,
        path: last.path,
        time: last.login ?? undefined,
        evidence: [
          ...list.slice(-5).map((s) =>
            phrase('session.line', {
              path: s.path,
              user,
              line: s.line,
              host: s.host,
              login: s.login ?? '?',
              logout: s.logout ?? phrase('session.noLogout'),
            }),
          ),
          ...(methods.length > 0 ? [phrase('login.methods', { methods })] : []),
          ...keyEvidence(snapshot, accepted),
        ],
      });
    }
  },
});
