import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { commandLine } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from './evidence';

export default defineRule({
  meta: {
    id: 'process/miner-arguments',
    category: 'process',
    severity: 'critical',
    attack: ['T1496'],
    status: 'stable',
    description:
      'A command line carrying mining options: stratum URLs, --donate-level, --cpu-priority, RandomX/CryptoNight algorithms, pool plus wallet.',
    falsePositives: ['Renamed miners are the point of this rule; a sanctioned miner needs an allow-list entry.'],
    references: ['https://xmrig.com/docs/miner/command-line-options'],
    uses: ['processes'],
    messages: {
      args: {
        en: {
          title: 'Mining arguments in process {name} (pid {pid})',
          detail:
            'Its command line matches {patterns}. Attackers rename miners to look like system processes, but the pool and wallet options give them away.',
          action:
            'Freeze it (kill -STOP {pid}), note the pool address and wallet for the report, block the pool, then remove what starts it.',
        },
        'zh-CN': {
          title: '进程 {name}（PID {pid}）带有挖矿参数',
          detail: '命令行匹配 {patterns}。攻击者常把矿机改名伪装成系统进程，但矿池和钱包参数会暴露它。',
          action: '冻结进程（kill -STOP {pid}），记录矿池地址和钱包用于报告，封禁矿池，再清除启动项。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const patterns = intel.miners.argumentPatterns.map((p) => ({ id: p.id, re: new RegExp(p.pattern, 'i') }));
    for (const p of userProcesses(snapshot.facts.processes)) {
      if (p.cmdline.length < 2 && !(p.cmdline[0] ?? '').includes(' ')) continue;
      const cmd = commandLine(p);
      const hits = patterns.filter((x) => x.re.test(cmd)).map((x) => x.id);
      if (hits.length === 0) continue;
      report({
        messageId: 'args',
        data: { name: p.name, pid: p.pid, patterns: hits.join(', ') },
        pid: p.pid,
        path: p.exe ?? undefined,
        evidence: [...processEvidence(p), phrase('ev.matchedList', { what: hits.join(', ') })],
      });
    }
  },
});
