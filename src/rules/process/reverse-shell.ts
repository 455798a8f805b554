import { baseName } from '../../model/path-name';
import { defineRule } from '../rule';
import { socketInode } from '../../collect/proc-parse';
import { processEvidence, stripVersion, userProcesses } from '../shared/process-evidence';

const NET_TOOLS = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet', 'python', 'perl', 'ruby', 'php', 'lua', 'awk', 'gawk']);

export default defineRule({
  meta: {
    id: 'process/reverse-shell',
    category: 'process',
    severity: 'critical',
    attack: ['T1059.004'],
    status: 'stable',
    description: 'A shell or scripting interpreter whose stdin or stdout is a network socket: someone on the other end is typing commands.',
    falsePositives: ['inetd-style services that hand a TCP socket to a shell script; rare on modern systems.'],
    uses: ['processes', 'sockets'],
    messages: {
      shell: {
        en: {
          title: 'Reverse shell: {name} (pid {pid}) is driven from {peer}',
          detail:
            "The {name} process reads its commands from a network connection to {peer} instead of a terminal. This is an attacker's interactive session.",
          action:
            'Block {ip} at the firewall, freeze the shell (kill -STOP {pid}) and its parent, and record the connection for the report before killing it.',
        },
        'zh-CN': {
          title: '反弹 shell：{name}（PID {pid}）由 {peer} 控制',
          detail: '{name} 进程从与 {peer} 的网络连接读取命令，而不是从终端。这是攻击者的交互会话。',
          action: '在防火墙封禁 {ip}，冻结该 shell（kill -STOP {pid}）及其父进程，结束前记录连接信息用于报告。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const shells = new Set(intel.paths.shells);
    const inet = new Map((snapshot.facts.sockets ?? []).map((s) => [s.inode, s]));
    for (const p of userProcesses(snapshot.facts.processes)) {
      const exeName = stripVersion(baseName(p.exe ?? p.name));
      if (!shells.has(exeName) && !NET_TOOLS.has(exeName) && !shells.has(p.name)) continue;
      const stdio = [p.stdio[0], p.stdio[1]].map((l) => (l ? socketInode(l) : null));
      const sock = stdio.map((ino) => (ino === null ? undefined : inet.get(ino))).find((s) => s && s.remotePort !== 0);
      if (!sock) continue;
      const peer = `${sock.remote}:${sock.remotePort}`;
      report({
        messageId: 'shell',
        data: { name: p.name, pid: p.pid, peer, ip: sock.remote },
        pid: p.pid,
        ip: sock.remote,
        evidence: [
          ...processEvidence(p),
          `stdin: ${p.stdio[0] ?? '?'} stdout: ${p.stdio[1] ?? '?'}`,
          `${sock.proto} ${sock.local}:${sock.localPort} -> ${peer} ${sock.state}`,
        ],
      });
    }
  },
});
