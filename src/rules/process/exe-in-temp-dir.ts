import { defineRule } from '../rule';
import { inTmpDir } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from '../shared/process-evidence';

export default defineRule({
  meta: {
    id: 'process/exe-in-temp-dir',
    category: 'process',
    severity: 'high',
    attack: ['T1059', 'T1036.005'],
    status: 'stable',
    description: 'A process whose executable lives in a world-writable temporary directory (/tmp, /var/tmp, /dev/shm).',
    falsePositives: ['Installers and build tools that unpack and run helpers in /tmp for a moment; allow-list the path if it is yours.'],
    uses: ['processes'],
    messages: {
      tmp: {
        en: {
          title: 'Process {name} (pid {pid}) runs from {dir}',
          detail:
            'Its executable is {exe}. Any user can write there, and download-and-run droppers (wget … -O /tmp/x; chmod +x; /tmp/x) start miners and bots from these directories.',
          action: 'Copy and hash the file, freeze the process (kill -STOP {pid}), and look for the cron or shell line that downloaded it.',
        },
        'zh-CN': {
          title: '进程 {name}（PID {pid}）从 {dir} 运行',
          detail:
            '其可执行文件为 {exe}。该目录任何用户可写，“下载即运行”的投放脚本（wget … -O /tmp/x; chmod +x; /tmp/x）常从这里启动矿机和木马。',
          action: '复制并计算文件哈希，冻结进程（kill -STOP {pid}），再查找下载它的 cron 或 shell 命令。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const p of userProcesses(snapshot.facts.processes)) {
      if (p.exe === null || p.exeMemfd || !inTmpDir(p.exe)) continue;
      const dir = p.exe
        .split('/')
        .slice(0, p.exe.startsWith('/var/') || p.exe.startsWith('/dev/') || p.exe.startsWith('/run/') ? 3 : 2)
        .join('/');
      report({
        messageId: 'tmp',
        data: { name: p.name, pid: p.pid, exe: p.exe, dir },
        pid: p.pid,
        path: p.exe,
        evidence: processEvidence(p),
      });
    }
  },
});
