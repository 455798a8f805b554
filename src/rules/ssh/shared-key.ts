import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { keyEvidence } from './ssh-facts';

export default defineRule({
  meta: {
    id: 'ssh/shared-key',
    category: 'ssh_key',
    severity: 'info',
    attack: ['T1098.004'],
    status: 'stable',
    description:
      "One SSH key authorized for several accounts: whoever holds it is all of them. Common for an admin's key in root and the default user; worth knowing when one account is compromised.",
    falsePositives: ['An admin putting the same key in root and their own account (usual on cloud images).'],
    uses: ['sshKeys'],
    messages: {
      shared: {
        en: {
          title: 'One SSH key ({comment}) logs in as {users}',
          detail:
            'The key {fingerprint} is authorized for {count} accounts. If that key was stolen or planted, every one of these accounts is open; removing it from one file leaves the others.',
          action:
            'Confirm who owns {fingerprint}; if it is unknown, remove it from every file at once: grep -rl "{blob}" {files} and delete the line in each (keep copies first), then: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: '同一个 SSH 密钥（{comment}）可登录 {users}',
          detail:
            '密钥 {fingerprint} 被 {count} 个账号授权。若该密钥被盗或为植入，这些账号全部敞开；只从一个文件中删除，其他账号仍可登录。',
          action:
            '确认 {fingerprint} 的归属；若不明，一次性从所有文件中删除：grep -rl "{blob}" {files}，在每个文件中删除该行（先保留副本），然后执行：sshd -t && systemctl reload ssh。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const keys = snapshot.facts.sshKeys?.keys ?? [];
    const byFp = new Map<string, typeof keys>();
    for (const k of keys) if (k.fingerprint) byFp.set(k.fingerprint, [...(byFp.get(k.fingerprint) ?? []), k]);
    for (const [fp, list] of byFp) {
      const users = [...new Set(list.map((k) => k.user))];
      if (users.length < 2) continue;
      const files = [...new Set(list.map((k) => k.file))];
      const blob = list[0].text.match(/ (AAAA[^…\s]*)…/)?.[1] ?? fp;
      report({
        messageId: 'shared',
        data: {
          comment: list[0].comment || phrase('key.noComment'),
          users: users.join(', '),
          fingerprint: fp,
          count: users.length,
          files: files.join(' '),
          blob,
        },
        path: files[0],
        user: users[0],
        evidence: list.map(keyEvidence),
      });
    }
  },
});
