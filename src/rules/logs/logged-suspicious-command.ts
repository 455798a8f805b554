import { localized, type PhraseValue, phrase } from '../../i18n/phrases';
import { matchCommand } from '../../analyze/command-patterns';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { DOWNLOAD_EXEC, downloadSeverity } from './history-suspicious-commands';

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The worst command pattern in a logged command line, with the severity the history rule would give it. */
function worst(intel: Parameters<typeof matchCommand>[0], command: string): { severity: Severity; description: PhraseValue } | null {
  let best: { severity: Severity; description: PhraseValue } | null = null;
  for (const m of matchCommand(intel, command)) {
    const severity = DOWNLOAD_EXEC.has(m.id) ? downloadSeverity(intel, command.slice(0, 8192)) : m.severity;
    if (!best || RANK[severity] > RANK[best.severity]) best = { severity, description: m.what };
  }
  for (const p of intel.miners.argumentPatterns)
    if (new RegExp(p.pattern, 'i').test(command.slice(0, 8192)))
      return { severity: 'critical', description: localized(p.description, p.zh) };
  return best;
}

export default defineRule({
  meta: {
    id: 'logs/logged-suspicious-command',
    category: 'history',
    severity: 'high',
    attack: ['T1059.004', 'T1053.003', 'T1548.003'],
    status: 'stable',
    description:
      'A command run through sudo, or started by cron, that the logs (auth.log, secure or the systemd journal) recorded and that matches a download-and-run, miner or defence-evasion pattern. The logs keep the command after the attacker has cleared the shell history or removed the crontab line.',
    falsePositives: [
      'Vendor installers run with sudo (curl https://get.docker.com | sudo sh): rated low when the host is a known installer site.',
      'Hardening or Kubernetes preparation run through sudo (setenforce 0, stopping firewalld).',
    ],
    references: ['https://attack.mitre.org/techniques/T1059/004/', 'https://attack.mitre.org/techniques/T1053/003/'],
    uses: ['authLog'],
    messages: {
      sudo: {
        en: {
          title: '{actor} ran as {runAs} through sudo: {description} ({count}×)',
          detail:
            'The log {path} recorded at {time} that {actor} (terminal {tty}, in {pwd}) ran as {runAs}: {command}. {actor} either is the attacker or had its account used by one.',
          action:
            'Follow every URL, file and address in the command; treat {actor} as compromised (passwd -l {actor}; check ~{actor}/.ssh/authorized_keys), review its other sudo commands (journalctl _COMM=sudo, grep -a "sudo:.*{actor}" /var/log/auth.log* /var/log/secure*) and preserve the logs.',
        },
        'zh-CN': {
          title: '{actor} 通过 sudo 以 {runAs} 身份执行：{description}（{count} 次）',
          detail:
            '日志 {path} 记录了 {time}，{actor}（终端 {tty}，目录 {pwd}）以 {runAs} 身份执行：{command}。{actor} 要么就是攻击者，要么其账户已被攻击者使用。',
          action:
            '追查命令中的每个 URL、文件和地址；将 {actor} 视为已失陷（passwd -l {actor}；检查 ~{actor}/.ssh/authorized_keys），查看其执行过的其他 sudo 命令（journalctl _COMM=sudo，grep -a "sudo:.*{actor}" /var/log/auth.log* /var/log/secure*），并保全日志。',
        },
      },
      cron: {
        en: {
          title: 'cron ran as {user}: {description} ({count}×, last {time})',
          detail:
            'The log {path} shows cron starting this command as {user} {count} time(s) between {first} and {time}: {command}. A scheduled download-and-run is how miners and bots come back after being killed; the log keeps it even when the crontab line is gone.',
          action:
            'Find where it is scheduled (crontab -l -u {user}; ls -la /etc/cron.d /var/spool/cron/crontabs /var/spool/cron), preserve and remove that line, follow every URL and file in the command, and kill what it started.',
        },
        'zh-CN': {
          title: 'cron 以 {user} 身份执行：{description}（{count} 次，最后一次 {time}）',
          detail:
            '日志 {path} 显示 cron 在 {first} 至 {time} 之间以 {user} 身份启动该命令 {count} 次：{command}。定时下载并执行是挖矿程序和僵尸程序被杀后卷土重来的方式；即使 crontab 中的那一行已被删除，日志仍保留着记录。',
          action:
            '找出它的定时配置位置（crontab -l -u {user}；ls -la /etc/cron.d /var/spool/cron/crontabs /var/spool/cron），保全后删除该行，追查命令中的每个 URL 和文件，并结束它启动的进程。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const activity = snapshot.facts.authLog?.activity;
    if (!activity) return;
    for (const s of activity.sudo) {
      // A refused sudo ran nothing.
      if (s.failed !== null) continue;
      const hit = worst(intel, s.command);
      if (!hit) continue;
      report({
        messageId: 'sudo',
        severity: hit.severity,
        data: {
          actor: s.actor,
          runAs: s.runAs,
          tty: s.tty,
          pwd: s.pwd,
          command: s.command.slice(0, 300),
          description: hit.description,
          count: s.count,
          path: s.path,
          time: s.firstTime ?? '?',
        },
        user: s.actor,
        path: s.path,
        time: s.firstTime ?? undefined,
        evidence: [
          `${s.path}: ${s.line}`,
          ...(s.count > 1 ? [`${s.count} times between ${s.firstTime ?? '?'} and ${s.lastTime ?? '?'}`] : []),
        ],
      });
    }
    for (const c of activity.cron) {
      const hit = worst(intel, c.command);
      if (!hit) continue;
      report({
        messageId: 'cron',
        severity: hit.severity,
        data: {
          user: c.user,
          command: c.command.slice(0, 300),
          description: hit.description,
          count: c.count,
          path: c.path,
          first: c.firstTime ?? '?',
          time: c.lastTime ?? '?',
        },
        user: c.user,
        path: c.path,
        time: c.lastTime ?? undefined,
        evidence: [`${c.path}: ${c.line}`, phrase('cronlog.runs', { count: c.count, first: c.firstTime ?? '?', last: c.lastTime ?? '?' })],
      });
    }
  },
});
