import { type Localized, localized } from '../../i18n/phrases';
import { matchCommand } from '../../analyze/command-patterns';
import type { HistoryLine } from '../../collect/logs/histories';
import type { Intel } from '../../intel/intel';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';

export const DOWNLOAD_EXEC = new Set(['download-pipe-shell', 'download-pipe-interpreter', 'download-then-execute']);
/** Patterns that administrators also type every day (Kubernetes preparation, hardening). */
const ADMIN_TOO = new Set(['disable-security', 'chattr-protect']);
const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const URL = /\b(?:https?|ftp|tftp):\/\/([^\s/:'"?#|;&)]+)(?::\d+)?(\/[^\s'"|;&)]*)?/gi;
const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;
// curl -k / --insecure, wget --no-check-certificate: the certificate no longer vouches for the host.
const INSECURE = /(\bcurl\b[^|;&]*\s-[a-jl-z]*k[a-z]*\b|--insecure\b|--no-check-certificate\b)/i;

/**
 * How bad a download-and-run line typed in a shell is, from where it downloads: a vendor's documented
 * installer (get.docker.com, download.bt.cn) is how admins install software (low); another https
 * host is worth following (high); a bare address, plain http, an ignored certificate or no visible
 * URL is how droppers arrive (critical).
 */
export function downloadSeverity(intel: Intel, text: string): Severity {
  const urls = [...text.matchAll(URL)].map((m) => ({
    scheme: m[0].split(':')[0].toLowerCase(),
    host: m[1].toLowerCase(),
    path: m[2] ?? '/',
  }));
  if (urls.length === 0 || INSECURE.test(text)) return 'critical';
  if (urls.some((u) => IP_HOST.test(u.host))) return 'critical';
  const vendor = (u: { host: string; path: string }) =>
    intel.commands.installerHosts.some((entry) => {
      const e = entry.toLowerCase();
      const slash = e.indexOf('/');
      const host = slash < 0 ? e : e.slice(0, slash);
      if (u.host !== host && !u.host.endsWith(`.${host}`)) return false;
      return slash < 0 || u.path.startsWith(e.slice(slash));
    });
  if (urls.every(vendor)) return 'low';
  return urls.every((u) => u.scheme === 'https') ? 'high' : 'critical';
}

export default defineRule({
  meta: {
    id: 'logs/history-suspicious-commands',
    category: 'history',
    severity: 'high',
    attack: ['T1059.004', 'T1070.003'],
    status: 'stable',
    description:
      'Shell histories holding what intruders type: download-and-execute (critical from a bare address, plain http or with the certificate ignored; high from another https host; low from a vendor installer in intel commands.installerHosts), reverse shells, history wiping, miner options, stopping a security agent; chattr and turning off the firewall or SELinux only next to other intruder commands. One finding per file and pattern.',
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
        if (RANK[severity] > RANK[h.severity]) h.severity = severity;
        h.lines.push(l);
        hits.set(id, h);
      };
      const adminToo: { id: string; what: Localized; severity: Severity; l: HistoryLine }[] = [];
      for (const l of file.lines) {
        for (const m of matchCommand(intel, l.text)) {
          if (DOWNLOAD_EXEC.has(m.id)) add(m.id, m.what, downloadSeverity(intel, l.text.slice(0, 8192)), l);
          else if (ADMIN_TOO.has(m.id) && !(agents?.test(l.text.slice(0, 8192)) ?? false)) adminToo.push({ ...m, l });
          else add(m.id, m.what, m.severity, l);
        }
        const text = l.text.slice(0, 8192);
        for (const p of miner) if (p.re.test(text)) add(p.id, p.description, 'critical', l);
      }
      // setenforce 0, stopping firewalld and chattr +i on passwd are in every Kubernetes and hardening
      // guide: they count only in a history that also holds something an administrator does not type.
      if ([...hits.values()].some((h) => RANK[h.severity] >= RANK.high)) for (const a of adminToo) add(a.id, a.what, a.severity, a.l);
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
