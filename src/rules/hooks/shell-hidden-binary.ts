import { defineRule } from '../rule';
import { expandHome, splitCommands } from './command-words';
import { lineEvidence, suspiciousPlace } from './hook-paths';
import { dangerousPatterns } from '../shared/command-danger';
import { aliasesIn } from './shell-syntax';

function insideHome(path: string, home: string | undefined): boolean {
  return home !== undefined && home !== '/' && path.startsWith(`${home}/`);
}

export default defineRule({
  meta: {
    id: 'hooks/shell-hidden-binary',
    category: 'shell_profile',
    severity: 'high',
    attack: ['T1546.004', 'T1564.001'],
    status: 'stable',
    description:
      'A shell start-up file that starts a program from /tmp, /var/tmp or /dev/shm, from a hidden system directory (/usr/lib/.x), or launches a hidden file in the background from a home. Sourcing ~/.bash_aliases or tools under ~/.local, ~/.nvm, ~/.cargo is not reported.',
    falsePositives: ['A personal helper kept as a dot-file and started in the background at login; rare on servers.'],
    references: ['https://attack.mitre.org/techniques/T1546/004/'],
    uses: ['shellStartup'],
    messages: {
      tmp: {
        en: {
          title: 'Login runs a program from a temporary directory: {program} ({file})',
          detail:
            'Line {line} of {file} starts {program} at every login. Nothing legitimate runs from /tmp, /var/tmp or /dev/shm at login; droppers put miners and bots there because anyone can write them.',
          action:
            'Copy {program} for evidence (cp -a {program} /root/evidence/; sha256sum {program}), check whether it is running (pgrep -af {program}), freeze it (kill -STOP <pid>), then remove the line: sed -i "{line}s/^/#/" {file}.',
        },
        'zh-CN': {
          title: '登录时会运行临时目录中的程序：{program}（{file}）',
          detail:
            '{file} 第 {line} 行在每次登录时启动 {program}。正常程序不会在登录时从 /tmp、/var/tmp 或 /dev/shm 运行；投放器把挖矿和僵尸程序放在这些人人可写的目录里。',
          action:
            '复制 {program} 留证（cp -a {program} /root/evidence/；sha256sum {program}），检查是否在运行（pgrep -af {program}），冻结进程（kill -STOP <pid>），然后删除该行：sed -i "{line}s/^/#/" {file}。',
        },
      },
      hidden: {
        en: {
          title: 'Login starts a hidden program: {program} ({file})',
          detail:
            'Line {line} of {file} starts {program}, which lives in a hidden file or directory, at every login. Hiding the binary behind a dot-name is typical of implants that want to survive a quick "ls".',
          action:
            'Copy {program} for evidence (cp -a {program} /root/evidence/; sha256sum {program}), check whether it is running (pgrep -af {program}), freeze it (kill -STOP <pid>), then remove the line: sed -i "{line}s/^/#/" {file}.',
        },
        'zh-CN': {
          title: '登录时会启动隐藏程序：{program}（{file}）',
          detail:
            '{file} 第 {line} 行在每次登录时启动位于隐藏文件或隐藏目录中的 {program}。用点号开头的名字藏匿程序，是植入物躲避简单 “ls” 检查的典型做法。',
          action:
            '复制 {program} 留证（cp -a {program} /root/evidence/；sha256sum {program}），检查是否在运行（pgrep -af {program}），冻结进程（kill -STOP <pid>），然后删除该行：sed -i "{line}s/^/#/" {file}。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const file of snapshot.facts.shellStartup?.files ?? []) {
      for (const line of file.lines) {
        // Aliases belong to hooks/shell-command-shadowing, downloads to hooks/shell-download-exec.
        if (aliasesIn(line.text).length > 0) continue;
        if (dangerousPatterns(intel, line.text).some((m) => m.id !== 'history-wipe')) continue;
        for (const seg of splitCommands(line.text)) {
          if (!seg.program) continue;
          const program = expandHome(seg.program, file.home);
          if (!program.startsWith('/')) continue;
          const place = suspiciousPlace(program, intel);
          if (place === null) continue;
          if (place === 'hidden' && insideHome(program, file.home ?? '/root') && !seg.background) continue;
          if (place === 'hidden' && !insideHome(program, file.home ?? '/root') && /^\/(?:root|home)\//.test(program) && !seg.background)
            continue;
          report({
            messageId: place === 'tmp' ? 'tmp' : 'hidden',
            data: { program, file: file.path, line: line.n },
            path: file.path,
            user: file.user,
            time: file.mtime ?? undefined,
            evidence: [lineEvidence(file.path, line.n, line.text)],
          });
          break;
        }
      }
    }
  },
});
