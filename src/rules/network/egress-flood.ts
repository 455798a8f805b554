import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { processByPid } from '../../analyze/facts-index';
import { processEvidence } from '../process/evidence';

export function humanRate(bytesPerSec: number): string {
  const bits = bytesPerSec * 8;
  if (bits >= 1e9) return `${(bits / 1e9).toFixed(2)} Gbit/s`;
  if (bits >= 1e6) return `${(bits / 1e6).toFixed(1)} Mbit/s`;
  if (bits >= 1e3) return `${(bits / 1e3).toFixed(1)} kbit/s`;
  return `${bits} bit/s`;
}

export default defineRule({
  meta: {
    id: 'network/egress-flood',
    category: 'network',
    severity: 'high',
    attack: ['T1498'],
    status: 'stable',
    description:
      'One process sends most of the outbound traffic at flood rates during the sampling window: the process saturating the uplink.',
    falsePositives: ['Backup, replication or file-transfer jobs: check the destination before acting; allow-list by process name.'],
    uses: ['traffic'],
    messages: {
      flood: {
        en: {
          title: '{name} (pid {pid}) is flooding the network: {rate}, {pps} packets/s',
          detail:
            "It sent {share}% of all outbound traffic in the {window} ms window ({method}). A DDoS bot uses the server's uplink against others, which is why SSH becomes unusable.",
          action:
            'Keep SSH usable first: hostsweep contain --rate-limit (or iptables -A OUTPUT -m limit --limit 3333/sec -j ACCEPT with policy DROP), then freeze the process (kill -STOP {pid}).',
        },
        'zh-CN': {
          title: '{name}（PID {pid}）正在发起流量攻击：{rate}，每秒 {pps} 个包',
          detail:
            '在 {window} 毫秒的采样窗口内它发送了全部出站流量的 {share}%（{method}）。DDoS 木马利用服务器带宽攻击他人，这也是 SSH 变得无法使用的原因。',
          action:
            '先保住 SSH：hostsweep contain --rate-limit（或 iptables -A OUTPUT -m limit --limit 3333/sec -j ACCEPT 并把默认策略设为 DROP），再冻结进程（kill -STOP {pid}）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const t = snapshot.facts.traffic;
    if (!t) return;
    const th = intel.thresholds;
    for (const s of t.senders) {
      const fast = s.bytesPerSec >= th.floodBytesPerSec || s.packetsPerSec >= th.floodPacketsPerSec;
      if (!fast || s.share < th.floodMinShare) continue;
      // A traced PID from another PID namespace may name a different process here: trust it only if the names agree.
      const candidate = processByPid(snapshot, s.pid);
      const p = candidate && candidate.name === s.name ? candidate : undefined;
      const method = phrase(t.method === 'tracefs' ? 'traffic.measured' : 'traffic.estimated');
      report({
        messageId: 'flood',
        data: {
          name: s.name,
          pid: s.pid,
          rate: humanRate(s.bytesPerSec),
          pps: s.packetsPerSec,
          share: Math.round(s.share * 100),
          window: t.windowMs,
          method,
        },
        pid: p ? s.pid : undefined,
        evidence: [
          ...(p ? processEvidence(p) : [phrase('proc.pidName', { pid: s.pid, name: s.name })]),
          phrase('traffic.sent', { bytes: s.bytesPerSec, packets: s.packetsPerSec, method }),
        ],
      });
    }
  },
});
