import { defineRule } from '../rule';
import { keyEvidence, keysOf } from './ssh-facts';

export default defineRule({
  meta: {
    id: 'ssh/authorized-keys2',
    category: 'ssh_key',
    severity: 'medium',
    attack: ['T1098.004'],
    status: 'stable',
    description:
      'Keys in ~/.ssh/authorized_keys2: deprecated since OpenSSH 3.0 yet still read by default, so few admins look there — a known hiding place for backdoor keys.',
    falsePositives: ['Very old setups that never moved keys to authorized_keys.'],
    uses: ['sshKeys'],
    messages: {
      keys2: {
        en: {
          title: 'Keys hidden in authorized_keys2 for {users}',
          detail:
            '{file} holds {count} key(s). The file is deprecated and forgotten by most people, but sshd still accepts keys from it unless AuthorizedKeysFile says otherwise.',
          action:
            'Keep a copy (cp -a {file} /root/evidence/), move keys the owner confirms into authorized_keys, delete the file, and set "AuthorizedKeysFile .ssh/authorized_keys" in sshd_config; then sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: '{users} 的密钥藏在 authorized_keys2 中',
          detail: '{file} 中有 {count} 个密钥。该文件早已弃用、多数人不会去看，但除非 AuthorizedKeysFile 另有设置，sshd 仍接受其中的密钥。',
          action:
            '先保留副本（cp -a {file} /root/evidence/），把使用者确认的密钥移到 authorized_keys，删除该文件，并在 sshd_config 中设置“AuthorizedKeysFile .ssh/authorized_keys”；然后执行 sshd -t && systemctl reload ssh。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const f of snapshot.facts.sshKeys?.files ?? []) {
      if (!f.path.endsWith('/authorized_keys2')) continue;
      const keys = keysOf(snapshot, f);
      if (keys.length === 0) continue;
      report({
        messageId: 'keys2',
        data: { users: f.users.join(', '), file: f.path, count: keys.length },
        path: f.path,
        user: f.users[0],
        evidence: keys.slice(0, 20).map(keyEvidence),
        time: f.mtime ?? undefined,
      });
    }
  },
});
