import { type Phrase, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

const SLACK_MS = 5 * 60_000;

export default defineRule({
  meta: {
    id: 'logs/login-records-wiped',
    category: 'log_login',
    severity: 'medium',
    attack: ['T1070.002'],
    status: 'stable',
    description:
      'Login history removed: wtmp deleted or emptied although logins happened (lastlog, btmp or the auth log prove them), or logins recorded in lastlog missing from wtmp.',
    falsePositives: [
      'An administrator who truncated wtmp by hand to save space; an image whose wtmp was reset but lastlog kept (the lastlog login then predates every wtmp record and is ignored).',
    ],
    references: ['https://attack.mitre.org/techniques/T1070/002/'],
    uses: ['logins', 'authLog'],
    messages: {
      missing: {
        en: {
          title: '/var/log/wtmp is missing',
          detail:
            'btmp/lastlog exist but wtmp, which every login and boot appends to, does not. Deleting it is the crude way to hide who logged in. {proof}',
          action:
            'Recreate it so new logins are recorded (install -m 664 -o root -g utmp /dev/null /var/log/wtmp) and reconstruct logins from /var/log/auth.log or /var/log/secure, journalctl -u ssh and lastlog.',
        },
        'zh-CN': {
          title: '/var/log/wtmp 不存在',
          detail: 'btmp/lastlog 存在，但每次登录和开机都会写入的 wtmp 却不存在。删除它是隐藏登录者的粗暴手段。{proof}',
          action:
            '重新创建以便记录新的登录（install -m 664 -o root -g utmp /dev/null /var/log/wtmp），并从 /var/log/auth.log 或 /var/log/secure、journalctl -u ssh 和 lastlog 还原登录记录。',
        },
      },
      empty: {
        en: {
          title: '/var/log/wtmp is empty although logins happened',
          detail: 'wtmp holds no login or boot record, yet {proof}. The file was truncated (e.g. "> /var/log/wtmp") after those logins.',
          action:
            'Reconstruct logins from /var/log/auth.log or /var/log/secure, journalctl -u ssh, lastlog and lastb; treat the accounts involved as suspect.',
        },
        'zh-CN': {
          title: '/var/log/wtmp 为空，但确有登录发生',
          detail: 'wtmp 中没有任何登录或开机记录，然而{proof}。说明该文件在这些登录之后被清空（例如 "> /var/log/wtmp"）。',
          action: '从 /var/log/auth.log 或 /var/log/secure、journalctl -u ssh、lastlog 和 lastb 还原登录记录，并将涉及的账户视为可疑。',
        },
      },
      lastlog: {
        en: {
          title: 'Login of {user} at {time} from {host} is in lastlog but not in wtmp',
          detail:
            'lastlog says {user} last logged in at {time} from {host}, while wtmp, which covers that time (records from {since}), has no session of {user} then. Log cleaners remove their wtmp entries but forget lastlog.',
          action:
            'Treat that login as the attacker\'s: block {host}, check ~{user}/.ssh/authorized_keys, crontab -l -u {user} and files changed after {time} (find / -xdev -newermt "{time}"). Preserve /var/log/wtmp and /var/log/lastlog.',
        },
        'zh-CN': {
          title: '{user} 于 {time} 从 {host} 的登录只出现在 lastlog，wtmp 中没有',
          detail:
            'lastlog 显示 {user} 最近一次于 {time} 从 {host} 登录，而覆盖该时间段（记录始于 {since}）的 wtmp 中并没有这次会话。日志清除工具常删除 wtmp 记录却忘了 lastlog。',
          action:
            '将这次登录视为攻击者所为：封禁 {host}，检查 ~{user}/.ssh/authorized_keys、crontab -l -u {user} 以及 {time} 之后修改的文件（find / -xdev -newermt "{time}"）。保全 /var/log/wtmp 和 /var/log/lastlog。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const { logins, authLog } = snapshot.facts;
    if (!logins || !authLog) return;
    const proofs: Phrase[] = [];
    if (logins.lastlog.length > 0)
      proofs.push(
        phrase('wiped.lastlog', {
          count: logins.lastlog.length,
          latest:
            logins.lastlog
              .map((l) => l.time)
              .sort()
              .pop() ?? '?',
        }),
      );
    const btmpRecords = logins.btmp.reduce((n, f) => n + f.records, 0);
    if (btmpRecords > 0) proofs.push(phrase('wiped.btmp', { count: btmpRecords }));
    if (authLog.accepted.length > 0) proofs.push(phrase('wiped.authLog', { count: authLog.accepted.length }));
    const wtmpRecords = logins.wtmp.reduce((n, f) => n + f.records - f.zeroed.count, 0);

    if (!logins.present.wtmp && (logins.present.btmp || logins.present.lastlog)) {
      report({
        messageId: 'missing',
        data: { proof: proofs.length ? phrase('wiped.meanwhile', { proofs: phrase('join.semicolon', { items: proofs }) }) : '' },
        path: '/var/log/wtmp',
        evidence: [phrase('file.missing', { path: '/var/log/wtmp' }), ...proofs],
      });
      return;
    }
    if (logins.present.wtmp && wtmpRecords === 0) {
      // A container or freshly built image never wrote wtmp either: only evidence of logins makes it suspicious.
      if (proofs.length > 0) {
        report({
          messageId: 'empty',
          data: { proof: phrase('join.semicolon', { items: proofs }) },
          path: '/var/log/wtmp',
          time: logins.wtmp.find((f) => f.path === '/var/log/wtmp')?.mtime ?? undefined,
          evidence: [
            phrase('wiped.sizes', { files: logins.wtmp.map((f) => phrase('wiped.fileSize', { path: f.path, size: f.size })) }),
            ...proofs,
          ],
        });
      }
      return;
    }
    const since = logins.wtmp
      .map((f) => f.firstTime)
      .filter((t): t is string => !!t)
      .sort()[0];
    if (!since) return;
    const sessionTimes = new Map<string, number[]>();
    for (const s of logins.sessions) if (s.login) sessionTimes.set(s.user, [...(sessionTimes.get(s.user) ?? []), Date.parse(s.login)]);
    for (const l of logins.lastlog) {
      if (l.time < since) continue;
      const t = Date.parse(l.time);
      if ((sessionTimes.get(l.user) ?? []).some((x) => Math.abs(x - t) <= SLACK_MS)) continue;
      report({
        messageId: 'lastlog',
        data: { user: l.user, time: l.time, host: l.host || l.line || phrase('wiped.local'), since },
        user: l.user,
        ip: l.host || undefined,
        path: l.path ?? '/var/log/lastlog',
        time: l.time,
        evidence: [
          `${l.path ?? '/var/log/lastlog'} uid ${l.uid} (${l.user}): ${l.time} ${l.line} ${l.host}`,
          phrase('wiped.sessions', { user: l.user, count: (sessionTimes.get(l.user) ?? []).length, since }),
        ],
      });
    }
  },
});
