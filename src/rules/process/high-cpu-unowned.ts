import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { hiddenPlace, inTmpDir, processFileOwned } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from './evidence';

const SOFTWARE_DIRS = /^\/(opt|usr\/local|srv|home|root)\//;

export default defineRule({
  meta: {
    id: 'process/high-cpu-unowned',
    category: 'process',
    severity: 'high',
    attack: ['T1496'],
    status: 'stable',
    description: 'Sustained high CPU over the sampling window by a binary that no package owns (or that was deleted or runs from memory).',
    falsePositives: ['Self-installed software under /opt or /usr/local doing real work: reported at medium, allow-list it.'],
    uses: ['processes', 'packages'],
    messages: {
      cpu: {
        en: {
          title: '{name} (pid {pid}) uses {cpu}% CPU and no package owns it',
          detail:
            'Over the sampling window it kept {cpu}% of a CPU busy running {exe}, a file the package manager did not install. This is the shape of a cryptominer.',
          action:
            'Check its command line and network connections below; if it is not yours, freeze it (kill -STOP {pid}) and keep a copy of /proc/{pid}/exe.',
        },
        'zh-CN': {
          title: '{name}（PID {pid}）占用 {cpu}% CPU，且不属于任何软件包',
          detail: '采样期间它持续占用 {cpu}% 的 CPU，运行的 {exe} 并非包管理器安装。这正是挖矿程序的特征。',
          action: '查看其命令行和网络连接；若非业务程序，冻结（kill -STOP {pid}）并保留 /proc/{pid}/exe 副本。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const p of userProcesses(snapshot.facts.processes)) {
      if (p.cpuPercent === undefined || p.cpuPercent < intel.thresholds.highCpuPercent || p.exe === null) continue;
      const owned = processFileOwned(snapshot, p, p.exe);
      // A busy daemon whose package was upgraded under it runs a deleted file that the package owns.
      const deletedByUpgrade = p.exeDeleted && owned === true;
      const suspicious =
        (p.exeDeleted && !deletedByUpgrade) || p.exeMemfd || inTmpDir(p.exe) || hiddenPlace(p.exe, intel.paths.knownHomeDotDirs) !== null;
      if (!suspicious && owned !== false) continue;
      report({
        messageId: 'cpu',
        severity: !suspicious && SOFTWARE_DIRS.test(p.exe) ? 'medium' : 'high',
        data: { name: p.name, pid: p.pid, cpu: p.cpuPercent, exe: p.exe },
        pid: p.pid,
        path: p.exe,
        evidence: [...processEvidence(p), phrase('proc.cpu', { percent: p.cpuPercent })],
      });
    }
  },
});
