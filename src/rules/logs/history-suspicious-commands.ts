import { type Localized, localized } from '../../i18n/phrases';
import { matchCommand } from '../../analyze/command-patterns';
import type { HistoryLine } from '../../collect/logs/histories';
import { type Severity, severityRank } from '../../model/finding';
import { defineRule } from '../rule';
import { DOWNLOAD_EXEC, downloadSeverity } from '../shared/command-danger';

export default defineRule({
  meta: {
    id: 'logs/history-suspicious-commands',
    category: 'history',
    severity: 'high',
    attack: ['T1059.004', 'T1070.003'],
    status: 'stable',
    description:
      'Shell histories holding what intruders type: download-and-execute (critical from a bare address, plain http or with the certificate ignored; high from another https host; low from a vendor installer in intel commands.installerHosts), reverse shells, history wiping, writing or deleting /etc/ld.so.preload, chattr on cron, unit, key or program files, deleting or emptying login and system logs, miner options, stopping a security agent; patterns marked adminToo in intel (chattr on other files, flushing or stopping the firewall, turning off SELinux) only next to other intruder commands. One finding per file and pattern, quoting the lines.',
    falsePositives: [
      'Administrators installing software with "curl … | sh" from a host not in installerHosts; the example lines and their neighbours tell.',
    ],
    references: ['https://attack.mitre.org/techniques/T1059/004/', 'https://attack.mitre.org/techniques/T1070/003/'],
    uses: ['histories'],
    messages: {
      command: {
        en: {
          title: "{user}'s history {path}: {description} ({count}×)",
          detail:
            '{count} command(s) in {path} match "{pattern}" ({description}). Histories are often the only record of what an intruder ran after logging in; the first match is at line {line}.',
          action:
            "Read the commands around line {line} (sed -n '{from},{to}p' {path}) to reconstruct the attack, preserve the file (cp -a {path} /root/evidence/), and follow every URL, file and address they mention.",
        },
        'zh-CN': {
          title: '{user} 的历史记录 {path}：{description}（{count} 条）',
          detail:
            '{path} 中有 {count} 条命令匹配“{pattern}”（{description}）。历史命令往往是入侵者登录后所作所为的唯一记录；第一条匹配在第 {line} 行。',
          action:
            "查看第 {line} 行前后的命令（sed -n '{from},{to}p' {path}）还原攻击过程，保全该文件（cp -a {path} /root/evidence/），并追查其中出现的每个 URL、文件和地址。",
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const miner = intel.miners.argumentPatterns.map((p) => ({
      id: `miner-${p.id}`,
      description: localized(p.description, p.zh),
      re: new RegExp(p.pattern, 'i'),
    }));
    const agents = intel.commands.securityAgents.length
      ? new RegExp(
          `(^|[^\\w-])(${intel.commands.securityAgents.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})([^\\w-]|$)`,
          'i',
        )
      : null;
    for (const file of snapshot.facts.histories ?? []) {
      const hits = new Map<string, { description: Localized; severity: Severity; lines: HistoryLine[] }>();
      const add = (id: string, description: Localized, severity: Severity, l: HistoryLine) => {
        const h = hits.get(id) ?? { description, severity, lines: [] };
        if (severityRank(severity) > severityRank(h.severity)) h.severity = severity;
        h.lines.push(l);
        hits.set(id, h);
      };
      const adminToo: { id: string; what: Localized; severity: Severity; l: HistoryLine }[] = [];
      for (const l of file.lines) {
        for (const m of matchCommand(intel, l.text)) {
          if (DOWNLOAD_EXEC.has(m.id)) add(m.id, m.what, downloadSeverity(intel, l.text.slice(0, 8192)), l);
          else if (m.adminToo && !(agents?.test(l.text.slice(0, 8192)) ?? false)) adminToo.push({ ...m, l });
          else add(m.id, m.what, m.severity, l);
        }
        const text = l.text.slice(0, 8192);
        for (const p of miner) if (p.re.test(text)) add(p.id, p.description, 'critical', l);
      }
      // setenforce 0, stopping firewalld and chattr +i on passwd are in every Kubernetes and hardening
      // guide: they count only in a history that also holds something an administrator does not type.
      if ([...hits.values()].some((h) => severityRank(h.severity) >= severityRank('high')))
        for (const a of adminToo) add(a.id, a.what, a.severity, a.l);
      for (const [id, h] of hits) {
        const first = h.lines[0];
        report({
          messageId: 'command',
          severity: h.severity,
          data: {
            user: file.user,
            path: file.path,
            description: h.description,
            pattern: id,
            count: h.lines.length,
            line: first.n,
            from: Math.max(1, first.n - 10),
            to: first.n + 10,
          },
          user: file.user,
          path: file.path,
          time: first.time ?? file.mtime ?? undefined,
          evidence: h.lines.slice(0, 5).map((l) => `${file.path}:${l.n}${l.time ? ` [${l.time}]` : ''}: ${l.text.slice(0, 300)}`),
        });
      }
    }
  },
});
