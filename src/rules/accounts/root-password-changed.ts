import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { Severity } from '../../model/finding';
import { breakInByDay } from '../shared/break-ins';
import { defineRule } from '../rule';
import { dayIsRecent, dayToDate, dayToIso, installDay, isLoginShell, shadowEntry, shadowEvidence } from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/root-password-changed',
    category: 'account',
    severity: 'medium',
    attack: ['T1098'],
    status: 'stable',
    description:
      'root\'s password was set or changed inside the recent window (shadow "last change" day), after the system was installed. Alone a low (routine rotation); medium with other account tampering in the window (a second UID 0 account, a login account created within a day of it), high after a brute force that got in.',
    falsePositives: ['Routine password rotation by the admins this week (low unless other evidence joins it).'],
    uses: ['users', 'accountFiles'],
    messages: {
      changed: {
        en: {
          title: 'root password changed on {day}',
          detail:
            'The root password was changed on {day}, inside the window under review. Intruders who got root set their own password so they can log in again, and so the owners are locked out.',
          action:
            'Confirm with the team whether anyone changed it; if not, set a new one from a trusted console (passwd root), check root logins: last root; grep -a "passwd\\|chpasswd" /var/log/auth.log* /var/log/secure*; and disable password login for root in sshd (PermitRootLogin prohibit-password).',
        },
        'zh-CN': {
          title: 'root 密码在 {day} 被修改',
          detail:
            'root 密码于 {day} 被修改，处于本次排查的时间窗内。拿到 root 的入侵者会设置自己的密码，以便再次登录，同时把管理员挡在门外。',
          action:
            '与团队确认是否有人修改；若没有，从可信控制台重设（passwd root），检查 root 登录：last root；grep -a "passwd\\|chpasswd" /var/log/auth.log* /var/log/secure*；并在 sshd 中禁止 root 密码登录（PermitRootLogin prohibit-password）。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const sh = shadowEntry(snapshot, 'root');
    // Locked or empty passwords are not a password an intruder could have set (empty-password covers "").
    if (!sh || sh.password.kind !== 'hash' || sh.lastChange === null || !dayIsRecent(sh.lastChange, since)) return;
    const install = installDay(snapshot);
    if (install !== null && sh.lastChange <= install) return;
    const signals: PhraseValue[] = [];
    for (const u of snapshot.facts.users?.users ?? []) {
      if (u.uid === 0 && u.name !== 'root') signals.push(phrase('rootpw.uid0', { name: u.name }));
    }
    const changedDay = sh.lastChange;
    const created = (snapshot.facts.accountFiles?.shadow.entries ?? []).find(
      (e) =>
        e.name !== 'root' &&
        e.lastChange !== null &&
        Math.abs(e.lastChange - changedDay) <= 1 &&
        (install === null || e.lastChange > install) &&
        (snapshot.facts.users?.users ?? []).some(
          (u) => u.name === e.name && u.uid >= (snapshot.facts.accountFiles?.uidMin ?? 1000) && isLoginShell(intel, u.shell),
        ),
    );
    if (created) signals.push(phrase('rootpw.sameDay', { name: created.name }));
    // Only a break-in on or before the day of the change can explain it.
    const breakIn = breakInByDay(snapshot, intel, changedDay ?? 0);
    if (breakIn) signals.push(phrase('newacct.breakIn', { user: breakIn.user, ip: breakIn.ip, time: breakIn.time ?? '?' }));
    const severity: Severity = breakIn ? 'high' : signals.length > 0 ? 'medium' : 'low';
    report({
      messageId: 'changed',
      data: { day: dayToIso(sh.lastChange) },
      path: '/etc/shadow',
      user: 'root',
      severity,
      evidence: [
        shadowEvidence(sh),
        phrase('ev.mtime', { path: '/etc/shadow', mtime: snapshot.facts.accountFiles?.shadow.mtime ?? '?' }),
        ...(signals.length > 0 ? signals : [phrase('rootpw.alone')]),
      ],
      time: dayToDate(sh.lastChange).toISOString(),
    });
  },
});
