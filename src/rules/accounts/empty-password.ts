import type { PhraseValue } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { dayToDate, isLoginShell, passwdEntry, passwdEvidence, shadowEntry, shadowEvidence } from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/empty-password',
    category: 'account',
    severity: 'critical',
    attack: ['T1078.003', 'T1098'],
    status: 'stable',
    description:
      'A login account with an empty password field in /etc/shadow or /etc/passwd: anyone can log in or su to it without a password where PAM allows nullok.',
    falsePositives: ['Kiosk or lab machines configured for password-less console login.'],
    uses: ['users', 'accountFiles'],
    messages: {
      empty: {
        en: {
          title: 'Account {name} has no password at all ({file})',
          detail:
            'The password field of "{name}" in {file} is empty, and its shell {shell} gives a login. With PAM\'s nullok (Debian and RHEL default for su and console) or sshd PermitEmptyPasswords, nobody needs a password to become it.',
          action:
            'Lock it now: passwd -l {name} (or usermod -L {name}); find out who emptied it: last {name}; ls -l --time-style=full-iso {file}; then set a password or remove the account after review.',
        },
        'zh-CN': {
          title: '账号 {name} 没有设置任何密码（{file}）',
          detail:
            '{file} 中“{name}”的密码字段为空，而其 shell {shell} 可以登录。在 PAM nullok（Debian 与 RHEL 的 su 和控制台默认开启）或 sshd PermitEmptyPasswords 下，任何人无需密码即可成为该用户。',
          action:
            '立即锁定：passwd -l {name}（或 usermod -L {name}）；追查是谁清空的：last {name}；ls -l --time-style=full-iso {file}；确认后设置密码或删除该账号。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const u of snapshot.facts.users?.users ?? []) {
      if (!isLoginShell(intel, u.shell)) continue;
      const pw = passwdEntry(snapshot, u.name);
      const sh = shadowEntry(snapshot, u.name);
      // An empty passwd field means no password whatever shadow says; "x" defers to shadow.
      const inPasswd = pw?.password.kind === 'empty';
      const inShadow = pw?.password.kind === 'shadowed' && sh?.password.kind === 'empty';
      if (!inPasswd && !inShadow) continue;
      const file = inPasswd ? '/etc/passwd' : '/etc/shadow';
      const evidence: PhraseValue[] = [passwdEvidence(snapshot, u)];
      if (sh) evidence.push(shadowEvidence(sh));
      report({
        messageId: 'empty',
        data: { name: u.name, file, shell: u.shell || '/bin/sh' },
        path: file,
        user: u.name,
        evidence,
        time: sh?.lastChange ? dayToDate(sh.lastChange).toISOString() : undefined,
      });
    }
  },
});
