import { defineRule } from '../rule';
import { clip, fileEvidence, judgeCommand, packageState, raise, recentFile, targetMessageId } from './judge';

export default defineRule({
  meta: {
    id: 'persistence/cron-suspicious-target',
    category: 'cron',
    severity: 'high',
    attack: ['T1053.003'],
    status: 'stable',
    description:
      'A cron job (crontab line, cron.d entry, anacron job or cron script line) that runs a program from a temporary or hidden directory, a known miner/bot name, a random-named or unpackaged file in a system directory, or a file that no longer exists. Untouched package files are skipped; an unpackaged admin script is reported here only from an edited package file or an @reboot job (cron-unowned-file lists the rest).',
    falsePositives: ['Admin scripts kept in unusual places or deleted without removing their job; stale jobs are still worth cleaning up.'],
    references: ['https://attack.mitre.org/techniques/T1053/003/'],
    uses: ['cronJobs', 'packages'],
    messages: {
      'known-bad-name': {
        en: {
          title: 'Cron job runs a known miner/DDoS-bot file: {target}',
          detail:
            '{path}:{line} runs {target} as {user} ({schedule}); that file name belongs to cryptominers or DDoS trojans seen in real intrusions. {why}.',
          action:
            'Copy the job file and the program for evidence (cp -a {path} {target} /root/ir/), freeze any running copy (pgrep -f {target}; kill -STOP <pid>), then delete the job line and the file (chattr -ia first if rm fails).',
        },
        'zh-CN': {
          title: '计划任务运行已知挖矿/DDoS 木马文件：{target}',
          detail: '{path}:{line} 以 {user} 身份运行 {target}（周期 {schedule}），该文件名属于真实入侵中出现过的挖矿或 DDoS 木马。{why}。',
          action:
            '先留存任务文件和程序（cp -a {path} {target} /root/ir/），冻结正在运行的副本（pgrep -f {target}; kill -STOP <pid>），再删除任务行和文件（rm 失败时先 chattr -ia）。',
        },
      },
      'temp-or-hidden': {
        en: {
          title: 'Cron job runs a program from a temporary or hidden directory: {target}',
          detail:
            '{path}:{line} runs {target} as {user} ({schedule}). {why}. Legitimate jobs run installed programs; droppers park their payload in /tmp, /var/tmp, /dev/shm or a dot-directory and let cron restart it.',
          action:
            'Copy {path} and {target} to /root/ir/ (keep timestamps: cp -a), check whether it is running (pgrep -af {target}), remove the job line, then quarantine the program (chattr -ia; mv to /root/ir/).',
        },
        'zh-CN': {
          title: '计划任务从临时或隐藏目录运行程序：{target}',
          detail:
            '{path}:{line} 以 {user} 身份运行 {target}（周期 {schedule}）。{why}。正常任务只运行已安装的程序；木马常把载荷放在 /tmp、/var/tmp、/dev/shm 或点开头的隐藏目录，再由 cron 反复拉起。',
          action:
            '将 {path} 和 {target} 复制到 /root/ir/（cp -a 保留时间戳），确认是否在运行（pgrep -af {target}），删除该任务行，再隔离该程序（chattr -ia 后 mv 到 /root/ir/）。',
        },
      },
      'missing-target': {
        en: {
          title: 'Cron job runs a file that does not exist: {target}',
          detail:
            '{path}:{line} runs {target} as {user} ({schedule}), but the file is gone. Malware often deletes its binary after starting while the job stays to reinstall it; it can also be a leftover admin job.',
          action:
            'Check whether a process still runs it (ls -l /proc/*/exe 2>/dev/null | grep deleted; pgrep -af {target}); keep a copy of {path} and remove the line if nobody owns it.',
        },
        'zh-CN': {
          title: '计划任务运行的文件不存在：{target}',
          detail:
            '{path}:{line} 以 {user} 身份运行 {target}（周期 {schedule}），但文件已不存在。木马常在启动后删除自身文件，只留下计划任务用于重装；也可能是遗留的管理任务。',
          action:
            '确认是否仍有进程在运行它（ls -l /proc/*/exe 2>/dev/null | grep deleted；pgrep -af {target}）；留存 {path} 的副本，若无人认领则删除该行。',
        },
      },
      'unowned-target': {
        en: {
          title: 'Cron job runs an unpackaged program: {target}',
          detail:
            '{path}:{line} runs {target} as {user} ({schedule}). {why}. Admin scripts look like this too; severity rises when the file sits among system binaries, has a random name or changed recently.',
          action:
            'Confirm with the owner of this server that {target} is theirs (cat it; sha256sum {target}; compare with backups). If not, copy {path} and {target} to /root/ir/, remove the job line and quarantine the program.',
        },
        'zh-CN': {
          title: '计划任务运行非软件包程序：{target}',
          detail:
            '{path}:{line} 以 {user} 身份运行 {target}（周期 {schedule}）。{why}。管理员自写脚本也是这样；若文件位于系统程序目录、名称随机或近期被修改，严重级别会提高。',
          action:
            '向服务器负责人确认 {target} 是否为其所有（查看内容；sha256sum {target}；与备份比对）。若不是，将 {path} 和 {target} 复制到 /root/ir/，删除该任务行并隔离该程序。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    for (const table of snapshot.facts.cronJobs ?? []) {
      const state = packageState(snapshot, table.file);
      if (state === 'owned') continue; // the package's own job, byte for byte
      const fileRecent = recentFile(table.file, since);
      const reported = new Set<string>();
      for (const e of table.entries) {
        const j = judgeCommand({ snapshot, intel, since }, e, fileRecent);
        if (!j || reported.has(j.worst.path)) continue;
        const reboot = e.schedule.toLowerCase() === '@reboot';
        // An unpackaged admin script in an unpackaged crontab is already listed by cron-unowned-file.
        if (j.worst.issue === 'unowned-target' && state === 'unowned' && !reboot) continue;
        reported.add(j.worst.path);
        // A job that starts an unpackaged program at every boot is how droppers survive a reboot.
        const severity = reboot && j.worst.issue.startsWith('unowned') ? raise(j.worst.severity) : j.worst.severity;
        report({
          messageId: targetMessageId(j.worst.issue),
          severity,
          data: { target: j.worst.path, path: table.file.path, line: e.line, user: e.user, schedule: e.schedule, why: j.worst.why },
          path: table.file.path,
          user: e.user,
          time: table.file.mtime ?? undefined,
          evidence: [`${table.file.path}:${e.line}: ${clip(e.text)}`, ...j.all.map((v) => v.why), fileEvidence(table.file, state)],
        });
      }
    }
  },
});
