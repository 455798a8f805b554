import { phrase } from '../../i18n/phrases';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { pathsIn, splitCommands } from './command-words';
import { lineEvidence, owned, suspiciousPlace } from './hook-paths';
import { dangerousPatterns } from './shell-download-exec';

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash|zsh|busybox|python[\d.]*|perl)$/;

export default defineRule({
  meta: {
    id: 'hooks/udev-run-program',
    category: 'udev',
    severity: 'critical',
    attack: ['T1546'],
    status: 'stable',
    description:
      'A udev rule that runs a program as root on device events (boot, network interface, USB, disk): downloads, programs in temporary or hidden paths, programs no package owns, or shell commands from an unpackaged rules file. Packaged rules calling packaged helpers are not reported.',
    falsePositives: ['Hand-written rules that run an admin script (USB backup, NIC tuning) from /usr/local: reported as medium.'],
    references: ['https://attack.mitre.org/techniques/T1546/', 'https://man7.org/linux/man-pages/man7/udev.7.html'],
    uses: ['udevRules'],
    messages: {
      malicious: {
        en: {
          title: 'udev runs {program} as root on device events ({file})',
          detail:
            '{file} line {line} runs a download, a reverse shell or a program from a temporary or hidden path whenever a matching device appears, including at every boot. udev persistence survives service and cron clean-ups.',
          action:
            'Copy {file} and {program} for evidence, comment the rule out (sed -i "{line}s/^/#/" {file}), reload rules (udevadm control --reload), and check whether it already ran (journalctl -u systemd-udevd; look for its payload).',
        },
        'zh-CN': {
          title: 'udev 在设备事件时以 root 运行 {program}（{file}）',
          detail:
            '{file} 第 {line} 行在匹配的设备出现时（包括每次开机）执行下载、反弹 shell 或临时/隐藏路径中的程序。udev 持久化能躲过对服务和 cron 的清理。',
          action:
            '复制 {file} 和 {program} 留证，注释该规则（sed -i "{line}s/^/#/" {file}），重新加载规则（udevadm control --reload），并检查它是否已执行过（journalctl -u systemd-udevd；查找其载荷）。',
        },
      },
      unpackaged: {
        en: {
          title: 'udev runs {program}, which is not from a package ({file})',
          detail:
            '{file} line {line} runs {program} as root on device events, and no package owns it (or the rules file is hand-written and runs a shell). Admin scripts do this sometimes; so does udev-based persistence.',
          action:
            'Read the rule and the program (sed -n "{line}p" {file}; cat {program}). If nobody on the team wrote them, copy both for evidence, comment the rule out (sed -i "{line}s/^/#/" {file}) and run udevadm control --reload.',
        },
        'zh-CN': {
          title: 'udev 运行不属于软件包的 {program}（{file}）',
          detail:
            '{file} 第 {line} 行在设备事件时以 root 运行 {program}，该程序不属于任何软件包（或规则文件为手写且调用了 shell）。管理员脚本有时会这样做，基于 udev 的持久化也是如此。',
          action:
            '查看规则和程序（sed -n "{line}p" {file}；cat {program}）。若团队中无人编写，复制两者留证，注释该规则（sed -i "{line}s/^/#/" {file}）并执行 udevadm control --reload。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const file of snapshot.facts.udevRules?.files ?? []) {
      if (file.overridden) continue;
      const fileOwned = owned(snapshot, file.path);
      for (const c of file.commands) {
        // udev substitutes %k, $env{…} and friends; judge the command as written.
        const danger = dangerousPatterns(intel, c.command).find((m) => m.id !== 'history-wipe');
        const segs = splitCommands(c.command);
        // udev resolves a relative top-level program in /usr/lib/udev; inner shell commands use PATH.
        const top = c.command.trim().split(/\s+/)[0] ?? '';
        const program = top.startsWith('/') ? top : `/lib/udev/${top}`;
        const placed = pathsIn(c.command).find((p) => suspiciousPlace(p, intel));
        let severity: Severity | null = null;
        let messageId: 'malicious' | 'unpackaged' = 'malicious';
        let shown = program;
        if (danger || placed) {
          severity = 'critical';
          shown = placed ?? program;
        } else {
          const inner = segs.map((s) => s.program).filter((p): p is string => p !== null && p.startsWith('/'));
          // A missing program runs nothing (packaged rules often name optional tools).
          const unowned = [program, ...inner].find((p) => c.existing.includes(p) && owned(snapshot, p) === false);
          const shell = SHELLS.test(top);
          if (unowned) {
            severity = 'medium';
            shown = unowned;
          } else if (shell && fileOwned === false) severity = 'medium';
          messageId = 'unpackaged';
        }
        if (!severity) continue;
        report({
          messageId,
          severity,
          data: { program: shown, file: file.path, line: c.n },
          path: file.path,
          time: file.mtime ?? undefined,
          evidence: [lineEvidence(file.path, c.n, c.text), ...(danger ? [phrase('cmd.matches', { what: danger.what })] : [])],
        });
      }
    }
  },
});
