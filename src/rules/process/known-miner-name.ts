import { baseName } from '../../model/path-name';
import { defineRule } from '../rule';
import { processEvidence, userProcesses } from '../shared/process-evidence';

export default defineRule({
  meta: {
    id: 'process/known-miner-name',
    category: 'process',
    severity: 'critical',
    attack: ['T1496'],
    status: 'stable',
    description: 'A process whose name, executable or argv[0] is a known cryptominer or DDoS-bot name from intel/miners.json.',
    falsePositives: ['A sanctioned mining or load-testing host; add an allow-list entry for it.'],
    references: ['https://attack.mitre.org/techniques/T1496/'],
    uses: ['processes'],
    messages: {
      miner: {
        en: {
          title: 'Known cryptominer running: {name} (pid {pid})',
          detail:
            'The name "{match}" belongs to cryptominers seen in real intrusions (xmrig, kdevtmpfsi, kinsing…). Mining malware burns all CPU and usually comes with persistence that restarts it.',
          action:
            'Freeze it first (kill -STOP {pid}) to keep evidence, copy /proc/{pid}/exe, then find what starts it (cron, systemd, init scripts, ld.so.preload) before killing it.',
        },
        'zh-CN': {
          title: '发现已知挖矿程序：{name}（PID {pid}）',
          detail:
            '名称“{match}”属于真实入侵中出现过的挖矿程序（xmrig、kdevtmpfsi、kinsing 等）。挖矿木马会占满 CPU，通常还带有自动拉起的持久化。',
          action:
            '先冻结进程（kill -STOP {pid}）保留证据，复制 /proc/{pid}/exe，再排查启动它的位置（cron、systemd、init 脚本、ld.so.preload），最后再结束进程。',
        },
      },
      bot: {
        en: {
          title: 'Known DDoS-bot process: {name} (pid {pid})',
          detail:
            'The name "{match}" is used by DDoS trojans (XOR.DDoS / BillGates family) that flood the network and reinstall themselves.',
          action:
            'Rate-limit egress to keep SSH usable, freeze the process (kill -STOP {pid}), and look for its copies in /etc/init.d, rcN.d links and cron.',
        },
        'zh-CN': {
          title: '发现已知 DDoS 木马进程：{name}（PID {pid}）',
          detail: '名称“{match}”被 DDoS 木马（XOR.DDoS / BillGates 家族）使用，这类木马会打满出口带宽并自我重装。',
          action: '先限制出站流量以保住 SSH，冻结进程（kill -STOP {pid}），再排查 /etc/init.d、各 rcN.d 链接和 cron 中的副本。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const miners = new Set(intel.miners.processNames.map((n) => n.toLowerCase()));
    const bots = new Set(intel.miners.ddosBotNames.map((n) => n.toLowerCase()));
    for (const p of userProcesses(snapshot.facts.processes)) {
      const names = [p.name, p.exe ? baseName(p.exe) : '', p.cmdline[0] ? baseName(p.cmdline[0].split(' ')[0]) : ''];
      const lower = names.map((n) => n.toLowerCase()).filter((n) => n !== '');
      const miner = lower.find((n) => miners.has(n));
      const bot = miner ? undefined : lower.find((n) => bots.has(n));
      const match = miner ?? bot;
      if (!match) continue;
      report({
        messageId: miner ? 'miner' : 'bot',
        data: { name: p.name, pid: p.pid, match },
        pid: p.pid,
        path: p.exe ?? undefined,
        evidence: processEvidence(p),
      });
    }
  },
});
