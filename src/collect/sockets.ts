import { defineCollector } from './collector';
import { parseNetTable, type RawSocket } from './net-parse';

export interface SocketFact extends RawSocket {
  proto: 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'raw' | 'raw6';
  /** Owning processes (a socket can be shared after fork). Empty when no process holds it. */
  pids: number[];
  netns: string | null;
}

declare module '../model/facts' {
  interface Facts {
    sockets: SocketFact[];
  }
}

const TABLES = ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6'] as const;

export default defineCollector({
  name: 'sockets',
  description: 'Every TCP/UDP/raw socket in every network namespace that has a process, with the processes that own it.',
  paths: ['/proc/[pid]/net/{tcp,tcp6,udp,udp6,raw,raw6}'],
  liveOnly: true,
  after: ['processes'],
  collect({ host, facts, gap }) {
    const procs = facts.processes ?? [];
    const owners = new Map<number, number[]>();
    // One reader process per network namespace: /proc/PID/net shows that process's namespace.
    const nsReader = new Map<string, number>();
    for (const p of procs) {
      for (const ino of p.socketInodes) {
        const list = owners.get(ino);
        if (list) list.push(p.pid);
        else owners.set(ino, [p.pid]);
      }
      if (p.netns && !nsReader.has(p.netns)) nsReader.set(p.netns, p.pid);
    }
    if (nsReader.size === 0) nsReader.set('self', -1);
    const out: SocketFact[] = [];
    for (const [netns, pid] of nsReader) {
      const dir = pid < 0 ? '/proc/net' : `/proc/${pid}/net`;
      for (const proto of TABLES) {
        const text = host.readText(`${dir}/${proto}`);
        if (text === null) {
          if (host.lastError() !== 'ENOENT') gap(`${dir}/${proto}`, host.lastError() ?? 'unreadable');
          continue;
        }
        for (const s of parseNetTable(text, !proto.startsWith('tcp'))) {
          out.push({ proto, ...s, pids: owners.get(s.inode) ?? [], netns: netns === 'self' ? null : netns });
        }
      }
    }
    return out;
  },
});
