import { phrase } from '../../i18n/phrases';
import { matchCommand, type CommandMatch } from '../../analyze/command-patterns';
import type { Intel } from '../../intel/intel';
import { severityRank } from '../../model/finding';
import { defineRule } from '../rule';
import { lineEvidence } from './hook-paths';

/**
 * The dangerous command patterns a line matches, worst first. "history -a; history -c; history -r"
 * is the well-known idiom for sharing history between terminals, not a wipe.
 */
export function dangerousPatterns(intel: Intel, text: string): CommandMatch[] {
  const syncIdiom = /history\s+-a\b/.test(text) && /history\s+-r\b/.test(text);
  return matchCommand(intel, text)
    .filter(
      (m) =>
        !(
          m.id === 'history-wipe' &&
          syncIdiom &&
          matchCommand(intel, text.replace(/history\s+-c\b/g, '')).every((x) => x.id !== 'history-wipe')
        ),
    )
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export default defineRule({
  meta: {
    id: 'hooks/shell-download-exec',
    category: 'shell_profile',
    severity: 'critical',
    attack: ['T1546.004', 'T1105'],
    status: 'stable',
    description:
      'A shell start-up file (system-wide or in a home) that downloads and runs code, opens a reverse shell or disables history: it runs again at every login, so killing the process is not enough. Patterns come from intel/commands.json.',
    falsePositives: ['Installer one-liners pasted into ~/.bashrc by mistake; the line still runs at each login and should go.'],
    references: ['https://attack.mitre.org/techniques/T1546/004/'],
    uses: ['shellStartup'],
    messages: {
      dangerous: {
        en: {
          title: 'Shell start-up file runs a dangerous command at every login: {pattern} ({file})',
          detail:
            'Line {line} of {file} matches "{pattern}". It runs each time someone logs in or opens a shell, so the payload comes back even after the process is killed and the binary deleted.',
          action:
            'Copy {file} for evidence (cp -a {file} /root/evidence/), fetch nothing from the URL, and remove the line: chattr -ia {file}; sed -i "{line}s/^/#/" {file}. Then check the other start-up files, cron and systemd for the same host or URL.',
        },
        'zh-CN': {
          title: 'shell 启动文件在每次登录时执行危险命令：{pattern}（{file}）',
          detail: '{file} 第 {line} 行匹配 “{pattern}”。它会在每次登录或打开 shell 时执行，因此即使结束进程、删除文件，载荷仍会卷土重来。',
          action:
            '复制 {file} 留证（cp -a {file} /root/evidence/），不要访问其中的 URL，然后删除该行：chattr -ia {file}; sed -i "{line}s/^/#/" {file}。再检查其他启动文件、cron 和 systemd 中是否有相同的主机或 URL。',
        },
      },
      history: {
        en: {
          title: 'Shell history is disabled at login in {file}',
          detail:
            'Line {line} ({pattern}) stops shells from keeping a command history. Attackers add this so their commands leave no trace; admins rarely do it system-wide.',
          action:
            'Remove the line (sed -i "{line}s/^/#/" {file}) and start a fresh login shell. Treat the missing history as a sign of tampering: look at /var/log/auth.log, wtmp and other hosts for what was run.',
        },
        'zh-CN': {
          title: '{file} 在登录时禁用了 shell 历史记录',
          detail: '第 {line} 行（{pattern}）使 shell 不再保存命令历史。攻击者借此让自己的命令不留痕迹；管理员很少在全局这么做。',
          action:
            '删除该行（sed -i "{line}s/^/#/" {file}）并重新登录 shell。把历史缺失视为被篡改的迹象：从 /var/log/auth.log、wtmp 及其他主机查找执行过的操作。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const file of snapshot.facts.shellStartup?.files ?? []) {
      for (const line of file.lines) {
        const [worst] = dangerousPatterns(intel, line.text);
        if (!worst) continue;
        report({
          messageId: worst.id === 'history-wipe' ? 'history' : 'dangerous',
          severity: worst.severity,
          data: { pattern: worst.id, file: file.path, line: line.n },
          path: file.path,
          user: file.user,
          time: file.mtime ?? undefined,
          evidence: [lineEvidence(file.path, line.n, line.text), phrase('cmd.matches', { what: worst.what })],
        });
      }
    }
  },
});
