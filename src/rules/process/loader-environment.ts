import { defineRule } from '../rule';
import { hiddenPlace, inTmpDir, processFileOwned } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from '../shared/process-evidence';

export default defineRule({
  meta: {
    id: 'process/loader-environment',
    category: 'process',
    severity: 'high',
    attack: ['T1574.006'],
    status: 'stable',
    description: 'LD_PRELOAD, LD_AUDIT or LD_LIBRARY_PATH in a process environment: code injected into every program that process starts.',
    falsePositives: ['Packaged preload helpers (libeatmydata, jemalloc, faketime) are reported at low.'],
    references: ['https://attack.mitre.org/techniques/T1574/006/'],
    uses: ['processes', 'packages'],
    messages: {
      preload: {
        en: {
          title: '{var} injects {lib} into {name} (pid {pid})',
          detail:
            'The dynamic loader will load {lib} into this process and everything it starts. Rootkits use this to hide processes and files from ps and ls, and to steal credentials.',
          action:
            'Copy and hash {lib}; check /etc/ld.so.preload and shell start-up files for where it was set; restart the affected service without it.',
        },
        'zh-CN': {
          title: '{var} 向 {name}（PID {pid}）注入 {lib}',
          detail: '动态链接器会把 {lib} 加载进该进程及其所有子进程。Rootkit 借此对 ps、ls 隐藏进程和文件，或窃取凭据。',
          action: '复制并计算 {lib} 的哈希；检查 /etc/ld.so.preload 和 shell 启动文件中在哪里设置；去掉该变量后重启受影响的服务。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const p of userProcesses(snapshot.facts.processes)) {
      for (const [variable, value] of Object.entries(p.loaderEnv)) {
        const entries = value.split(/[:\s]+/).filter((x) => x !== '');
        for (const lib of entries) {
          const risky = !lib.startsWith('/') || inTmpDir(lib) || hiddenPlace(lib, intel.paths.knownHomeDotDirs) !== null;
          const owned = lib.startsWith('/') ? processFileOwned(snapshot, p, lib) : null;
          if (variable === 'LD_LIBRARY_PATH' && !risky) continue; // directories of unpackaged apps are normal
          const severity = risky || owned === false ? 'high' : owned === true ? 'low' : 'medium';
          report({
            messageId: 'preload',
            severity: variable === 'LD_LIBRARY_PATH' ? 'medium' : severity,
            data: { var: variable, lib, name: p.name, pid: p.pid },
            pid: p.pid,
            path: lib,
            evidence: [...processEvidence(p), `${variable}=${value}`],
          });
        }
      }
    }
  },
});
