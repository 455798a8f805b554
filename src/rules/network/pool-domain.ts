import { defineRule } from '../rule';
import { commandLine } from '../../analyze/facts-index';
import { processEvidence, userProcesses } from '../shared/process-evidence';

function matchDomain(text: string, domains: string[]): string | undefined {
  const lower = text.toLowerCase();
  return domains.find((d) => {
    const i = lower.indexOf(d);
    // "eu.pool.example" and "//pool.example:3333" match, "notpool.example" does not.
    return i >= 0 && (i === 0 || !/[a-z0-9-]/.test(lower[i - 1]));
  });
}

export default defineRule({
  meta: {
    id: 'network/pool-domain',
    category: 'network',
    severity: 'critical',
    attack: ['T1496'],
    status: 'stable',
    description:
      'A known mining-pool domain in a process command line or in /etc/hosts (pinned by a miner, or blackholed by a rival miner that took over the box).',
    falsePositives: ['A security team that blackholes pool domains in /etc/hosts on purpose: reported at medium for loopback addresses.'],
    uses: ['etcHosts'],
    messages: {
      cmdline: {
        en: {
          title: '{name} (pid {pid}) names mining pool {domain}',
          detail: 'Its command line contains the pool domain {domain}. Only miners talk to mining pools.',
          action: 'Freeze the process (kill -STOP {pid}), block the pool domain and its addresses, and find what starts the process.',
        },
        'zh-CN': {
          title: '{name}（PID {pid}）使用矿池域名 {domain}',
          detail: '其命令行包含矿池域名 {domain}。只有挖矿程序才会连接矿池。',
          action: '冻结进程（kill -STOP {pid}），封禁矿池域名及其地址，再查找启动该进程的位置。',
        },
      },
      hosts: {
        en: {
          title: '/etc/hosts maps mining pool {domain} to {address}',
          detail:
            "Line {line} of /etc/hosts names the pool {domain}. Miners pin pool addresses there; competing miners point rivals' pools at 127.0.0.1. Either way a miner has been on this host.",
          action: 'Keep a copy of /etc/hosts as evidence, remove the line, and look for the miner that wrote it.',
        },
        'zh-CN': {
          title: '/etc/hosts 将矿池 {domain} 指向 {address}',
          detail:
            '/etc/hosts 第 {line} 行包含矿池 {domain}。矿机会在这里固定矿池地址，竞争矿机会把对手矿池指向 127.0.0.1。无论哪种，都说明这台主机上跑过矿机。',
          action: '保留 /etc/hosts 副本留证，删除该行，并查找写入它的矿机。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const domains = intel.pools.domains.map((d) => d.toLowerCase());
    for (const p of userProcesses(snapshot.facts.processes)) {
      const domain = matchDomain(commandLine(p), domains);
      if (!domain) continue;
      report({ messageId: 'cmdline', data: { name: p.name, pid: p.pid, domain }, pid: p.pid, evidence: processEvidence(p) });
    }
    for (const e of snapshot.facts.etcHosts ?? []) {
      const domain = e.names.find((n) => matchDomain(n, domains) !== undefined);
      if (!domain) continue;
      const blackhole = /^(127\.|0\.0\.0\.0$|::1$)/.test(e.address);
      report({
        messageId: 'hosts',
        severity: blackhole ? 'medium' : 'high',
        data: { domain, address: e.address, line: e.line },
        path: '/etc/hosts',
        evidence: [`/etc/hosts:${e.line}: ${e.address} ${e.names.join(' ')}`],
      });
    }
  },
});
