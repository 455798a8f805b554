import { matchCommand } from '../../analyze/command-patterns';
import type { HistoryLine } from '../../collect/logs/histories';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'logs/history-suspicious-commands',
    category: 'history',
    severity: 'high',
    attack: ['T1059.004', 'T1070.003'],
    status: 'stable',
    description: 'Shell histories holding what intruders type: download-and-execute, reverse shells, history wiping, chattr, disabling security tools, miner options. One finding per file and pattern.',
    falsePositives: ['Administrators installing software with "curl … | sh" or using chattr themselves; the example lines and their neighbours tell.'],
    references: ['https://attack.mitre.org/techniques/T1059/004/', 'https://attack.mitre.org/techniques/T1070/003/'],
    uses: ['histories'],
    messages: {
      command: {
        en: {
          title: '{user}\'s history {path}: {description} ({count}×)',
          detail: '{count} command(s) in {path} match "{pattern}" ({description}). Histories are often the only record of what an intruder ran after logging in; the first match is at line {line}.',
          action: 'Read the commands around line {line} (sed -n \'{from},{to}p\' {path}) to reconstruct the attack, preserve the file (cp -a {path} /root/evidence/), and follow every URL, file and address they mention.',
        },
        'zh-CN': {
          title: '{user} 的历史记录 {path}：{description}（{count} 条）',
          detail: '{path} 中有 {count} 条命令匹配“{pattern}”（{description}）。历史命令往往是入侵者登录后所作所为的唯一记录；第一条匹配在第 {line} 行。',
          action: '查看第 {line} 行前后的命令（sed -n \'{from},{to}p\' {path}）还原攻击过程，保全该文件（cp -a {path} /root/evidence/），并追查其中出现的每个 URL、文件和地址。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const miner = intel.miners.argumentPatterns.map((p) => ({ id: `miner-${p.id}`, description: p.description, re: new RegExp(p.pattern, 'i') }));
    for (const file of snapshot.facts.histories ?? []) {
      const hits = new Map<string, { description: string; severity: Severity; lines: HistoryLine[] }>();
      const add = (id: string, description: string, severity: Severity, l: HistoryLine) => {
        const h = hits.get(id) ?? { description, severity, lines: [] };
        h.lines.push(l);
        hits.set(id, h);
      };
      for (const l of file.lines) {
        for (const m of matchCommand(intel, l.text)) add(m.id, m.description, m.severity, l);
        const text = l.text.slice(0, 8192);
        for (const p of miner) if (p.re.test(text)) add(p.id, p.description, 'critical', l);
      }
      for (const [id, h] of hits) {
        const first = h.lines[0];
        report({
          messageId: 'command',
          severity: h.severity,
          data: { user: file.user, path: file.path, description: h.description, pattern: id, count: h.lines.length, line: first.n, from: Math.max(1, first.n - 10), to: first.n + 10 },
          user: file.user,
          path: file.path,
          time: first.time ?? file.mtime ?? undefined,
          evidence: h.lines.slice(0, 5).map((l) => `${file.path}:${l.n}${l.time ? ` [${l.time}]` : ''}: ${l.text.slice(0, 300)}`),
        });
      }
    }
  },
});
