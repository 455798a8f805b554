import { defineRule } from '../rule';
import { processEvidence, userProcesses } from '../shared/process-evidence';

// runc re-executes itself from a sealed memfd to protect against CVE-2019-5736.
const BENIGN_MEMFD = /^\/memfd:(runc_cloned:|docker-runc|crun)/;

export default defineRule({
  meta: {
    id: 'process/memfd-executable',
    category: 'process',
    severity: 'critical',
    attack: ['T1620'],
    status: 'stable',
    description: 'A process executing from an anonymous memory file (memfd): a fileless payload that never touched the disk.',
    falsePositives: ['Container runtimes that re-exec from a sealed memfd (runc, crun) are excluded.'],
    references: ['https://attack.mitre.org/techniques/T1620/'],
    uses: ['processes'],
    messages: {
      memfd: {
        en: {
          title: 'Fileless process {name} (pid {pid}) runs from memory',
          detail:
            'Its executable is {exe}: code loaded into an anonymous memory file and executed, leaving no file on disk. Legitimate software almost never does this.',
          action:
            'Dump it before anything else: cp /proc/{pid}/exe ./evidence-{pid}.bin; freeze with kill -STOP {pid}; find its parent in the process chain.',
        },
        'zh-CN': {
          title: '无文件进程 {name}（PID {pid}）从内存运行',
          detail: '其可执行文件为 {exe}：代码被载入匿名内存文件后执行，磁盘上不留文件。正常软件几乎不会这样做。',
          action: '首先导出样本：cp /proc/{pid}/exe ./evidence-{pid}.bin；用 kill -STOP {pid} 冻结；沿进程链查找其父进程。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const p of userProcesses(snapshot.facts.processes)) {
      if (!p.exeMemfd || p.exe === null || BENIGN_MEMFD.test(p.exe)) continue;
      report({ messageId: 'memfd', data: { name: p.name, pid: p.pid, exe: p.exe }, pid: p.pid, evidence: processEvidence(p) });
    }
  },
});
