import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { hiddenPlace, inTmpDir, processFileOwned } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from './evidence';

export default defineRule({
  meta: {
    id: 'process/suspicious-mapped-library',
    category: 'process',
    severity: 'high',
    attack: ['T1574.006', 'T1055'],
    status: 'stable',
    description:
      'Executable code mapped into a process from a temporary or hidden path, or from a deleted file no package owns (the process executable itself is left to other rules).',
    falsePositives: [
      'Deleted libraries after a package upgrade are package-owned and ignored; JIT runtimes map anonymous memory, which is not a file.',
    ],
    uses: ['processes', 'packages'],
    messages: {
      mapped: {
        en: {
          title: '{name} (pid {pid}) has code loaded from {lib}',
          detail:
            'The library {lib}{why} is mapped executable into this process. Injected shared objects (preload rootkits, credential stealers) are loaded this way.',
          action:
            'Copy {lib} (or /proc/{pid}/map_files) as evidence, find how it was loaded (LD_PRELOAD, /etc/ld.so.preload, ptrace injection), and restart the process once it is removed.',
        },
        'zh-CN': {
          title: '{name}（PID {pid}）加载了来自 {lib} 的代码',
          detail: '库文件 {lib}{why}以可执行方式映射进该进程。注入的共享库（预加载 rootkit、凭据窃取）正是这样加载的。',
          action:
            '复制 {lib}（或 /proc/{pid}/map_files）留证，查明加载方式（LD_PRELOAD、/etc/ld.so.preload、ptrace 注入），清除后重启该进程。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const p of userProcesses(snapshot.facts.processes)) {
      for (const m of p.maps) {
        if (!m.executable || m.path === p.exe || m.path.startsWith('/memfd:')) continue;
        const tmp = inTmpDir(m.path);
        const hidden = hiddenPlace(m.path, intel.paths.knownHomeDotDirs) !== null;
        const deletedUnowned = m.deleted && processFileOwned(snapshot, p, m.path) === false;
        if (!tmp && !hidden && !deletedUnowned) continue;
        const why = m.deleted ? phrase('paren', { what: phrase('state.deleted') }) : '';
        report({
          messageId: 'mapped',
          data: { name: p.name, pid: p.pid, lib: m.path, why },
          pid: p.pid,
          path: m.path,
          evidence: [...processEvidence(p), phrase('proc.mapped', { lib: m.path, why })],
        });
      }
    }
  },
});
