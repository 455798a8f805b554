import { phrase } from '../../i18n/phrases';
import { matchCommand } from '../../analyze/command-patterns';
import { hiddenComponent, inTmpDir } from '../../analyze/facts-index';
import { atLeast } from '../../model/finding';
import { defineRule } from '../rule';
import { benignForcedCommand, keyEvidence } from './ssh-facts';

export default defineRule({
  meta: {
    id: 'ssh/forced-command-key',
    category: 'ssh_key',
    severity: 'high',
    attack: ['T1098.004', 'T1546'],
    status: 'stable',
    description:
      'An authorized key with a command="…" option that is not a known harmless forced command (rrsync, rsync --server, git-shell, sftp, borg serve, the cloud images\' "Please login as" refusal): the command runs on every login with that key, a classic hidden trigger.',
    falsePositives: ['Site-specific backup or deployment wrappers; add their pattern to intel accounts.benignForcedCommands.'],
    uses: ['sshKeys'],
    messages: {
      command: {
        en: {
          title: 'SSH key of {user} runs a forced command: {command}',
          detail:
            'Every login with this key runs "{command}" instead of a shell{why}. Intruders use forced commands to start droppers or reverse shells whenever they connect, hidden in a line few people read to the end.',
          action:
            'Keep a copy (cp -a {file} /root/evidence/), read the full line ({file} line {line}), inspect the program it runs, and delete the line unless its owner confirms it; then: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: '{user} 的 SSH 密钥带强制命令：{command}',
          detail:
            '用该密钥登录时都会执行“{command}”而不是 shell{why}。入侵者利用强制命令在每次连接时启动下载器或反弹 shell，藏在很少有人读完的长行里。',
          action:
            '先保留副本（cp -a {file} /root/evidence/），阅读整行（{file} 第 {line} 行），检查其运行的程序；除非使用者确认，否则删除该行，然后执行：sshd -t && systemctl reload ssh。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const k of snapshot.facts.sshKeys?.keys ?? []) {
      const command = k.options.command;
      if (command === undefined || benignForcedCommand(intel, command)) continue;
      const hits = matchCommand(intel, command);
      const program = command.trim().split(/\s+/)[0] ?? '';
      const odd = program.startsWith('/') && (inTmpDir(program) || hiddenComponent(program) !== null);
      const critical = hits.some((h) => atLeast(h.severity, 'high')) || odd;
      const why =
        hits.length > 0
          ? phrase('paren', { what: hits.map((h) => h.what) })
          : odd
            ? phrase('paren', { what: phrase('forced.oddPlace', { program }) })
            : '';
      report({
        messageId: 'command',
        data: { user: k.user, command: command.length > 120 ? `${command.slice(0, 120)}…` : command, why, file: k.file, line: k.line },
        severity: critical ? 'critical' : 'high',
        path: k.file,
        user: k.user,
        evidence: [keyEvidence(k), phrase('forced.command', { command: command.slice(0, 1000) })],
      });
    }
  },
});
