import { defineRule } from '../rule';
import { hiddenComponent } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from '../shared/process-evidence';

const HOME = /^\/(root|home\/[^/]+)\/([^/]+)\//;

export default defineRule({
  meta: {
    id: 'process/exe-in-hidden-dir',
    category: 'process',
    severity: 'high',
    attack: ['T1564.001'],
    status: 'stable',
    description:
      'A process whose executable sits in a hidden directory ("/tmp/.x", "/usr/lib/...", "/root/.cfg") other than the well-known tool directories in a home (.local, .nvm, .cargo…).',
    falsePositives: [
      'Tools installed under an unusual dot-directory in a home; such cases are reported at medium and can be allow-listed.',
    ],
    uses: ['processes'],
    messages: {
      hidden: {
        en: {
          title: 'Process {name} (pid {pid}) runs from a hidden directory',
          detail:
            'Its executable {exe} is inside "{component}". Names starting with a dot, "...", or made of spaces are how droppers hide from ls.',
          action: 'List the directory with ls -la and copy its contents as evidence; freeze the process (kill -STOP {pid}).',
        },
        'zh-CN': {
          title: '进程 {name}（PID {pid}）从隐藏目录运行',
          detail: '其可执行文件 {exe} 位于“{component}”中。以点开头、名为“...”或全是空格的目录是木马躲避 ls 的常用手法。',
          action: '用 ls -la 查看该目录并复制其内容留证；冻结进程（kill -STOP {pid}）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const known = new Set(intel.paths.knownHomeDotDirs);
    for (const p of userProcesses(snapshot.facts.processes)) {
      if (p.exe === null || p.exeMemfd) continue;
      const component = hiddenComponent(p.exe);
      if (component === null) continue;
      const home = HOME.exec(p.exe);
      const inHomeDotDir = home !== null && home[2] === component;
      if (inHomeDotDir && known.has(component)) continue;
      const odd = /^[\s.]+$/.test(component) || /^\s|\s$/.test(component);
      report({
        messageId: 'hidden',
        severity: inHomeDotDir && !odd ? 'medium' : 'high',
        data: { name: p.name, pid: p.pid, exe: p.exe, component },
        pid: p.pid,
        path: p.exe,
        evidence: processEvidence(p),
      });
    }
  },
});
