import { phrase } from '../../i18n/phrases';
import { isRecent } from '../accounts/account-facts';
import { defineRule } from '../rule';
import { keyEvidence, keysOf, writtenAtFirstBoot } from './ssh-facts';

export default defineRule({
  meta: {
    id: 'ssh/authorized-keys-recent',
    category: 'ssh_key',
    severity: 'medium',
    attack: ['T1098.004'],
    status: 'stable',
    description:
      'An authorized_keys file changed inside the recent window (high for root). Files written while the server was first provisioned (with its host keys) are low.',
    falsePositives: ['A colleague added or rotated a key this week; configuration management rewriting the file.'],
    uses: ['sshKeys'],
    messages: {
      recent: {
        en: {
          title: 'SSH keys of {users} changed {mtime}',
          detail:
            '{file} was modified at {mtime}, inside the window under review, and now holds {count} key(s). Adding a key to authorized_keys is the most common way intruders keep access after a password brute force (seen with mining campaigns).',
          action:
            'Keep a copy (cp -a {file} /root/evidence/), compare each fingerprint with its owner (ssh-keygen -lf {file}), delete unknown lines, then check who logged in with keys: grep -a "Accepted publickey" /var/log/auth.log* /var/log/secure*.',
        },
        'zh-CN': {
          title: '{users} 的 SSH 密钥在 {mtime} 被修改',
          detail:
            '{file} 于 {mtime} 被修改，处于本次排查的时间窗内，现有 {count} 个密钥。向 authorized_keys 添加密钥是入侵者在密码爆破后维持访问的最常见手段（挖矿团伙常用）。',
          action:
            '先保留副本（cp -a {file} /root/evidence/），逐一与使用者核对指纹（ssh-keygen -lf {file}），删除不明行，再查看密钥登录记录：grep -a "Accepted publickey" /var/log/auth.log* /var/log/secure*。',
        },
      },
    },
  },
  check({ snapshot, since, report }) {
    for (const f of snapshot.facts.sshKeys?.files ?? []) {
      const keys = keysOf(snapshot, f);
      if (keys.length === 0 || !isRecent(f.mtime, since)) continue;
      const severity = writtenAtFirstBoot(snapshot, f.mtime) ? 'low' : f.users.includes('root') ? 'high' : 'medium';
      report({
        messageId: 'recent',
        data: { users: f.users.join(', '), mtime: f.mtime ?? '?', file: f.path, count: keys.length },
        severity,
        path: f.path,
        user: f.users[0],
        evidence: [phrase('ev.mtime', { path: f.path, mtime: f.mtime ?? '?' }), ...keys.slice(0, 50).map(keyEvidence)],
        time: f.mtime ?? undefined,
      });
    }
  },
});
