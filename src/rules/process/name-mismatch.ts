import { baseName } from '../../model/path-name';
import { defineRule } from '../rule';
import { processFileOwned } from '../../analyze/facts-index';
import { processEvidence, stripVersion, userProcesses } from '../shared/process-evidence';

export default defineRule({
  meta: {
    id: 'process/name-mismatch',
    category: 'process',
    severity: 'medium',
    attack: ['T1036.004'],
    status: 'stable',
    description:
      'A process whose name differs from the executable it runs, where that executable belongs to no package: a renamed binary posing as something else.',
    falsePositives: ['Unpackaged daemons that rename their main thread; scripts run through an interpreter are excluded.'],
    uses: ['processes', 'packages'],
    messages: {
      mismatch: {
        en: {
          title: 'Process calls itself "{name}" but runs {exe} (pid {pid})',
          detail:
            'The name shown by ps and top is not the file being executed, and no package owns that file. Malware picks names like sshd, crond or kworker to blend in.',
          action: 'Check what {exe} really is (sha256sum, strings, file); freeze the process if it is not yours.',
        },
        'zh-CN': {
          title: '进程自称“{name}”，实际运行 {exe}（PID {pid}）',
          detail: 'ps/top 显示的名称与实际执行的文件不一致，且该文件不属于任何软件包。木马常用 sshd、crond、kworker 等名称混入系统进程。',
          action: '确认 {exe} 的真实身份（sha256sum、strings、file）；若非业务程序，冻结该进程。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const interpreters = new Set(intel.paths.interpreters);
    for (const p of userProcesses(snapshot.facts.processes)) {
      if (p.exe === null || p.exeMemfd) continue;
      const exeName = baseName(p.exe);
      if (interpreters.has(stripVersion(exeName))) continue;
      // comm is the first 15 bytes of the executed file's name (or a symlink's name pointing at it).
      if (exeName.startsWith(p.name) || p.name.startsWith(exeName.slice(0, 15))) continue;
      if (processFileOwned(snapshot, p, p.exe) !== false) continue;
      report({
        messageId: 'mismatch',
        data: { name: p.name, pid: p.pid, exe: p.exe },
        pid: p.pid,
        path: p.exe,
        evidence: processEvidence(p),
      });
    }
  },
});
