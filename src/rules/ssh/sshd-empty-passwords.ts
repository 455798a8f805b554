import { effectiveOption } from '../../collect/accounts/sshd-config';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'ssh/sshd-empty-passwords',
    category: 'sshd_config',
    severity: 'critical',
    attack: ['T1021.004', 'T1098'],
    status: 'stable',
    description: 'PermitEmptyPasswords yes: sshd lets accounts with an empty password log in from the network with no password at all.',
    falsePositives: ['None known for a networked server.'],
    uses: ['sshdConfig'],
    messages: {
      empty: {
        en: {
          title: 'sshd accepts empty passwords (PermitEmptyPasswords yes)',
          detail:
            '{where}: "{line}". Together with any account whose password was emptied, this is a password-less remote login; intruders set both as a simple backdoor.',
          action:
            'Set "PermitEmptyPasswords no" in {file}, apply: sshd -t && systemctl reload ssh; find accounts without password: awk -F: \'$2==""\' /etc/shadow; lock them with passwd -l NAME.',
        },
        'zh-CN': {
          title: 'sshd 接受空密码（PermitEmptyPasswords yes）',
          detail: '{where}：“{line}”。只要有账号密码被清空，就能无密码远程登录；入侵者常把这两者一起设置作为简易后门。',
          action:
            '在 {file} 中设置“PermitEmptyPasswords no”并生效：sshd -t && systemctl reload ssh；查找无密码账号：awk -F: \'$2==""\' /etc/shadow，并用 passwd -l 账号名 锁定。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const cfg = snapshot.facts.sshdConfig;
    if (!cfg?.present) return;
    // Inside a Match block it is just as dangerous for the matched connections.
    const o =
      effectiveOption(cfg, 'permitemptypasswords') ??
      cfg.options.find((x) => x.key === 'permitemptypasswords' && x.args[0]?.toLowerCase() === 'yes');
    if (o?.args[0]?.toLowerCase() !== 'yes') return;
    report({
      messageId: 'empty',
      data: { where: `${o.file}:${o.line}`, line: o.text, file: o.file },
      path: o.file,
      evidence: [`${o.file}:${o.line}: ${o.text}`],
    });
  },
});
