import { phrase } from '../../i18n/phrases';
import { matchCommand } from '../../analyze/command-patterns';
import { hiddenComponent, inTmpDir } from '../../analyze/facts-index';
import { atLeast } from '../../model/finding';
import { defineRule } from '../rule';
import { benignForcedCommand, judgeForcedPrograms, keyEvidence } from './ssh-facts';

export default defineRule({
  meta: {
    id: 'ssh/forced-command-key',
    category: 'ssh_key',
    severity: 'high',
    attack: ['T1098.004', 'T1546'],
    status: 'stable',
    description:
      'An authorized key with a command="…" option that is not a known harmless forced command (rrsync, rsync --server, git-shell, sftp, borg serve, the cloud images\' "Please login as" refusal): the command runs on every login with that key, a classic hidden trigger. Low when every program it runs is root\'s, writable by nobody else and (for scripts) free of download-and-execute, reverse-shell and miner lines (a deploy or backup hook); high when a program is missing, another account\'s, world-writable or an unpackaged compiled program; critical when the command or its script downloads and runs code, opens a shell or mines, or runs from a temporary or hidden directory.',
    falsePositives: [
      'Site-specific backup or deployment wrappers are low when root owns them and they contain nothing dangerous; add their pattern to intel accounts.benignForcedCommands to silence them.',
    ],
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
      hook: {
        en: {
          title: 'SSH key of {user} runs a deploy-style hook: {command}',
          detail:
            'Every login with this key runs "{command}" instead of a shell. The program is root\'s, nobody else can rewrite it, and it contains no download-and-execute, reverse-shell or miner line: most likely a deploy or backup hook. Forced commands are still where intruders hide triggers, so confirm the key with its owner.',
          action:
            'Confirm the key ({file} line {line}) with its owner and read the program it runs; keep the file root-owned and not writable by others. Remove the line if nobody claims it, then: sshd -t && systemctl reload ssh.',
        },
        'zh-CN': {
          title: '{user} 的 SSH 密钥运行部署类钩子：{command}',
          detail:
            '用该密钥登录时都会执行“{command}”而不是 shell。该程序属于 root、其他账号无法改写，且没有下载执行、反弹 shell 或挖矿内容：多半是部署或备份钩子。强制命令仍是入侵者藏触发器的地方，请与密钥使用者确认。',
          action:
            '与使用者确认该密钥（{file} 第 {line} 行）并阅读其运行的程序；保持该程序属于 root 且他人不可写。若无人认领则删除该行，然后执行：sshd -t && systemctl reload ssh。',
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
      const programs = judgeForcedPrograms(snapshot, intel, k);
      const critical = hits.some((h) => atLeast(h.severity, 'high')) || odd || programs.kind === 'dangerous';
      const shown = command.length > 120 ? `${command.slice(0, 120)}…` : command;
      const evidence = [keyEvidence(k), phrase('forced.command', { command: command.slice(0, 1000) }), ...programs.evidence];
      if (!critical && hits.length === 0 && programs.kind === 'hook') {
        report({
          messageId: 'hook',
          data: { user: k.user, command: shown, file: k.file, line: k.line },
          severity: 'low',
          path: k.file,
          user: k.user,
          evidence,
        });
        continue;
      }
      const why =
        hits.length > 0
          ? phrase('paren', { what: hits.map((h) => h.what) })
          : odd
            ? phrase('paren', { what: phrase('forced.oddPlace', { program }) })
            : '';
      report({
        messageId: 'command',
        data: { user: k.user, command: shown, why, file: k.file, line: k.line },
        severity: critical ? 'critical' : 'high',
        path: k.file,
        user: k.user,
        evidence,
      });
    }
  },
});
