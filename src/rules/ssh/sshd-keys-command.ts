import { phrase } from '../../i18n/phrases';
import { hiddenComponent, inTmpDir, isPackageOwned } from '../../analyze/facts-index';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'ssh/sshd-keys-command',
    category: 'sshd_config',
    severity: 'high',
    attack: ['T1098.004', 'T1556'],
    status: 'stable',
    description:
      'AuthorizedKeysCommand running a program no package installed (or in a temporary/hidden directory): sshd runs it as a key oracle on every login, so it can let any key in, or run code each time someone connects.',
    falsePositives: ['Site-built key lookup tools (LDAP, Vault) installed outside the package manager.'],
    uses: ['sshdConfig', 'packages'],
    messages: {
      command: {
        en: {
          title: 'sshd asks an unpackaged program for keys: {program}',
          detail:
            '{where}: "{line}". sshd runs {program}{why} (as {runAs}) on every public-key login and trusts whatever keys it prints, so it decides who gets in without touching authorized_keys.',
          action:
            'Keep a copy and inspect it (sha256sum {program}; ls -l {program}; strings {program} | head); unless it is your documented key service, remove the AuthorizedKeysCommand lines from {file}, then sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: 'sshd 通过非软件包程序获取密钥：{program}',
          detail:
            '{where}：“{line}”。每次公钥登录时 sshd 都会（以 {runAs} 身份）运行 {program}{why}，并信任它输出的任何密钥，因此它无需改动 authorized_keys 就能决定谁可以登录。',
          action:
            '保留副本并检查（sha256sum {program}；ls -l {program}；strings {program} | head）；除非这是有文档记录的密钥服务，否则从 {file} 中删除 AuthorizedKeysCommand 行，然后执行 sshd -t && systemctl reload ssh。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const cfg = snapshot.facts.sshdConfig;
    if (!cfg?.present) return;
    const runAs = cfg.options.find((o) => o.key === 'authorizedkeyscommanduser')?.args[0] ?? '?';
    for (const o of cfg.options.filter((x) => x.key === 'authorizedkeyscommand')) {
      const program = o.args[0];
      if (!program || program.toLowerCase() === 'none') continue;
      const odd = inTmpDir(program) || hiddenComponent(program) !== null || !program.startsWith('/');
      const owned = isPackageOwned(snapshot, program);
      if (owned === true && !odd) continue;
      const why = phrase(odd ? 'keysCommand.odd' : owned === false ? 'keysCommand.unowned' : 'keysCommand.unknown');
      report({
        messageId: 'command',
        data: { program, where: `${o.file}:${o.line}`, line: o.text, why, runAs, file: o.file },
        severity: odd ? 'critical' : owned === false ? 'high' : 'medium',
        path: o.file,
        evidence: [
          `${o.file}:${o.line}: ${o.text}`,
          phrase('ev.packageOwned', { answer: phrase(owned === null ? 'answer.unknown' : owned ? 'answer.yes' : 'answer.no') }),
        ],
      });
    }
  },
});
