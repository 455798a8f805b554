import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { expandHome, splitCommands } from './command-words';
import { lineEvidence, owned, suspiciousPlace } from './hook-paths';
import { dangerousPatterns } from './shell-download-exec';

export default defineRule({
  meta: {
    id: 'hooks/motd-script',
    category: 'motd',
    severity: 'high',
    attack: ['T1037', 'T1546'],
    status: 'stable',
    description:
      'Scripts in /etc/update-motd.d run as root each time someone logs in over SSH or the console. Reported: downloads or reverse shells in them, programs started from temporary or hidden paths, and executable scripts no package installed. Debian and Ubuntu stock scripts (10-uname, 50-landscape-sysinfo…) are packaged and not reported.',
    falsePositives: [
      'Hand-written banners (system summary, neofetch) dropped in by admins: reported as medium because no package owns them.',
    ],
    references: ['https://attack.mitre.org/techniques/T1037/', 'https://manpages.debian.org/update-motd'],
    uses: ['motdScripts'],
    messages: {
      malicious: {
        en: {
          title: 'Login banner script runs {what} as root at every login ({file})',
          detail:
            '{file} line {line} is run by pam_motd as root whenever anyone logs in. A download, reverse shell or program from a temporary or hidden path there re-infects the host at each admin login.',
          action:
            'Copy {file} for evidence, make it inert (chmod -x {file}) or delete it, and check what it fetched or started (ps, network connections, files it wrote). Look for the same URL or path in cron, systemd and shell start-up files.',
        },
        'zh-CN': {
          title: '登录横幅脚本在每次登录时以 root 运行 {what}（{file}）',
          detail:
            '{file} 第 {line} 行会在任何人登录时由 pam_motd 以 root 身份执行。其中的下载、反弹 shell 或临时/隐藏路径程序会在每次管理员登录时重新感染主机。',
          action:
            '复制 {file} 留证，使其失效（chmod -x {file}）或删除，并检查它下载或启动了什么（进程、网络连接、写出的文件）。在 cron、systemd 和 shell 启动文件中查找相同的 URL 或路径。',
        },
      },
      unowned: {
        en: {
          title: 'Unpackaged login script runs as root at every login: {file}',
          detail:
            'No package installed {file}, and pam_motd runs it as root at each SSH or console login. Custom banners are sometimes added by admins; attackers use the same place for login-triggered persistence.',
          action: 'Read it (cat {file}). If nobody on the team added it, copy it for evidence and make it inert: chmod -x {file}.',
        },
        'zh-CN': {
          title: '不属于软件包的登录脚本会在每次登录时以 root 运行：{file}',
          detail:
            '{file} 不是软件包安装的，pam_motd 会在每次 SSH 或控制台登录时以 root 身份运行它。管理员有时会添加自定义横幅；攻击者也利用同一位置实现登录触发的持久化。',
          action: '查看内容（cat {file}）。若团队中无人添加，复制留证并使其失效：chmod -x {file}。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const s of snapshot.facts.motdScripts?.scripts ?? []) {
      if (!s.executable) continue;
      const base = { path: s.path, time: s.mtime ?? undefined };
      let hit = false;
      for (const line of s.lines) {
        const danger = dangerousPatterns(intel, line.text).find((m) => m.id !== 'history-wipe');
        const placed = splitCommands(line.text)
          .map((seg) => (seg.program ? expandHome(seg.program, '/root') : null))
          .find((p): p is string => p !== null && p.startsWith('/') && suspiciousPlace(p, intel) !== null);
        if (!danger && !placed) continue;
        hit = true;
        report({
          ...base,
          messageId: 'malicious',
          severity: 'critical',
          data: { what: danger ? danger.id : placed, file: s.path, line: line.n },
          evidence: [lineEvidence(s.path, line.n, line.text), ...(danger ? [phrase('cmd.matches', { what: danger.what })] : [])],
        });
      }
      if (!hit && owned(snapshot, s.path) === false) {
        report({
          ...base,
          messageId: 'unowned',
          severity: 'medium',
          data: { file: s.path },
          evidence: s.lines.slice(0, 6).map((l) => lineEvidence(s.path, l.n, l.text)),
        });
      }
    }
  },
});
