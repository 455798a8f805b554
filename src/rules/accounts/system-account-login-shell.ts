import { type PhraseValue, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { dayIsRecent, dayToDate, installDay, isLoginShell, passwdEvidence, shadowEntry, shadowEvidence } from './account-facts';

export default defineRule({
  meta: {
    id: 'accounts/system-account-login-shell',
    category: 'account',
    severity: 'medium',
    attack: ['T1136.001', 'T1078.003'],
    status: 'stable',
    description:
      'A system-range account (below UID_MIN) with a login shell that is not one of the packaged accounts known to need one (postgres, jenkins, git…): a service account turned into a login, or a new account hidden among daemons.',
    falsePositives: ['Packages not in intel/accounts.json systemLoginShellUsers that give their account a shell; add them with --intel.'],
    uses: ['users', 'accountFiles'],
    messages: {
      shell: {
        en: {
          title: 'System account {name} (UID {uid}) has login shell {shell}{why}',
          detail:
            'Accounts below UID {uidMin} belong to services and normally use nologin or false. With a shell, "{name}" can log in over SSH or su; attackers give daemons (www-data, mail…) a shell, or create a low-UID account, so it hides among them.',
          action:
            'Check which package created it (grep "{name}" /var/lib/dpkg/info/*.postinst /var/log/dpkg.log*; rpm -qf after finding its files); if none needs a shell: usermod -s /usr/sbin/nologin {name}; passwd -l {name}; then look for its keys: ls -la {home}/.ssh.',
        },
        'zh-CN': {
          title: '系统账号 {name}（UID {uid}）拥有登录 shell {shell}{why}',
          detail:
            'UID 小于 {uidMin} 的账号属于服务，通常使用 nologin 或 false。有了 shell，“{name}”就能通过 SSH 或 su 登录；攻击者会给 www-data、mail 等服务账号加 shell，或新建低 UID 账号混在其中。',
          action:
            '确认是哪个软件包创建的（grep "{name}" /var/lib/dpkg/info/*.postinst /var/log/dpkg.log*；或对其文件执行 rpm -qf）；若不需要 shell：usermod -s /usr/sbin/nologin {name}；passwd -l {name}；再检查其密钥：ls -la {home}/.ssh。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const af = snapshot.facts.accountFiles;
    if (!af) return;
    const install = installDay(snapshot);
    for (const u of snapshot.facts.users?.users ?? []) {
      if (u.uid === 0 || u.uid >= af.uidMin || !isLoginShell(intel, u.shell)) continue;
      if (intel.accounts.systemLoginShellUsers.includes(u.name)) continue;
      const sh = shadowEntry(snapshot, u.name);
      const usable = sh?.password.kind === 'hash' || sh?.password.kind === 'empty';
      const recent =
        sh !== undefined && dayIsRecent(sh.lastChange, since) && !(install !== null && sh.lastChange !== null && sh.lastChange <= install);
      const why = usable ? phrase('account.usablePassword') : recent ? phrase('account.changedRecently') : '';
      const evidence: PhraseValue[] = [passwdEvidence(snapshot, u)];
      if (sh) evidence.push(shadowEvidence(sh));
      report({
        messageId: 'shell',
        data: {
          name: u.name,
          uid: u.uid,
          shell: u.shell || '/bin/sh',
          why,
          uidMin: af.uidMin,
          home: u.home,
        },
        severity: usable || recent ? 'high' : 'medium',
        path: '/etc/passwd',
        user: u.name,
        evidence,
        time: sh?.lastChange ? dayToDate(sh.lastChange).toISOString() : undefined,
      });
    }
  },
});
