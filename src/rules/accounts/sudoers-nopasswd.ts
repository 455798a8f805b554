import { phrase } from '../../i18n/phrases';
import { writtenAtFirstBoot } from '../ssh/ssh-facts';
import { defineRule } from '../rule';
import { isRecent } from './account-facts';
import { isFullRoot, runsAsRoot, specEvidence, sudoersFile } from './sudo-facts';

export default defineRule({
  meta: {
    id: 'accounts/sudoers-nopasswd',
    category: 'sudoers',
    severity: 'high',
    attack: ['T1548.003'],
    status: 'stable',
    description:
      "NOPASSWD sudo grants: full root without a password (high), the cloud image default user's grant written by cloud-init (low, medium when changed inside the window after first boot), and scoped command lists (low, as inventory).",
    falsePositives: [
      'Vagrant boxes and CI runners grant NOPASSWD: ALL on purpose.',
      "cloud-init's 90-cloud-init-users for the default user (reported low).",
    ],
    uses: ['sudoers'],
    messages: {
      full: {
        en: {
          title: '{who} can become root without a password ({file})',
          detail:
            '{where}: "{line}". Anyone who gets a shell as {who} (a stolen key, a web exploit) is root immediately, with nothing to crack. Intruders add such lines to keep root after the password is changed.',
          action:
            'Keep a copy (cp -a {file} /root/evidence/); unless documented, remove the line with visudo -f {file} (or rm {file} for a dropped file), then check: sudo -l -U {principal}; grep -a "sudo:.*COMMAND" /var/log/auth.log* /var/log/secure* | tail.',
        },
        'zh-CN': {
          title: '{who} 无需密码即可成为 root（{file}）',
          detail:
            '{where}：“{line}”。任何以 {who} 身份拿到 shell 的人（被盗密钥、Web 漏洞）都直接成为 root，无需破解任何密码。入侵者会加这样的行，以便 root 密码被改后仍能提权。',
          action:
            '先保留副本（cp -a {file} /root/evidence/）；若无记录说明，用 visudo -f {file} 删除该行（或对植入的文件执行 rm {file}），然后检查：sudo -l -U {principal}；grep -a "sudo:.*COMMAND" /var/log/auth.log* /var/log/secure* | tail。',
        },
      },
      cloudInit: {
        en: {
          title: 'cloud-init grants {who} passwordless sudo ({file})',
          detail:
            '{where}: "{line}". This is the cloud image\'s default user setup, normal on a VM; listed because anyone who logs in as {who} is root.{changed}',
          action:
            'Confirm {who} is your provisioning user and only trusted keys can log in as it (ssh-keygen -lf ~{principal}/.ssh/authorized_keys); to require a password, set a password and drop NOPASSWD with visudo -f {file}.',
        },
        'zh-CN': {
          title: 'cloud-init 授予 {who} 免密码 sudo（{file}）',
          detail: '{where}：“{line}”。这是云镜像默认用户的配置，在虚拟机上很常见；列出是因为任何以 {who} 登录的人都等同 root。{changed}',
          action:
            '确认 {who} 是你们的初始化用户，且只有可信密钥能以它登录（ssh-keygen -lf ~{principal}/.ssh/authorized_keys）；如需密码，先设置密码再用 visudo -f {file} 去掉 NOPASSWD。',
        },
      },
      scoped: {
        en: {
          title: '{who} may run {count} command(s) as {runas} without a password',
          detail:
            '{where}: "{line}". Scoped passwordless rules are a common automation pattern; listed so the list can be checked: some programs (editors, interpreters, tar, find) give a root shell.',
          action:
            'Check each command against GTFOBins-style escapes (e.g. less, vi, find -exec, tar --checkpoint-action); narrow or remove with visudo -f {file}.',
        },
        'zh-CN': {
          title: '{who} 可免密码以 {runas} 身份运行 {count} 个命令',
          detail:
            '{where}：“{line}”。限定命令的免密规则是常见的自动化做法；列出以便核查：有些程序（编辑器、解释器、tar、find）可直接得到 root shell。',
          action:
            '逐个对照 GTFOBins 类提权方式检查这些命令（如 less、vi、find -exec、tar --checkpoint-action）；用 visudo -f {file} 收紧或删除。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    for (const e of snapshot.facts.sudoers?.entries ?? []) {
      if (e.kind !== 'spec') continue;
      const nopass = e.commands.filter((c) => c.tags.includes('NOPASSWD'));
      if (nopass.length === 0) continue;
      const file = sudoersFile(snapshot, e.file);
      const full = nopass.some((c) => runsAsRoot(c) && isFullRoot(snapshot, intel, c.command));
      const data = {
        who: e.scope,
        principal: e.scope.split(',')[0].replace(/^%/, ''),
        file: e.file,
        where: `${e.file}:${e.line}`,
        line: e.text,
      };
      const base = {
        path: e.file,
        user: e.scope.startsWith('%') ? undefined : e.scope.split(',')[0],
        evidence: [specEvidence(e), phrase('ev.mtime', { path: e.file, mtime: file?.mtime ?? '?' })],
        time: file?.mtime ?? undefined,
      };
      if (full && file?.generatedBy === 'cloud-init') {
        const changedLater = isRecent(file.mtime, since) && !writtenAtFirstBoot(snapshot, file.mtime);
        const changed = changedLater ? phrase('sudo.changedAfterBoot', { time: file.mtime ?? '?' }) : '';
        report({ messageId: 'cloudInit', data: { ...data, changed }, severity: changedLater ? 'medium' : 'low', ...base });
      } else if (full) {
        report({ messageId: 'full', data, severity: 'high', ...base });
      } else {
        const runas = [...new Set(nopass.map((c) => c.runas))].join(', ');
        report({ messageId: 'scoped', data: { ...data, count: nopass.length, runas }, severity: 'low', ...base });
      }
    }
  },
});
