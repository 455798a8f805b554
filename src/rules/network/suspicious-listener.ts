import { type Phrase, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { hiddenPlace, inTmpDir, processFileOwned, processByPid } from '../../analyze/facts-index';
import { processEvidence } from '../process/evidence';

export default defineRule({
  meta: {
    id: 'network/suspicious-listener',
    category: 'network',
    severity: 'high',
    attack: ['T1205', 'T1571'],
    status: 'stable',
    description:
      'A listening socket held by a process that runs from a deleted, in-memory, temporary or hidden file, or an unpackaged program listening on a known backdoor port.',
    falsePositives: [
      'Unpackaged services on ordinary ports are not reported; packaged daemons on backdoor-list ports (sshd on 2222) are not reported.',
    ],
    uses: ['processes', 'sockets', 'packages'],
    messages: {
      listen: {
        en: {
          title: '{name} (pid {pid}) listens on {addr} ({why})',
          detail: 'A backdoor waits for its operator on a listening port. This listener belongs to a process that {why}.',
          action:
            'Block the port at the firewall (iptables -I INPUT -p {proto} --dport {port} -j DROP), freeze the process (kill -STOP {pid}), and check who has connected to it in the logs.',
        },
        'zh-CN': {
          title: '{name}（PID {pid}）在 {addr} 监听（{why}）',
          detail: '后门会在监听端口上等待控制者连接。该监听属于一个{why}的进程。',
          action:
            '在防火墙封禁该端口（iptables -I INPUT -p {proto} --dport {port} -j DROP），冻结进程（kill -STOP {pid}），并在日志中查找连接过它的来源。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const backdoor = new Set(intel.pools.backdoorPorts);
    const seen = new Set<string>();
    for (const s of snapshot.facts.sockets ?? []) {
      const listening = s.state === 'LISTEN' || (s.proto.startsWith('udp') && s.state === 'UNCONN' && s.remotePort === 0);
      if (!listening || s.proto.startsWith('raw')) continue;
      for (const pid of s.pids) {
        const p = processByPid(snapshot, pid);
        if (!p || p.exe === null) continue;
        const exe = p.exe;
        let why: Phrase | null = null;
        if (p.exeDeleted) why = phrase('listener.deleted');
        else if (p.exeMemfd) why = phrase('listener.memory');
        else if (inTmpDir(exe)) why = phrase('listener.tmp');
        else if (hiddenPlace(exe, intel.paths.knownHomeDotDirs) !== null) why = phrase('listener.hidden');
        else if (backdoor.has(s.localPort) && processFileOwned(snapshot, p, exe) === false) why = phrase('listener.backdoorPort');
        if (why === null) continue;
        const key = `${pid}/${s.proto}/${s.localPort}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const addr = `${s.proto} ${s.local}:${s.localPort}`;
        report({
          messageId: 'listen',
          data: { name: p.name, pid, addr, why, port: s.localPort, proto: s.proto.replace('6', '') },
          pid,
          evidence: [...processEvidence(p), phrase('net.listening', { addr })],
        });
      }
    }
  },
});
