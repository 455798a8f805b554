import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { AuthLogFact, AuthSource } from '../../collect/logs/auth-log';
import type { LoginsFact } from '../../collect/logs/logins';
import { defineRule } from '../rule';

/** btmp keeps failed logins where no text auth log exists (journald-only Debian 12) or after it was cleaned. */
/** An auth-log source whose example lines may be composed (btmp counts) rather than quoted. */
type Source = Omit<AuthSource, 'examples'> & { examples: PhraseValue[] };

function btmpOnlySources(logins: LoginsFact | undefined, auth: AuthLogFact, min: number): Source[] {
  const known = new Set(auth.sources.map((s) => s.ip));
  return (logins?.failed ?? [])
    .filter((f) => f.host !== '' && f.count >= min && !known.has(f.host))
    .map((f) => ({
      ip: f.host,
      attempts: f.count,
      failedPasswords: f.count,
      invalidUsers: 0,
      firstTime: f.first,
      lastTime: f.last,
      topUsers: f.topUsers,
      distinctUsers: f.topUsers.length,
      examples: [phrase('btmp.failed', { count: f.count, ip: f.host })],
    }));
}

export default defineRule({
  meta: {
    id: 'logs/ssh-bruteforce',
    category: 'log_bruteforce',
    severity: 'medium',
    attack: ['T1110.001'],
    status: 'stable',
    description:
      'SSH password guessing in auth.log/secure (or btmp when no text log has it): one address with many failed attempts, or one account attacked from many addresses.',
    falsePositives: [
      'Any SSH port open to the Internet is guessed at all day; the finding matters most together with a successful login (logs/ssh-login-after-bruteforce).',
      'A monitoring or backup job with a stale password retrying.',
    ],
    references: ['https://attack.mitre.org/techniques/T1110/001/'],
    uses: ['authLog'],
    messages: {
      source: {
        en: {
          title: 'SSH brute force from {ip}: {attempts} failed attempts',
          detail:
            'Between {first} and {last} this address failed to log in {attempts} times, trying {distinct} user name(s) (most tried: {users}). Password guessing is how most miners and DDoS bots get in.',
          action:
            'Check whether it ever succeeded: grep "Accepted .* from {ip} " /var/log/auth.log* /var/log/secure*; last -i | grep {ip}. Block it (iptables -I INPUT -s {ip} -j DROP), then set PasswordAuthentication no and install fail2ban.',
        },
        'zh-CN': {
          title: '来自 {ip} 的 SSH 暴力破解：失败 {attempts} 次',
          detail:
            '{first} 至 {last} 期间，该地址登录失败 {attempts} 次，尝试了 {distinct} 个用户名（最常尝试：{users}）。挖矿和 DDoS 木马大多通过弱口令爆破进入服务器。',
          action:
            '确认是否曾经成功：grep "Accepted .* from {ip} " /var/log/auth.log* /var/log/secure*；last -i | grep {ip}。封禁该地址（iptables -I INPUT -s {ip} -j DROP），再设置 PasswordAuthentication no 并安装 fail2ban。',
        },
      },
      target: {
        en: {
          title: 'Distributed SSH brute force against account {user}: {attempts} attempts from {sources} addresses',
          detail:
            'Between {first} and {last} the account {user} was guessed at from {sources} different addresses. Spreading attempts over many addresses defeats per-address blocking such as fail2ban.',
          action:
            'Make sure {user} has a strong password or none (key-only): passwd -S {user}; set PasswordAuthentication no (or AllowUsers) in /etc/ssh/sshd_config and reload sshd; check "last {user}" for logins you do not recognise.',
        },
        'zh-CN': {
          title: '针对账户 {user} 的分布式 SSH 爆破：来自 {sources} 个地址共 {attempts} 次',
          detail:
            '{first} 至 {last} 期间，账户 {user} 被 {sources} 个不同地址尝试登录。攻击分散到大量地址，可绕过 fail2ban 这类按地址封禁的防护。',
          action:
            '确认 {user} 使用强密码或禁用密码（仅密钥）：passwd -S {user}；在 /etc/ssh/sshd_config 中设置 PasswordAuthentication no（或 AllowUsers）并重载 sshd；用 "last {user}" 检查有无陌生登录。',
        },
      },
      more: {
        en: {
          title: '{count} more SSH brute-force sources ({attempts} attempts in total)',
          detail: 'Only the {shown} busiest sources are listed one by one. Addresses: {ips}.',
          action:
            'List them all: grep -hE "Failed password|Invalid user" /var/log/auth.log* /var/log/secure* | grep -oE "from [0-9a-f.:]+" | sort | uniq -c | sort -rn | head -50. Block SSH from the Internet or allow only known addresses.',
        },
        'zh-CN': {
          title: '另有 {count} 个 SSH 爆破来源（共 {attempts} 次尝试）',
          detail: '只逐条列出了最活跃的 {shown} 个来源。其余地址：{ips}。',
          action:
            '查看全部：grep -hE "Failed password|Invalid user" /var/log/auth.log* /var/log/secure* | grep -oE "from [0-9a-f.:]+" | sort | uniq -c | sort -rn | head -50。禁止公网访问 SSH，或只允许已知地址。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const auth = snapshot.facts.authLog;
    if (!auth) return;
    const { sshBruteForceMinAttempts: min, sshBruteForceMaxFindings: maxFindings } = intel.logs;
    const brute = [...auth.sources.filter((s) => s.attempts >= min), ...btmpOnlySources(snapshot.facts.logins, auth, min)];
    for (const s of brute.slice(0, maxFindings)) {
      report({
        messageId: 'source',
        data: {
          ip: s.ip,
          attempts: s.attempts,
          first: s.firstTime ?? '?',
          last: s.lastTime ?? '?',
          distinct: s.distinctUsers,
          users:
            s.topUsers
              .slice(0, 5)
              .map((u) => `${u.user}×${u.count}`)
              .join(', ') || '-',
        },
        ip: s.ip,
        time: s.lastTime ?? undefined,
        evidence: [
          phrase('brute.attempts', {
            attempts: s.attempts,
            failed: s.failedPasswords,
            invalid: s.invalidUsers,
            first: s.firstTime ?? '?',
            last: s.lastTime ?? '?',
          }),
          phrase('brute.users', { users: s.topUsers.map((u) => `${u.user}×${u.count}`).join(', ') }),
          ...s.examples,
        ],
      });
    }
    const rest = brute.slice(maxFindings);
    if (rest.length > 0) {
      report({
        messageId: 'more',
        data: {
          count: rest.length,
          attempts: rest.reduce((n, s) => n + s.attempts, 0),
          shown: maxFindings,
          ips:
            rest
              .slice(0, 30)
              .map((s) => s.ip)
              .join(', ') + (rest.length > 30 ? ', …' : ''),
        },
        time:
          rest
            .map((s) => s.lastTime ?? '')
            .sort()
            .pop() || undefined,
        evidence: rest.slice(0, 30).map((s) => phrase('brute.ipLine', { ip: s.ip, attempts: s.attempts, last: s.lastTime ?? '?' })),
      });
    }
    // The per-account view is for attacks spread over many addresses, and only accounts that exist
    // can be broken into: guesses at "oracle" or "test" on a box without them are noise.
    const accounts = snapshot.facts.users ? new Set(snapshot.facts.users.users.map((u) => u.name)) : null;
    const targets = auth.targets.filter(
      (t) =>
        t.attempts >= intel.logs.sshBruteForceTargetMinAttempts &&
        t.sources >= intel.logs.sshBruteForceTargetMinSources &&
        (accounts === null || accounts.has(t.user)),
    );
    for (const t of targets.slice(0, 5)) {
      report({
        messageId: 'target',
        data: { user: t.user, attempts: t.attempts, sources: t.sources, first: t.firstTime ?? '?', last: t.lastTime ?? '?' },
        user: t.user,
        time: t.lastTime ?? undefined,
        evidence: [
          phrase('brute.spray', {
            attempts: t.attempts,
            user: t.user,
            sources: t.sources,
            first: t.firstTime ?? '?',
            last: t.lastTime ?? '?',
          }),
        ],
      });
    }
  },
});
