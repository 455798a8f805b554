import { defineRule } from '../rule';
import { passwdEvidence } from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/duplicate-uid',
    category: 'account',
    severity: 'medium',
    attack: ['T1078.003', 'T1098'],
    status: 'stable',
    description:
      "Several account names share one UID (other than 0, see accounts/uid-zero-account): a second name that inherits another account's files, keys and sudo rights.",
    falsePositives: ['Deliberate aliases for one service account (rare; usually a migration leftover).'],
    uses: ['users'],
    messages: {
      duplicate: {
        en: {
          title: 'UID {uid} is shared by {names}',
          detail:
            'The kernel knows only the number: every name with UID {uid} owns the same files and processes. An added name lets an attacker log in with its own password while acting as the original account ({first}).',
          action:
            'Keep the original ({first}); lock the others: usermod -L -s /usr/sbin/nologin NAME; check their use (last NAME), then delete their lines with vipw and vipw -s after review.',
        },
        'zh-CN': {
          title: 'UID {uid} 被多个账号共用：{names}',
          detail:
            '内核只认数字：UID 为 {uid} 的每个名字都拥有相同的文件和进程。多出的名字让攻击者用自己的密码登录，却以原账号（{first}）的身份行事。',
          action:
            '保留原账号（{first}），锁定其余账号：usermod -L -s /usr/sbin/nologin 名字；查看其使用记录（last 名字），审查后用 vipw 与 vipw -s 删除对应行。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const users = snapshot.facts.users?.users ?? [];
    const byUid = new Map<number, typeof users>();
    for (const u of users) {
      if (u.uid === 0 || !Number.isInteger(u.uid)) continue;
      byUid.set(u.uid, [...(byUid.get(u.uid) ?? []), u]);
    }
    for (const [uid, list] of byUid) {
      if (list.length < 2) continue;
      report({
        messageId: 'duplicate',
        data: { uid, names: list.map((u) => u.name).join(', '), first: list[0].name },
        path: '/etc/passwd',
        user: list[1].name,
        evidence: list.map((u) => passwdEvidence(snapshot, u)),
      });
    }
  },
});
