import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { Severity } from '../../model/finding';
import { breakInByDay } from '../shared/break-ins';
import { defineRule } from '../rule';
import {
  dayIsRecent,
  dayToDate,
  dayToIso,
  installDay,
  isLoginShell,
  isRecent,
  passwdEvidence,
  shadowEntry,
  shadowEvidence,
} from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/new-login-account',
    category: 'account',
    severity: 'medium',
    attack: ['T1136.001'],
    status: 'stable',
    description:
      'A person-range account (UID_MIN and up) with a login shell created inside the recent window (shadow "last change" day), or any login account present in /etc/passwd but missing from /etc/shadow (added by editing the file, not with useradd). A new account alone is low; an admin group or a sudoers grant makes it medium, a successful brute force in the logs high.',
    falsePositives: [
      "A colleague created an account this week, or a user changed their password (/etc/passwd untouched); the cloud image's default user on a VM booted this week: all reported as low unless the account is privileged or a brute force got in.",
    ],
    uses: ['users', 'accountFiles'],
    messages: {
      recent: {
        en: {
          title: 'New login account {name} (UID {uid}) created {day}',
          detail:
            '"{name}" got its password on {day}, inside the window under review, and has the login shell {shell}. Intruders add a user of their own so they can come back after the first door is closed.',
          action:
            'Ask who created it; until confirmed lock it: usermod -L -e 1 {name}; check logins: last {name}; lastlog -u {name}; grep -a "useradd\\|{name}" /var/log/auth.log* /var/log/secure*; remove after review: userdel -r {name}.',
        },
        'zh-CN': {
          title: '新建的可登录账号 {name}（UID {uid}），创建于 {day}',
          detail:
            '“{name}”在 {day} 设置了密码，处于本次排查的时间窗内，且其 shell {shell} 可以登录。入侵者常建自己的账号，以便入口被堵后还能回来。',
          action:
            '先问清是谁创建的；确认前先锁定：usermod -L -e 1 {name}；查看登录记录：last {name}；lastlog -u {name}；grep -a "useradd\\|{name}" /var/log/auth.log* /var/log/secure*；审查后删除：userdel -r {name}。',
        },
      },
      noShadow: {
        en: {
          title: 'Login account {name} is in /etc/passwd but not in /etc/shadow',
          detail:
            'useradd always writes both files; a passwd line without a shadow line was typed or appended by hand ("echo … >> /etc/passwd"). /etc/passwd was last changed {mtime}.',
          action:
            'Lock it: usermod -L -s /usr/sbin/nologin {name}; run pwck -r to list inconsistencies; check its logins (last {name}); after review delete the line with vipw.',
        },
        'zh-CN': {
          title: '可登录账号 {name} 在 /etc/passwd 中存在，却不在 /etc/shadow 中',
          detail:
            'useradd 总是同时写两个文件；只有 passwd 行而没有 shadow 行，说明是手工编辑或追加的（“echo … >> /etc/passwd”）。/etc/passwd 最后修改于 {mtime}。',
          action:
            '锁定：usermod -L -s /usr/sbin/nologin {name}；执行 pwck -r 列出不一致项；查看其登录记录（last {name}）；审查后用 vipw 删除该行。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const af = snapshot.facts.accountFiles;
    if (!af) return;
    const install = installDay(snapshot);
    for (const u of snapshot.facts.users?.users ?? []) {
      if (!isLoginShell(intel, u.shell) || u.uid === 65534) continue;
      const sh = shadowEntry(snapshot, u.name);
      if (!sh) {
        if (!af.shadow.readable || u.uid === 0) continue;
        report({
          messageId: 'noShadow',
          data: { name: u.name, mtime: af.passwd.mtime ?? '?' },
          severity: isRecent(af.passwd.mtime, since) ? 'high' : 'medium',
          path: '/etc/passwd',
          user: u.name,
          evidence: [
            passwdEvidence(snapshot, u),
            phrase('shadow.noLine', { name: u.name }),
            phrase('ev.mtime', { path: '/etc/passwd', mtime: af.passwd.mtime ?? '?' }),
          ],
          time: af.passwd.mtime ?? undefined,
        });
        continue;
      }
      if (u.uid < af.uidMin || !dayIsRecent(sh.lastChange, since) || sh.lastChange === null) continue;
      // Created with the base system (image build or installer), not later by someone.
      if (install !== null && sh.lastChange <= install) continue;
      const cloudDefault = intel.accounts.cloudDefaultUsers.includes(u.name);
      // A new account alone is a colleague more often than an intruder: low. Privileges (an admin
      // group, a sudoers grant) make it medium, a brute force that got in makes it high. A shadow
      // day inside the window with /etc/passwd untouched since before it is a password change.
      const signals: PhraseValue[] = [];
      const passwdOld = af.passwd.mtime !== null && !isRecent(af.passwd.mtime, since);
      const groups = (snapshot.facts.users?.groups ?? []).filter(
        (g) => intel.logs.privilegedGroups.includes(g.name) && (g.members.includes(u.name) || g.gid === u.gid),
      );
      if (groups.length > 0) signals.push(phrase('newacct.group', { name: u.name, groups: groups.map((g) => g.name).join(', ') }));
      const grant = (snapshot.facts.sudoers?.entries ?? []).find((e) => e.kind === 'spec' && e.scope.split(/\s*,\s*/).includes(u.name));
      if (grant) signals.push(phrase('newacct.sudo', { where: `${grant.file}:${grant.line}`, text: grant.text }));
      // Only a break-in on or before the day of the change can explain it.
      const breakIn = breakInByDay(snapshot, intel, sh.lastChange ?? 0);
      if (breakIn) signals.push(phrase('newacct.breakIn', { user: breakIn.user, ip: breakIn.ip, time: breakIn.time ?? '?' }));
      const severity: Severity = cloudDefault || passwdOld || signals.length === 0 ? 'low' : breakIn ? 'high' : 'medium';
      report({
        messageId: 'recent',
        data: { name: u.name, uid: u.uid, day: dayToIso(sh.lastChange), shell: u.shell || '/bin/sh' },
        severity,
        path: '/etc/passwd',
        user: u.name,
        evidence: [
          passwdEvidence(snapshot, u),
          shadowEvidence(sh),
          phrase('ev.mtime', { path: '/etc/passwd', mtime: af.passwd.mtime ?? '?' }),
          ...(passwdOld ? [phrase('newacct.passwdOld')] : signals),
        ],
        time: dayToDate(sh.lastChange).toISOString(),
      });
    }
  },
});
