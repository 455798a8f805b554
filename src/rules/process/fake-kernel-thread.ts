import { defineRule } from '../rule';
import { processEvidence } from '../shared/process-evidence';

const KTHREAD_NAME =
  /^(kthreadd|kworker\/|ksoftirqd\/|kswapd\d|migration\/|rcu_|watchdog\/|kblockd|khugepaged|kcompactd|kdevtmpfs|jbd2\/|irq\/|cpuhp\/|writeback|kauditd|khungtaskd|oom_reaper|ksmd|kintegrityd|netns|kthrotld|scsi_|ext4-)/;

export default defineRule({
  meta: {
    id: 'process/fake-kernel-thread',
    category: 'process',
    severity: 'critical',
    attack: ['T1036.004'],
    status: 'stable',
    description:
      'A user-space process dressed as a kernel thread: "[kthreadd]" or "kworker/0:1" as its name or command line, yet it has an executable and memory maps (real kernel threads have neither).',
    falsePositives: ['None known: the kernel marks its own threads with PF_KTHREAD.'],
    uses: ['processes'],
    messages: {
      fake: {
        en: {
          title: 'Fake kernel thread "{shown}" (pid {pid}) is a user program',
          detail:
            'It shows itself as a kernel thread but runs {exe} with ordinary memory maps. Miners (kdevtmpfsi, kworkerds) hide this way because admins ignore bracketed names in ps.',
          action:
            'Copy /proc/{pid}/exe and hash it, freeze it (kill -STOP {pid}), and trace its parent chain to the persistence that started it.',
        },
        'zh-CN': {
          title: '伪装内核线程“{shown}”（PID {pid}）实为用户程序',
          detail:
            '它显示为内核线程，却在运行 {exe} 并有正常的内存映射。挖矿木马（kdevtmpfsi、kworkerds）常这样伪装，因为管理员会忽略 ps 中带方括号的名称。',
          action: '复制 /proc/{pid}/exe 并计算哈希，冻结进程（kill -STOP {pid}），沿父进程链找到启动它的持久化位置。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const p of snapshot.facts.processes ?? []) {
      if (p.kernelThread) continue;
      const argv0 = p.cmdline[0] ?? '';
      const bracketed = /^\[.+\]$/.test(argv0.trim());
      const inner = bracketed ? argv0.trim().slice(1, -1) : '';
      const shown = bracketed ? argv0.trim() : KTHREAD_NAME.test(p.name) ? p.name : null;
      if (shown === null) continue;
      if (!bracketed && p.exe === null && p.maps.length === 0) continue;
      if (bracketed && !KTHREAD_NAME.test(inner) && p.exe === null) continue;
      report({
        messageId: 'fake',
        data: { shown, pid: p.pid, exe: p.exe ?? '?' },
        pid: p.pid,
        path: p.exe ?? undefined,
        evidence: processEvidence(p),
      });
    }
  },
});
