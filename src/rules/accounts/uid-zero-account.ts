import type { PhraseValue } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { dayToDate, passwdEvidence, passwdLine, shadowEntry, shadowEvidence } from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/uid-zero-account',
    category: 'account',
    severity: 'critical',
    attack: ['T1136.001', 'T1078.003'],
    status: 'stable',
    description: 'An account other than root with UID 0: a second root that logs in under an innocent name.',
    falsePositives: ['A deliberate "toor"-style rescue account; it still should be documented and allow-listed.'],
    references: ['https://attack.mitre.org/techniques/T1136/001/'],
    uses: ['users', 'accountFiles'],
    messages: {
      uidZero: {
        en: {
          title: 'Second root account: {name} has UID 0',
          detail:
            'Anything that logs in as "{name}" is root. Attackers add such lines to /etc/passwd because they survive password resets of root and look like a service account at a glance.',
          action:
            'Back up first (cp -a /etc/passwd /etc/shadow /root/), lock it now: usermod -L -s /usr/sbin/nologin {name}; check its use: last {name}; grep -a "{name}" /var/log/auth.log* /var/log/secure*. Then delete the line with vipw and vipw -s (userdel refuses, as UID 0 owns running processes).',
        },
        'zh-CN': {
          title: '发现第二个 root 账号：{name} 的 UID 为 0',
          detail: '以“{name}”登录就等于 root。攻击者常在 /etc/passwd 里加这样的行：重置 root 密码也不影响它，乍看又像普通服务账号。',
          action:
            '先备份（cp -a /etc/passwd /etc/shadow /root/），立即锁定：usermod -L -s /usr/sbin/nologin {name}；查看使用记录：last {name}；grep -a "{name}" /var/log/auth.log* /var/log/secure*。确认后用 vipw 和 vipw -s 删除该行（UID 0 有进程在运行，userdel 会拒绝）。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const u of snapshot.facts.users?.users ?? []) {
      if (u.uid !== 0 || u.name === 'root') continue;
      const sh = shadowEntry(snapshot, u.name);
      const evidence: PhraseValue[] = [passwdEvidence(snapshot, u)];
      if (sh) evidence.push(shadowEvidence(sh));
      report({
        messageId: 'uidZero',
        data: { name: u.name, line: passwdLine(snapshot, u.name) },
        path: '/etc/passwd',
        user: u.name,
        evidence,
        time: sh?.lastChange ? dayToDate(sh.lastChange).toISOString() : undefined,
      });
    }
  },
});
