import { defineRule } from '../rule';
import { hiddenPlace, inTmpDir, processFileOwned, processByPid } from '../../analyze/facts-index';
import { processEvidence } from '../shared/process-evidence';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export default defineRule({
  meta: {
    id: 'network/pool-connection',
    category: 'network',
    severity: 'high',
    attack: ['T1496', 'T1571'],
    status: 'stable',
    description:
      'An outbound connection to a port that mining pools use for stratum (3333, 4444, 5555, 7777, 14444, 45700…). Critical when the process is itself unpackaged, deleted or in a temporary path.',
    falsePositives: [
      'Services that happen to talk to another application on one of these ports; a packaged client is reported at medium. Inbound clients (whose ephemeral source port can be 45560 or 45700) and loopback peers of unsuspicious programs are not reported.',
    ],
    uses: ['processes', 'sockets', 'packages'],
    messages: {
      pool: {
        en: {
          title: '{name} (pid {pid}) is connected to {peer}, a mining-pool port',
          detail:
            'Port {port} is a stratum port used by mining pools. Together with high CPU this is how a miner looks from the network side.',
          action:
            'Block the address (iptables -I OUTPUT -d {ip} -j DROP), note it for the incident report, and check other hosts for connections to it.',
        },
        'zh-CN': {
          title: '{name}（PID {pid}）连接到矿池端口 {peer}',
          detail: '端口 {port} 是矿池常用的 stratum 端口。配合高 CPU 占用，这就是挖矿程序在网络上的样子。',
          action: '封禁该地址（iptables -I OUTPUT -d {ip} -j DROP），记入事件报告，并排查其他主机是否也连接过它。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const ports = new Set(intel.pools.stratumPorts);
    const sockets = snapshot.facts.sockets ?? [];
    // Ports this host listens on, per network namespace: a connection on one of them is a client
    // coming in, and its remote port is the client's ephemeral port (45560 and 45700 lie in Linux's
    // default ephemeral range), not a pool's.
    const listening = new Set(
      sockets.filter((s) => s.proto.startsWith('tcp') && s.state === 'LISTEN').map((s) => `${s.netns}|${s.localPort}`),
    );
    for (const s of sockets) {
      if (!s.proto.startsWith('tcp') || !ports.has(s.remotePort)) continue;
      if (s.state !== 'ESTABLISHED' && s.state !== 'SYN_SENT') continue;
      if (listening.has(`${s.netns}|${s.localPort}`)) continue;
      const loopback = LOOPBACK.test(s.remote);
      for (const pid of s.pids) {
        const p = processByPid(snapshot, pid);
        if (!p) continue;
        const exe = p.exe ?? '';
        const bad = p.exeDeleted || p.exeMemfd || inTmpDir(exe) || hiddenPlace(exe, intel.paths.knownHomeDotDirs) !== null;
        // A peer on this host is a local service (Flower on 5555, Selenium on 4444), not a pool; a
        // local stratum proxy makes its own outbound connection, reported on its own. Only a program
        // that is suspicious by itself is reported talking to the loopback.
        if (loopback && !bad) continue;
        const owned = exe ? processFileOwned(snapshot, p, exe) : null;
        const peer = `${s.remote}:${s.remotePort}`;
        report({
          messageId: 'pool',
          severity: bad ? 'critical' : owned === true ? 'medium' : 'high',
          data: { name: p.name, pid, peer, port: s.remotePort, ip: s.remote },
          pid,
          ip: s.remote,
          evidence: [...processEvidence(p), `${s.proto} ${s.local}:${s.localPort} -> ${peer} ${s.state}`],
        });
      }
    }
  },
});
