import { phrase } from '../../i18n/phrases';
import { loginMethod } from '../../i18n/login-method';
import { rootAccounts } from '../../model/root-accounts';
import { breakIns } from '../shared/break-ins';
import { defineRule } from '../rule';
import { accountName } from './root-login-facts';

export default defineRule({
  meta: {
    id: 'logs/ssh-login-after-bruteforce',
    category: 'log_login',
    severity: 'critical',
    attack: ['T1110.001', 'T1078'],
    status: 'stable',
    description: 'An address that failed many SSH logins then logged in successfully: the guessed password worked.',
    falsePositives: [
      'An administrator who mistyped a password many times from the same address before getting it right (rare above the threshold).',
    ],
    references: ['https://attack.mitre.org/techniques/T1110/001/'],
    uses: ['authLog'],
    messages: {
      breakin: {
        en: {
          title: 'SSH login as {account} from {ip} after {attempts} failed attempts',
          detail:
            'At {time} {ip} logged in as {account} ({method}) after failing {attempts} times since {first}. This is what a successful brute force looks like: treat {user} as compromised and everything it could reach as suspect.',
          action:
            'Kick the session now (who; pkill -KILL -t <tty>) and block {ip} (iptables -I INPUT -s {ip} -j DROP). Change the password of {user}, check ~{user}/.ssh/authorized_keys, crontab -l -u {user} and its shell history, and review what ran after {time} (last -i, /var/log/auth.log).',
        },
        'zh-CN': {
          title: '{ip} 在失败 {attempts} 次后以 {account} 登录 SSH 成功',
          detail:
            '{time}，{ip} 在自 {first} 起失败 {attempts} 次之后，以 {account} 身份（{method}）登录成功。这正是暴力破解得手的特征：应视 {user} 已失陷，其可访问的一切都可疑。',
          action:
            '立即踢掉会话（who；pkill -KILL -t <tty>）并封禁 {ip}（iptables -I INPUT -s {ip} -j DROP）。修改 {user} 的密码，检查 ~{user}/.ssh/authorized_keys、crontab -l -u {user} 和历史命令，并排查 {time} 之后发生的操作（last -i、/var/log/auth.log）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const auth = snapshot.facts.authLog;
    if (!auth) return;
    const roots = rootAccounts(snapshot.facts);
    const seen = new Set<string>();
    for (const a of breakIns(snapshot, intel)) {
      // One finding per address and account: the first success is the break-in, later ones are its use.
      const key = `${a.ip}\u0000${a.user}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const later = auth.accepted.filter((b) => b.ip === a.ip && b.user === a.user).length - 1;
      report({
        messageId: 'breakin',
        data: {
          user: a.user,
          account: roots.has(a.user) ? accountName(a.user) : a.user,
          ip: a.ip,
          attempts: a.attemptsBefore,
          time: a.time ?? '?',
          method: loginMethod(a.method),
          first: a.firstFailure ?? '?',
        },
        user: a.user,
        ip: a.ip,
        path: a.path,
        time: a.time ?? undefined,
        evidence: [
          `${a.path}: ${a.line}`,
          phrase('brute.before', { count: a.attemptsBefore, ip: a.ip, first: a.firstFailure ?? '?', last: a.lastFailure ?? '?' }),
          ...(later > 0 ? [phrase('brute.laterLogins', { count: later, user: a.user, ip: a.ip })] : []),
        ],
      });
    }
  },
});
