import { baseName } from '../../model/path-name';
import { matchCommand } from '../../analyze/command-patterns';
import { defineRule } from '../rule';
import { expandHome, pathsIn, splitCommands } from './command-words';
import { lineEvidence, suspiciousPlace } from './hook-paths';
import { assignedValues } from './shell-syntax';

const NETWORK = /\b(?:curl|wget|nc|ncat|netcat|socat|telnet|ssh|scp|openssl\s+s_client)\b|\/dev\/(?:tcp|udp)\//;
/** `trap '…' DEBUG` runs before every command, like PROMPT_COMMAND runs before every prompt. */
// A trap names a few signals at most; an unbounded signal list made crafted lines quadratic.
const DEBUG_TRAP = /(?:^|[\s;&|])trap\s+(?:'([^']*)'|"([^"]*)"|(\S+))\s+(?:\S+\s+){0,8}DEBUG\b/;

export default defineRule({
  meta: {
    id: 'hooks/shell-prompt-command',
    category: 'shell_profile',
    severity: 'medium',
    attack: ['T1546.004'],
    status: 'stable',
    description:
      'PROMPT_COMMAND (or a DEBUG trap) in a shell start-up file that runs real commands before every prompt: used to log typed commands to a hidden file, beacon out, or respawn a backdoor each time an admin presses Enter. Title-setting printf/echo, history syncing and known prompt hooks (vte, direnv, starship, git prompt) are ignored.',
    falsePositives: [
      'Command auditing that sends each typed command to syslog with logger is ignored; other in-house prompt hooks are reported as medium.',
    ],
    references: [
      'https://attack.mitre.org/techniques/T1546/004/',
      'https://www.gnu.org/software/bash/manual/html_node/Bash-Variables.html',
    ],
    uses: ['shellStartup'],
    messages: {
      suspicious: {
        en: {
          title: 'Prompt hook runs a network or hidden-path command before every prompt ({file})',
          detail:
            'Line {line} sets {variable} so that every time a shell shows its prompt it runs "{command}". Commands that reach the network or temporary/hidden paths from a prompt hook are how attackers keylog admins or re-launch implants.',
          action:
            'Copy the file and any referenced script, remove the line (sed -i "{line}s/^/#/" {file}), and open a fresh login shell. Check where its output went (files, hosts) to judge what leaked.',
        },
        'zh-CN': {
          title: '提示符钩子在每次显示提示符前执行联网或隐藏路径命令（{file}）',
          detail:
            '第 {line} 行设置了 {variable}，使 shell 每次显示提示符时都执行 “{command}”。在提示符钩子中联网或访问临时/隐藏路径，是攻击者记录管理员输入或反复拉起后门的手法。',
          action:
            '复制该文件及其引用的脚本留证，删除该行（sed -i "{line}s/^/#/" {file}），重新打开登录 shell。检查其输出去向（文件、主机），判断泄露了什么。',
        },
      },
      unusual: {
        en: {
          title: 'Prompt hook runs "{command}" before every prompt ({file})',
          detail:
            'Line {line} sets {variable} to run a command each time a shell prompt is shown. Terminal-title and history hooks are normal; other commands there are rare and are a known persistence trick.',
          action:
            'Read the hook (sed -n "{line}p" {file}) and what "{command}" is (type {command}). If nobody on the team added it, remove the line and start a fresh login shell.',
        },
        'zh-CN': {
          title: '提示符钩子在每次显示提示符前执行 “{command}”（{file}）',
          detail:
            '第 {line} 行设置 {variable}，在每次显示 shell 提示符时执行命令。设置终端标题和同步历史的钩子是正常的；其他命令很少见，且是已知的持久化手法。',
          action:
            '查看钩子（sed -n "{line}p" {file}）以及 “{command}” 是什么（type {command}）。若团队中无人添加，删除该行并重新登录 shell。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const harmless = new Set(intel.hooks.promptHookCommands);
    for (const file of snapshot.facts.shellStartup?.files ?? []) {
      for (const line of file.lines) {
        const hooks: { variable: string; value: string }[] = assignedValues(line.text, 'PROMPT_COMMAND').map((value) => ({
          variable: 'PROMPT_COMMAND',
          value,
        }));
        const trap = line.text.includes('DEBUG') ? DEBUG_TRAP.exec(line.text) : null;
        if (trap) hooks.push({ variable: 'trap DEBUG', value: trap[1] ?? trap[2] ?? trap[3] ?? '' });
        if (hooks.length === 0) continue;
        // Download and reverse-shell lines are reported by hooks/shell-download-exec.
        if (matchCommand(intel, line.text).some((m) => m.id !== 'history-wipe')) continue;
        for (const { variable, value } of hooks) {
          // Quoted printf formats ("\033]0;%s…") are data, not commands: blank those without substitutions.
          const cleaned = value.replace(/\$\{PROMPT_COMMAND[^}]*\}|\$PROMPT_COMMAND\b/g, '').replace(/"[^"$`]*"|'[^'$`]*'/g, '""');
          const programs = splitCommands(cleaned)
            .map((s) => s.program)
            .filter((p): p is string => p !== null && /^[\w./~@+-]+$/.test(p));
          const odd = programs.filter((p) => !harmless.has(baseName(p)) && !p.startsWith('_'));
          if (odd.length === 0) continue;
          const bad = NETWORK.test(value) || pathsIn(value).some((p) => suspiciousPlace(expandHome(p, file.home), intel));
          report({
            messageId: bad ? 'suspicious' : 'unusual',
            severity: bad ? 'high' : 'medium',
            data: { variable, command: odd[0], file: file.path, line: line.n },
            path: file.path,
            user: file.user,
            time: file.mtime ?? undefined,
            evidence: [lineEvidence(file.path, line.n, line.text)],
          });
        }
      }
    }
  },
});
