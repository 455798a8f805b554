import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { isRecent } from './account-facts';
import { isFullRoot, runsAsRoot, specEvidence, sudoersFile } from './sudo-facts';

// Principals every stock sudoers grants; a change to them is not a new grant.
const STOCK = new Set(['root', '%sudo', '%admin', '%wheel']);

export default defineRule({
  meta: {
    id: 'accounts/sudoers-suspicious-grant',
    category: 'sudoers',
    severity: 'medium',
    attack: ['T1548.003', 'T1098'],
    status: 'stable',
    description:
      'Full root sudo grants that have no business existing: to a service account (www-data, nobody, daemon… below UID_MIN), or added in a sudoers file changed inside the recent window (password still required; NOPASSWD is sudoers-nopasswd).',
    falsePositives: ['A new admin given sudo this week; a service account given sudo on purpose (rare and worth documenting).'],
    uses: ['sudoers', 'users', 'accountFiles'],
    messages: {
      serviceAccount: {
        en: {
          title: 'Service account {who} may run anything as root via sudo',
          detail:
            '{where}: "{line}". {who} is a service account (UID {uid}); a web or mail exploit running as it becomes root through this rule. Intruders add exactly this after getting in through a service.',
          action:
            'Keep a copy (cp -a {file} /root/evidence/) and remove the line with visudo -f {file}; then review what {who} ran: grep -a "sudo:.*{who}" /var/log/auth.log* /var/log/secure*.',
        },
        'zh-CN': {
          title: '服务账号 {who} 可通过 sudo 以 root 执行任何命令',
          detail:
            '{where}：“{line}”。{who} 是服务账号（UID {uid}）；以它运行的 Web 或邮件漏洞利用可借此规则直接成为 root。入侵者通过服务进入后常加上这一条。',
          action:
            '先保留副本（cp -a {file} /root/evidence/），用 visudo -f {file} 删除该行；再查看 {who} 执行过的命令：grep -a "sudo:.*{who}" /var/log/auth.log* /var/log/secure*。',
        },
      },
      recent: {
        en: {
          title: 'New full sudo grant for {who} ({file} changed {mtime})',
          detail: '{where}: "{line}". {file} was modified at {mtime}, inside the window under review, and lets {who} run anything as root.',
          action:
            'Ask who granted it; if nobody did, keep a copy (cp -a {file} /root/evidence/), remove the line with visudo -f {file}, and lock the account (usermod -L {principal}) until it is explained.',
        },
        'zh-CN': {
          title: '{who} 新获得完整 sudo 权限（{file} 修改于 {mtime}）',
          detail: '{where}：“{line}”。{file} 于 {mtime} 被修改，处于本次排查的时间窗内，允许 {who} 以 root 执行任何命令。',
          action:
            '问清是谁授权的；若无人承认，先保留副本（cp -a {file} /root/evidence/），用 visudo -f {file} 删除该行，并在查明前锁定账号（usermod -L {principal}）。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const users = snapshot.facts.users?.users ?? [];
    const uidMin = snapshot.facts.accountFiles?.uidMin ?? 1000;
    for (const e of snapshot.facts.sudoers?.entries ?? []) {
      if (e.kind !== 'spec') continue;
      const fullCmds = e.commands.filter((c) => runsAsRoot(c) && isFullRoot(snapshot, intel, c.command));
      if (fullCmds.length === 0) continue;
      const file = sudoersFile(snapshot, e.file);
      const base = {
        path: e.file,
        evidence: [specEvidence(e), phrase('ev.mtime', { path: e.file, mtime: file?.mtime ?? '?' })],
        time: file?.mtime ?? undefined,
      };
      const data = { where: `${e.file}:${e.line}`, line: e.text, file: e.file, mtime: file?.mtime ?? '?' };
      let reported = false;
      for (const p of e.scope.split(',')) {
        const u = users.find((x) => x.name === p);
        if (!u || u.uid === 0 || u.uid >= uidMin) continue;
        report({ messageId: 'serviceAccount', data: { ...data, who: p, uid: u.uid }, severity: 'high', user: p, ...base });
        reported = true;
      }
      if (reported || STOCK.has(e.scope) || fullCmds.every((c) => c.tags.includes('NOPASSWD'))) continue;
      if (!isRecent(file?.mtime, since)) continue;
      const principal = e.scope.split(',')[0].replace(/^%/, '');
      report({
        messageId: 'recent',
        data: { ...data, who: e.scope, principal },
        severity: 'medium',
        user: e.scope.startsWith('%') ? undefined : principal,
        ...base,
      });
    }
  },
});
