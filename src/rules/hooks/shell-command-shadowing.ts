import { baseName } from '../../model/path-name';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { expandHome, pathsIn } from './command-words';
import { lineEvidence, owned, suspiciousPlace } from './hook-paths';
import { aliasesIn, functionsIn } from './shell-syntax';

/** Output filters: the point of shadowing ps or netstat is to drop the attacker's lines. */
const FILTER = /\|\s*(?:e?grep|fgrep|rg)\s+(?:-\w*v|--invert-match)|\|\s*(?:sed|awk|gawk|perl)\b/;
/** ls options that hide names from the listing. */
const LS_HIDE = /(?:^|\s)(?:--hide(?:=|\s)|--ignore(?:=|\s)|-I\s*\S)/;
const STD_BIN = /^\/(?:usr\/)?s?bin\//;

type Verdict = { messageId: 'filter' | 'place' | 'replaced'; severity: Severity } | null;

function judge(snapshot: Snapshot, intel: Intel, name: string, value: string, home: string | undefined): Verdict {
  if (pathsIn(value).some((p) => suspiciousPlace(expandHome(p, home), intel))) return { messageId: 'place', severity: 'critical' };
  if (FILTER.test(value)) return { messageId: 'filter', severity: 'high' };
  const words = value
    .trim()
    .split(/\s+/)
    .filter((w) => !/^[A-Za-z_]\w*=/.test(w));
  while (words.length > 0 && ['command', 'builtin', 'sudo', 'nocorrect', 'noglob', 'exec'].includes(words[0]) && words[0] !== name)
    words.shift();
  const first = (words[0] ?? '').replace(/^\\/, '');
  if (name === 'ls' && LS_HIDE.test(value)) return { messageId: 'filter', severity: 'high' };
  const extraCommand = /[;&|`]|\$\(/.test(value);
  if (first === name && !extraCommand) return null;
  if (first.startsWith('/') && baseName(first) === name && !extraCommand && (STD_BIN.test(first) || owned(snapshot, first) === true))
    return null;
  const replacements = (intel.hooks.shadowReplacements as Record<string, string[] | undefined>)[name] ?? [];
  if (replacements.includes(baseName(first)) && !extraCommand) return null;
  return { messageId: 'replaced', severity: 'medium' };
}

export default defineRule({
  meta: {
    id: 'hooks/shell-command-shadowing',
    category: 'shell_profile',
    severity: 'high',
    attack: ['T1546.004', 'T1564'],
    status: 'stable',
    description:
      'An alias or shell function in a start-up file that replaces a command responders rely on (ps, ls, netstat, ss, top, lsof, kill, crontab, sudo, ssh, history…): filtering its output hides the attacker, and wrapping sudo or ssh steals passwords. Colour and option aliases (ls --color=auto) are ignored.',
    falsePositives: [
      'Personal wrappers that call the real command with extra behaviour (e.g. an ssh() function that sets the terminal title): reported as medium or low, not high.',
    ],
    references: ['https://attack.mitre.org/techniques/T1546/004/'],
    uses: ['shellStartup'],
    messages: {
      filter: {
        en: {
          title: '"{command}" is shadowed to filter its output in {file}',
          detail:
            'Line {line} redefines {command} so that part of its output is dropped. Attackers do this to hide their processes, connections or files from exactly the commands you would use to find them.',
          action:
            'Do not trust {command} in shells on this host. Check with "type {command}" and use the full path (\\{command} or /usr/bin/{command}). Remove the line (sed -i "{line}s/^/#/" {file}), start a fresh login shell, and look for what the filter was hiding.',
        },
        'zh-CN': {
          title: '{file} 中 “{command}” 被覆盖以过滤其输出',
          detail: '第 {line} 行重新定义了 {command}，使其部分输出被丢弃。攻击者借此对你排查时恰好会用到的命令隐藏其进程、连接或文件。',
          action:
            '不要信任本机 shell 中的 {command}。用 “type {command}” 确认，并使用完整路径（\\{command} 或 /usr/bin/{command}）。删除该行（sed -i "{line}s/^/#/" {file}），重新登录 shell，并查找被过滤隐藏的内容。',
        },
      },
      place: {
        en: {
          title: '"{command}" is shadowed by something in a temporary or hidden path ({file})',
          detail:
            'Line {line} makes {command} run or write to a file in a temporary or hidden directory. This is how attackers log passwords typed into sudo/ssh or swap a tool for a trojaned copy.',
          action:
            'Copy the referenced file for evidence, then remove the line (sed -i "{line}s/^/#/" {file}) and start a fresh login shell. If it wrapped sudo, su or ssh, assume passwords typed on this host are stolen and change them.',
        },
        'zh-CN': {
          title: '“{command}” 被临时或隐藏路径中的内容覆盖（{file}）',
          detail:
            '第 {line} 行让 {command} 运行或写入临时目录或隐藏目录中的文件。攻击者借此记录在 sudo/ssh 中输入的密码，或把工具换成木马版本。',
          action:
            '先复制被引用的文件留证，然后删除该行（sed -i "{line}s/^/#/" {file}）并重新登录 shell。如果它包装了 sudo、su 或 ssh，应视为本机输入过的密码已泄露，立即修改。',
        },
      },
      replaced: {
        en: {
          title: '"{command}" is replaced by a different command in {file}',
          detail:
            'Line {line} makes {command} run something else. It may be a personal habit, but responders rely on {command} behaving normally; an attacker can use the same trick to hide activity.',
          action:
            'Review the definition (sed -n "{line}p" {file}; type {command}). If nobody on the team set it, remove it (sed -i "{line}s/^/#/" {file}); meanwhile call the real binary by full path.',
        },
        'zh-CN': {
          title: '{file} 中 “{command}” 被替换为其他命令',
          detail:
            '第 {line} 行让 {command} 执行别的内容。这可能只是个人习惯，但应急排查依赖 {command} 的正常行为，攻击者也可用同样手法隐藏活动。',
          action:
            '查看定义（sed -n "{line}p" {file}；type {command}）。若团队中无人设置，删除它（sed -i "{line}s/^/#/" {file}）；在此之前用完整路径调用真实程序。',
        },
      },
      function: {
        en: {
          title: 'Shell function named "{command}" wraps the real command in {file}',
          detail:
            'Line {line} defines a function {command}() that runs instead of the program. It shows no sign of filtering output, but check it before trusting {command} here.',
          action:
            'Read it (sed -n "{line},+15p" {file}); if nobody on the team wrote it, remove the function and start a fresh login shell.',
        },
        'zh-CN': {
          title: '{file} 中名为 “{command}” 的 shell 函数包装了真实命令',
          detail: '第 {line} 行定义了函数 {command}()，执行时会代替原程序。未发现过滤输出的迹象，但在本机信任 {command} 之前请先检查。',
          action: '阅读其内容（sed -n "{line},+15p" {file}）；若团队中无人编写，删除该函数并重新登录 shell。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const watched = new Set(intel.hooks.shadowedCommands);
    for (const file of snapshot.facts.shellStartup?.files ?? []) {
      const base = { path: file.path, user: file.user, time: file.mtime ?? undefined };
      for (const line of file.lines) {
        for (const a of aliasesIn(line.text)) {
          if (!watched.has(a.name)) continue;
          const v = judge(snapshot, intel, a.name, a.value, file.home);
          if (v)
            report({
              ...base,
              ...v,
              data: { command: a.name, file: file.path, line: line.n },
              evidence: [lineEvidence(file.path, line.n, line.text)],
            });
        }
      }
      for (const fn of functionsIn(file.lines)) {
        if (!watched.has(fn.name)) continue;
        const bodyText = fn.body.map((l) => l.text).join('\n');
        const v = judge(snapshot, intel, fn.name, bodyText, file.home);
        const evidence = fn.body.slice(0, 8).map((l) => lineEvidence(file.path, l.n, l.text));
        const data = { command: fn.name, file: file.path, line: fn.start.n };
        if (v && v.messageId !== 'replaced') report({ ...base, ...v, data, evidence });
        else report({ ...base, messageId: 'function', severity: 'low', data, evidence });
      }
    }
  },
});
