import { defineRule } from '../rule';
import { isLoginShell, passwdEntry, passwdEvidence } from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/passwd-hash',
    category: 'account',
    severity: 'critical',
    attack: ['T1136.001', 'T1098'],
    status: 'stable',
    description:
      'A password hash written directly into /etc/passwd instead of "x": it overrides /etc/shadow and is how one-line backdoors (echo "x:$1$…:0:0::/:/bin/sh" >> /etc/passwd) add a password.',
    falsePositives: ['Very old systems that never converted to shadow passwords (pwconv).'],
    uses: ['users', 'accountFiles'],
    messages: {
      hash: {
        en: {
          title: 'Password hash inside /etc/passwd for {name} ({scheme})',
          detail:
            'The password field of "{name}" holds a {scheme} hash instead of "x". That hash wins over /etc/shadow, so changing the password with passwd does not close this door, and /etc/passwd is world-readable, so the hash can be cracked offline.',
          action:
            'Lock it: usermod -L -s /usr/sbin/nologin {name}; back up /etc/passwd, then replace the field with "x" (vipw) and run pwconv; review the account (last {name}) and remove it if nobody owns it.',
        },
        'zh-CN': {
          title: '/etc/passwd 中直接写入了 {name} 的密码哈希（{scheme}）',
          detail:
            '“{name}”的密码字段是 {scheme} 哈希而不是“x”。该哈希优先于 /etc/shadow 生效，用 passwd 改密码也关不上这扇门；且 /etc/passwd 所有人可读，哈希可被离线破解。',
          action:
            '锁定：usermod -L -s /usr/sbin/nologin {name}；备份 /etc/passwd 后用 vipw 把该字段改回“x”并执行 pwconv；审查该账号（last {name}），无人认领则删除。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const u of snapshot.facts.users?.users ?? []) {
      const pw = passwdEntry(snapshot, u.name);
      if (pw?.password.kind !== 'hash') continue;
      report({
        messageId: 'hash',
        data: { name: u.name, scheme: pw.password.scheme ?? 'unknown' },
        // Without a login shell the hash still works for su -s and some PAM services, but less directly.
        severity: isLoginShell(intel, u.shell) ? 'critical' : 'high',
        path: '/etc/passwd',
        user: u.name,
        evidence: [passwdEvidence(snapshot, u)],
        time: snapshot.facts.accountFiles?.passwd.mtime ?? undefined,
      });
    }
  },
});
