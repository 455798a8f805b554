import fs from 'node:fs';
import type { DropCounter } from './firewall';
import { runTool, ToolError } from './run-tool';

// Egress limit for the iptables backends. iptables has no accurate byte limiter: hashlimit in
// byte mode let 29-32 Mbit/s through for a 10 Mbit/s limit, and a RATEEST estimator 68-95 Mbit/s.
// An HTB qdisc on each interface held the rate within 3 %, so that is what is used. hostsweep
// only replaces a root qdisc that is the kernel's default and removes only its own.

/** HTB handle major "4853" ("HS"), recognisable in `tc qdisc show`. */
export const TC_HANDLE = '4853';
const LIMITED = `${TC_HANDLE}:10`;
const KEPT = `${TC_HANDLE}:20`;

export class SiteQdiscError extends Error {
  constructor(
    readonly device: string,
    readonly qdisc: string,
  ) {
    super(`${device} already has a configured root qdisc (${qdisc}); hostsweep will not replace it — use --backend nft`);
    this.name = 'SiteQdiscError';
  }
}

/** Interfaces traffic can leave by: all but loopback. */
export function egressDevices(sysNet = '/sys/class/net'): string[] {
  return fs
    .readdirSync(sysNet)
    .filter((d) => d !== 'lo')
    .sort();
}

/** The root qdisc of a device: its kind and handle ("0:" is the kernel's default). */
export async function rootQdisc(dev: string): Promise<{ kind: string; handle: string } | null> {
  const out = await runTool('tc', ['qdisc', 'show', 'dev', dev, 'root']);
  const m = /^qdisc (\S+) (\S+) root/m.exec(out);
  return m ? { kind: m[1], handle: m[2] } : null;
}

export async function checkDevices(devices: string[]): Promise<void> {
  for (const dev of devices) {
    const q = await rootQdisc(dev);
    if (q && q.handle !== '0:') throw new SiteQdiscError(dev, `${q.kind} ${q.handle}`);
  }
}

export async function addEgressLimit(devices: string[], bytesPerSec: number, keepPorts: number[]): Promise<void> {
  await checkDevices(devices);
  for (const dev of devices) {
    const tc = (...args: string[]) => runTool('tc', args);
    await tc('qdisc', 'add', 'dev', dev, 'root', 'handle', `${TC_HANDLE}:`, 'htb', 'default', '10');
    const rate = `${bytesPerSec * 8}bit`;
    // 20 ms of traffic as burst: HTB's default (one timer tick) under-delivers at high rates when
    // the CPU is busy, which it is on a host that is flooding (85 % of 100 Mbit/s measured).
    const burst = `${Math.max(15000, Math.round(bytesPerSec / 50))}b`;
    const shape = ['rate', rate, 'ceil', rate, 'burst', burst, 'cburst', burst];
    await tc('class', 'add', 'dev', dev, 'parent', `${TC_HANDLE}:`, 'classid', LIMITED, 'htb', ...shape);
    await tc('class', 'add', 'dev', dev, 'parent', `${TC_HANDLE}:`, 'classid', KEPT, 'htb', 'rate', '100gbit', 'quantum', '200000');
    // A short queue: the limited traffic is dropped, not delayed for seconds.
    await tc('qdisc', 'add', 'dev', dev, 'parent', LIMITED, 'pfifo', 'limit', '100');
    for (const port of keepPorts) {
      // One priority per protocol: tc refuses two protocols under one priority.
      for (const [proto, sel, prio] of [
        ['ip', 'ip', '1'],
        ['ipv6', 'ip6', '2'],
      ]) {
        for (const dir of ['sport', 'dport']) {
          const match = ['match', sel, 'protocol', '6', '0xff', 'match', sel, dir, String(port), '0xffff'];
          await tc(
            'filter',
            'add',
            'dev',
            dev,
            'parent',
            `${TC_HANDLE}:`,
            'protocol',
            proto,
            'prio',
            prio,
            'u32',
            ...match,
            'flowid',
            KEPT,
          );
        }
      }
    }
  }
}

export async function removeEgressLimit(devices: string[]): Promise<void> {
  for (const dev of devices) {
    let q: Awaited<ReturnType<typeof rootQdisc>>;
    try {
      q = await rootQdisc(dev);
    } catch (e) {
      if (e instanceof ToolError && /Cannot find device|No such device/i.test(e.stderr)) continue;
      throw e;
    }
    if (q?.handle === `${TC_HANDLE}:`) await runTool('tc', ['qdisc', 'del', 'dev', dev, 'root']);
  }
}

/** Drops of the limited class per interface hostsweep limited. */
export async function egressDrops(devices: string[]): Promise<DropCounter[]> {
  const out: DropCounter[] = [];
  for (const dev of devices) {
    try {
      if ((await rootQdisc(dev))?.handle !== `${TC_HANDLE}:`) continue;
      const text = await runTool('tc', ['-s', 'class', 'show', 'dev', dev, 'classid', LIMITED]);
      const m = /Sent (\d+) bytes (\d+) pkt \(dropped (\d+)/.exec(text);
      if (m) out.push({ where: `tc ${dev} ${LIMITED} (sent ${m[1]} bytes)`, packets: Number(m[3]), bytes: null });
    } catch {}
  }
  return out;
}
