import { phrase } from '../../i18n/phrases';
import { baseName } from '../../model/path-name';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { expandHome, splitCommands } from './command-words';
import { lineEvidence, owned, suspiciousPlace } from './hook-paths';
import { dangerousPatterns } from './shell-download-exec';

export default defineRule({
  meta: {
    id: 'hooks/modprobe-install-command',
    category: 'kernel_module',
    severity: 'high',
    attack: ['T1547.006'],
    status: 'stable',
    description:
      'An "install" or "remove" line in modprobe.d runs a shell command as root whenever the kernel or a tool loads that module (often at every boot). Blacklisting with /bin/true or /bin/false and modprobe --ignore-install chains are normal; anything else, especially downloads or programs in temporary, hidden or unpackaged paths, is a boot-time backdoor.',
    falsePositives: [
      'Hardware vendor scripts that post-process a module load; they are packaged or live in a packaged path (reported as medium only when the config file itself is unpackaged).',
    ],
    references: ['https://attack.mitre.org/techniques/T1547/006/', 'https://man7.org/linux/man-pages/man5/modprobe.d.5.html'],
    uses: ['moduleAutoload'],
    messages: {
      command: {
        en: {
          title: 'modprobe runs {program} when module {module} is loaded ({file})',
          detail:
            '{file} line {line} replaces loading {module} with a shell command that runs {program} as root. Module loads happen at boot and on hardware events, so this re-runs without any cron or service entry.',
          action:
            'Read what it runs (sed -n "{line}p" {file}; ls -la {program}). If nobody on the team set it, copy {program} for evidence, comment the line out (sed -i "{line}s/^/#/" {file}) and check whether {module} has been loaded (lsmod | grep {module}).',
        },
        'zh-CN': {
          title: '加载模块 {module} 时 modprobe 会运行 {program}（{file}）',
          detail:
            '{file} 第 {line} 行把加载 {module} 替换为一条以 root 身份运行 {program} 的 shell 命令。模块会在开机和硬件事件时加载，因此无需 cron 或服务条目就会反复执行。',
          action:
            '查看它运行的内容（sed -n "{line}p" {file}；ls -la {program}）。若团队中无人设置，复制 {program} 留证，注释该行（sed -i "{line}s/^/#/" {file}），并检查 {module} 是否已被加载（lsmod | grep {module}）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const harmless = new Set(intel.hooks.moduleInstallHarmless);
    for (const file of snapshot.facts.moduleAutoload?.files ?? []) {
      if (file.kind !== 'modprobe') continue;
      const fileOwned = owned(snapshot, file.path);
      for (const d of file.directives) {
        if (d.command === undefined) continue;
        let worst: { program: string; severity: Severity } | null = null;
        const danger = dangerousPatterns(intel, d.command).find((m) => m.id !== 'history-wipe');
        for (const seg of splitCommands(d.command)) {
          if (!seg.program || seg.program.startsWith('$')) continue;
          const program = expandHome(seg.program, '/root');
          const own = program.startsWith('/') ? owned(snapshot, program) : null;
          let severity: Severity | null = null;
          if (danger || suspiciousPlace(program, intel)) severity = 'critical';
          else if (own === false) severity = 'high';
          else if (harmless.has(baseName(program))) severity = null;
          else if (fileOwned !== true) severity = 'medium';
          if (
            severity &&
            (!worst || (severity === 'critical' && worst.severity !== 'critical') || (severity === 'high' && worst.severity === 'medium'))
          )
            worst = { program, severity };
        }
        if (!worst && danger) worst = { program: d.command.split(/\s+/)[0] ?? '?', severity: 'critical' };
        if (!worst) continue;
        report({
          messageId: 'command',
          severity: worst.severity,
          data: { program: worst.program, module: d.module, file: file.path, line: d.n },
          path: file.path,
          time: file.mtime ?? undefined,
          evidence: [lineEvidence(file.path, d.n, d.text), ...(danger ? [phrase('cmd.matches', { what: danger.what })] : [])],
        });
      }
    }
  },
});
