import { phrase } from '../../i18n/phrases';
import { rootAccounts } from '../../model/root-accounts';
import { breakIns } from '../shared/break-ins';
import { defineRule } from '../rule';
import { accountName } from './root-login-facts';

export default defineRule({
  meta: {
    id: 'logs/login-from-bruteforce-ip',
    category: 'log_login',
    severity: 'critical',
    attack: ['T1110.001', 'T1078'],
    status: 'stable',
    description:
      'wtmp records a login session from an address that had failed many logins before (btmp or auth log): a brute force that worked, seen in the binary login records even when text logs were cleaned or never written (journald-only systems).',
    falsePositives: ['An administrator behind a shared NAT address with a brute-forcing neighbour; check the session time and the user.'],
    references: ['https://attack.mitre.org/techniques/T1110/001/'],
    uses: ['logins', 'authLog'],
    messages: {
      session: {
        en: {
          title: 'Login session of {account} from {ip}, which had failed {attempts} logins before',
          detail:
            'wtmp shows {user} logged in from {ip} on {line} at {time} (logout {logout}); the same address failed {attempts} logins since {first} ({source}). The guessed password worked.',
          action:
            'Treat {user} as compromised: kill its sessions (pkill -KILL -u {user} if it is not your own), block {ip}, change its password, check ~{user}/.ssh/authorized_keys, crontab -l -u {user}, its shell history and files changed after {time} (find / -xdev -newermt "{time}").',
        },
        'zh-CN': {
          title: '{account} 从 {ip} 登录成功，该地址此前登录失败 {attempts} 次',
          detail:
            'wtmp 显示 {user} 于 {time} 从 {ip} 在 {line} 登录（登出时间 {logout}）；该地址自 {first} 起登录失败 {attempts} 次（{source}）。猜中的密码生效了。',
          action:
            '视 {user} 已失陷：结束其会话（若不是你本人，pkill -KILL -u {user}），封禁 {ip}，修改其密码，检查 ~{user}/.ssh/authorized_keys、crontab -l -u {user}、历史命令以及 {time} 之后修改过的文件（find / -xdev -newermt "{time}"）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const { logins, authLog } = snapshot.facts;
    if (!logins || !authLog) return;
    const min = intel.logs.sshBruteForceMinAttempts;
    const roots = rootAccounts(snapshot.facts);
    const authBy = new Map(authLog.sources.map((s) => [s.ip, s]));
    const btmpBy = new Map(logins.failed.map((f) => [f.host, f]));
    // The auth-log rule already reports a break-in it saw in text; this one covers what only wtmp kept.
    const seenInText = new Set(breakIns(snapshot, intel).map((a) => `${a.ip}\u0000${a.user}`));
    const done = new Set<string>();
    for (const s of logins.sessions) {
      const ip = s.ip || s.host;
      if (!ip || !s.login) continue;
      const key = `${ip}\u0000${s.user}`;
      if (done.has(key) || seenInText.has(key)) continue;
      const auth = authBy.get(ip);
      const btmp = btmpBy.get(ip) ?? (s.host ? btmpBy.get(s.host) : undefined);
      const firsts = [auth?.firstTime, btmp?.first].filter((t): t is string => !!t && t < (s.login as string));
      if (firsts.length === 0) continue;
      const attempts = Math.max(auth?.attempts ?? 0, btmp?.count ?? 0);
      if (attempts < min) continue;
      done.add(key);
      const source = [auth ? phrase('logins.authLogCount', { count: auth.attempts }) : '', btmp ? `btmp ${btmp.count}` : ''].filter(
        Boolean,
      );
      report({
        messageId: 'session',
        data: {
          user: s.user,
          account: roots.has(s.user) ? accountName(s.user) : s.user,
          ip,
          attempts,
          line: s.line,
          time: s.login,
          logout: s.logout ?? phrase('session.open'),
          first: firsts.sort()[0],
          source,
        },
        user: s.user,
        ip,
        path: s.path,
        time: s.login,
        evidence: [
          phrase('session.line', {
            path: s.path,
            user: s.user,
            line: s.line,
            host: s.host,
            login: s.login ?? '?',
            logout: s.logout ?? phrase('session.noLogout'),
          }),
          phrase('logins.failedFrom', { ip, source }),
        ],
      });
    }
  },
});
