import { phrase } from '../../i18n/phrases';
import { userName } from '../../analyze/facts-index';
import { defineRule } from '../rule';
import { clip, fileEvidence, judgeCommand, packageState, recentFile, worstCommandMatch } from './judge';

export default defineRule({
  meta: {
    id: 'persistence/at-job',
    category: 'at',
    severity: 'low',
    attack: ['T1053.002'],
    status: 'stable',
    description:
      'Pending at jobs: critical when a command downloads and runs code or opens a shell, high/medium when it runs temporary, hidden, known-bad, unpackaged system or missing programs, otherwise an inventory entry (info, low when queued recently). at is rarely used on servers, so every queued job deserves a look.',
    falsePositives: ['Admins scheduling a one-off reboot or maintenance command with at.'],
    references: ['https://attack.mitre.org/techniques/T1053/002/'],
    uses: ['atJobs', 'packages'],
    messages: {
      'dangerous-command': {
        en: {
          title: 'Queued at job {what}: {path}:{line}',
          detail:
            'When it fires, the job runs "{command}" as {user}. Attackers use at for one-shot re-infection because atq is rarely checked.',
          action:
            'Copy the job (cp -a {path} /root/ir/; at -c {job} > /root/ir/at-{job}.txt), delete it (atrm {job}), block the download host and check cron and systemd for the same command.',
        },
        'zh-CN': {
          title: '排队中的 at 任务{what}：{path}:{line}',
          detail: '任务触发时将以 {user} 身份执行“{command}”。攻击者利用 at 进行一次性的重新感染，因为很少有人检查 atq。',
          action:
            '先留存（cp -a {path} /root/ir/；at -c {job} > /root/ir/at-{job}.txt），删除任务（atrm {job}），封禁下载地址，并在 cron 和 systemd 中查找相同命令。',
        },
      },
      'suspicious-target': {
        en: {
          title: 'Queued at job runs {target}',
          detail: '{path}:{line} will run {target} as {user}: {why}.',
          action:
            'Copy the job and the program to /root/ir/ (cp -a {path} {target} /root/ir/), delete the job (atrm {job}) and quarantine the program if nobody owns it.',
        },
        'zh-CN': {
          title: '排队中的 at 任务将运行 {target}',
          detail: '{path}:{line} 将以 {user} 身份运行 {target}：{why}。',
          action: '将任务和程序复制到 /root/ir/（cp -a {path} {target} /root/ir/），删除任务（atrm {job}），若无人认领则隔离该程序。',
        },
      },
      'pending-job': {
        en: {
          title: 'Queued at job of {user}: {path}',
          detail: 'It will run "{first}" (commands in the job: {count}). at jobs are uncommon on servers; confirm who queued it.',
          action: 'List and read it (atq; at -c {job}); if unknown, keep a copy (cp -a {path} /root/ir/) and delete it (atrm {job}).',
        },
        'zh-CN': {
          title: '{user} 的排队 at 任务：{path}',
          detail: '它将运行“{first}”（共 {count} 行命令）。服务器上很少使用 at 任务，请确认由谁创建。',
          action: '查看任务（atq；at -c {job}）；若来历不明，先留存（cp -a {path} /root/ir/）再删除（atrm {job}）。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    for (const job of snapshot.facts.atJobs ?? []) {
      const user = job.user ?? userName(snapshot, job.uid);
      const name = job.file.path.slice(job.file.path.lastIndexOf('/') + 1);
      // Debian names jobs a<5 hex job number><8 hex minutes>; atrm wants the decimal number.
      const m = /^[a-zA-Z=]([0-9a-f]{5})/.exec(name);
      const jobId = m ? String(Number.parseInt(m[1], 16)) : name;
      const base = { path: job.file.path, user, time: job.file.mtime ?? undefined };
      const owner = fileEvidence(job.file, packageState(snapshot, job.file));
      let flagged = false;
      for (const c of job.commands) {
        const d = worstCommandMatch(intel, c.text);
        if (d) {
          flagged = true;
          report({
            messageId: 'dangerous-command',
            severity: d.severity,
            data: { what: d.description, path: job.file.path, line: c.line, command: clip(c.text, 200), user, job: jobId },
            ...base,
            evidence: [`${job.file.path}:${c.line}: ${clip(c.text)}`, phrase('ev.matchedList', { what: d.id }), owner],
          });
          continue;
        }
        const j = judgeCommand({ snapshot, intel, since }, c, recentFile(job.file, since));
        if (!j || j.worst.issue === 'unowned-target') continue;
        flagged = true;
        report({
          messageId: 'suspicious-target',
          severity: j.worst.severity,
          data: { target: j.worst.path, path: job.file.path, line: c.line, user, why: j.worst.why, job: jobId },
          ...base,
          evidence: [`${job.file.path}:${c.line}: ${clip(c.text)}`, ...j.all.map((v) => v.why), owner],
        });
      }
      if (!flagged && job.commands.length > 0) {
        report({
          messageId: 'pending-job',
          severity: recentFile(job.file, since) ? 'low' : 'info',
          data: { user, path: job.file.path, first: clip(job.commands[0].text, 160), count: job.commands.length, job: jobId },
          ...base,
          evidence: [owner, ...job.commands.slice(0, 5).map((c) => `${job.file.path}:${c.line}: ${clip(c.text)}`)],
        });
      }
    }
  },
});
