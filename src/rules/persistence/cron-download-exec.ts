import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { clip, fileEvidence, packageState, worstCommandMatch } from './judge';

export default defineRule({
  meta: {
    id: 'persistence/cron-download-exec',
    category: 'cron',
    severity: 'critical',
    attack: ['T1053.003', 'T1105'],
    status: 'stable',
    description:
      'A cron entry or cron script line that downloads and runs code, opens a reverse shell, wipes history or kills rival miners (patterns in intel/commands.json), even inside a package-owned file.',
    falsePositives: [
      'Installers scheduled on purpose ("curl https://get.example.com | sh" in a maintenance job); replace them with a pinned, verified download.',
    ],
    references: ['https://attack.mitre.org/techniques/T1053/003/'],
    uses: ['cronJobs'],
    messages: {
      'dangerous-command': {
        en: {
          title: 'Cron job {what}: {path}:{line}',
          detail:
            'Every time it fires, "{command}" runs as {user} ({schedule}). Miner and botnet droppers re-infect hosts this way: the job fetches the payload again after every cleanup.',
          action:
            'Keep a copy first (cp -a {path} /root/ir/), then delete line {line} (for a user crontab: crontab -u {user} -l > /root/ir/crontab.{user}; crontab -u {user} -e). Block the download host, look for the payload it ran (ps, /tmp, /var/tmp, /dev/shm), and check that cron did not reinstall it a minute later.',
        },
        'zh-CN': {
          title: '计划任务{what}：{path}:{line}',
          detail:
            '该任务每次触发都会以 {user} 身份执行“{command}”（周期 {schedule}）。挖矿和僵尸网络木马常用这种方式反复感染：每次清理后任务会重新下载载荷。',
          action:
            '先留存证据（cp -a {path} /root/ir/），再删除第 {line} 行（用户 crontab：crontab -u {user} -l > /root/ir/crontab.{user}; crontab -u {user} -e）。封禁下载地址，查找它运行的载荷（ps、/tmp、/var/tmp、/dev/shm），并确认一分钟后没有被 cron 重新写回。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const table of snapshot.facts.cronJobs ?? []) {
      for (const e of table.entries) {
        const m = worstCommandMatch(intel, e.command);
        if (!m) continue;
        report({
          messageId: 'dangerous-command',
          severity: m.severity,
          data: {
            what: m.description,
            path: table.file.path,
            line: e.line,
            command: clip(e.command, 200),
            user: e.user,
            schedule: e.schedule,
          },
          path: table.file.path,
          user: e.user,
          time: table.file.mtime ?? undefined,
          evidence: [
            `${table.file.path}:${e.line}: ${clip(e.text)}`,
            phrase('cmd.matched', { id: m.id, what: m.what }),
            fileEvidence(table.file, packageState(snapshot, table.file)),
          ],
        });
      }
    }
  },
});
