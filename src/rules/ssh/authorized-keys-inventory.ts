import { defineRule } from '../rule';
import { keyEvidence, keysOf } from './ssh-facts';

export default defineRule({
  meta: {
    id: 'ssh/authorized-keys-inventory',
    category: 'ssh_key',
    severity: 'info',
    attack: ['T1098.004'],
    status: 'stable',
    description:
      'Inventory of every SSH key that can log in, per keys file: type, SHA256 fingerprint (as ssh-keygen -lf), comment and options, so the team can confirm each one.',
    falsePositives: ['Informational: every key is listed, not only suspicious ones.'],
    uses: ['sshKeys'],
    messages: {
      inventory: {
        en: {
          title: '{count} SSH key(s) let {users} log in ({file})',
          detail:
            'Each of these keys opens a shell as {users} without a password. Keys planted by intruders look like any other key; only the owners can say which ones are theirs.',
          action:
            'Confirm every fingerprint with its owner (ssh-keygen -lf {file}); for an unknown key keep a copy (cp -a {file} /root/evidence/) and delete its line, then: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: '{count} 个 SSH 密钥可登录 {users}（{file}）',
          detail:
            '这些密钥中的每一个都能免密码以 {users} 身份登录。入侵者植入的密钥与正常密钥看起来一样，只有使用者本人能确认哪些是自己的。',
          action:
            '逐一向使用者确认指纹（ssh-keygen -lf {file}）；对不明密钥先保留副本（cp -a {file} /root/evidence/）再删除该行，然后执行：sshd -t && systemctl reload ssh。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const f of snapshot.facts.sshKeys?.files ?? []) {
      const keys = keysOf(snapshot, f);
      if (keys.length === 0) continue;
      report({
        messageId: 'inventory',
        data: { count: keys.length, users: f.users.join(', '), file: f.path },
        path: f.path,
        user: f.users[0],
        evidence: keys.slice(0, 50).map(keyEvidence),
        time: f.mtime ?? undefined,
      });
    }
  },
});
