import { defineRule } from '../rule';
import { processFileOwned } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from '../shared/process-evidence';

export default defineRule({
  meta: {
    id: 'process/deleted-executable',
    category: 'process',
    severity: 'high',
    attack: ['T1070.004'],
    status: 'stable',
    description:
      'A process whose executable file was deleted after it started, and the path is not a package file that an upgrade replaced.',
    falsePositives: ['Self-updating agents that replace their own binary outside a package manager; restart them to clear it.'],
    references: ['https://attack.mitre.org/techniques/T1070/004/'],
    uses: ['processes'],
    messages: {
      deleted: {
        en: {
          title: 'Process {name} (pid {pid}) runs from a deleted file',
          detail:
            'Its executable {exe} was removed after start. Droppers delete themselves so that nothing is left to find on disk, while the process keeps running.',
          action:
            'Copy the binary now, while it still exists in memory: cp /proc/{pid}/exe ./evidence-{pid}.bin, then hash it. Freeze with kill -STOP {pid}.',
        },
        'zh-CN': {
          title: '进程 {name}（PID {pid}）的可执行文件已被删除',
          detail: '其可执行文件 {exe} 在启动后被删除。木马常在运行后删除自身，让磁盘上无迹可寻。',
          action: '趁进程还在，立即复制样本：cp /proc/{pid}/exe ./evidence-{pid}.bin 并计算哈希；用 kill -STOP {pid} 冻结进程。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const p of userProcesses(snapshot.facts.processes)) {
      if (!p.exeDeleted || p.exeMemfd || p.exe === null) continue;
      // An upgraded package replaces its binary under the running daemon: the path is owned and present again.
      if (processFileOwned(snapshot, p, p.exe) === true) continue;
      report({
        messageId: 'deleted',
        data: { name: p.name, pid: p.pid, exe: p.exe },
        pid: p.pid,
        path: p.exe,
        evidence: processEvidence(p),
      });
    }
  },
});
