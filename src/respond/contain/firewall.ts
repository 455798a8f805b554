import net from 'node:net';

// What containment asks of a firewall, independent of the backend that does it. Each change lives
// in chains of its own, named from the run and the action, so removing it is exact and touches
// nothing of the site's rules.

export type FirewallChange =
  /** Cap what leaves this network namespace, except connections on the kept TCP ports. */
  | { kind: 'egress-limit'; bytesPerSec: number; keepPorts: number[] }
  /** Drop traffic from and to these addresses or networks. */
  | { kind: 'block'; addrs: string[] }
  /** Drop everything except loopback, the kept TCP ports and the kept addresses. */
  | { kind: 'isolate'; keepPorts: number[]; keepAddrs: string[] };

export type BackendId = 'nft' | 'iptables' | 'iptables-nft' | 'iptables-legacy';
export const BACKENDS: BackendId[] = ['nft', 'iptables', 'iptables-nft', 'iptables-legacy'];

/** Everything a change added, known before it is applied, so an interrupted apply can be undone. */
export interface FirewallAdded {
  backend: BackendId;
  /** nft: chains of table inet hostsweep. iptables: user chains with the built-in chain jumping to them. */
  chains: { family: 'inet' | 'ip' | 'ip6'; name: string; from?: 'INPUT' | 'OUTPUT' | 'FORWARD' }[];
  /** Interfaces whose root qdisc hostsweep set (egress limit with the iptables backends). */
  tcDevices: string[];
}

/** Counters of what hostsweep's own rules dropped. */
export interface DropCounter {
  where: string;
  packets: number;
  /** null when the mechanism counts only packets (tc's drop counter). */
  bytes: number | null;
}

export interface FirewallBackend {
  id: BackendId;
  /** The names this change will use; pure, so the undo record exists before anything runs. */
  plan(tag: string, change: FirewallChange): FirewallAdded;
  /** `step` names each point between tool calls (the crash tests kill the process there). */
  apply(change: FirewallChange, added: FirewallAdded, step?: (point: string) => void): Promise<void>;
  /** Removes exactly what `added` names; idempotent, fine after a half-done apply. */
  remove(added: FirewallAdded): Promise<void>;
  counters(): Promise<DropCounter[]>;
}

/** An IPv4/IPv6 address or CIDR network, normalised; null when it is neither. */
export function parseAddr(text: string): { family: 4 | 6; text: string } | null {
  const [addr, prefix, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const family = net.isIPv4(addr) ? 4 : net.isIPv6(addr) ? 6 : null;
  if (family === null) return null;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return null;
    return { family, text: `${addr}/${Number(prefix)}` };
  }
  return { family, text: addr };
}

export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** The first of `nets` that contains `addr` (an address or network in parseAddr's form), or null. */
export function coveringNet(addr: string, nets: string[]): string | null {
  const a = parseAddr(addr);
  if (!a || a.text.includes('/')) return null;
  const type = a.family === 4 ? 'ipv4' : 'ipv6';
  for (const n of nets) {
    const p = parseAddr(n);
    if (!p || p.family !== a.family) continue;
    const list = new net.BlockList();
    const [base, prefix] = p.text.split('/');
    if (prefix === undefined) list.addAddress(base, type);
    else list.addSubnet(base, Number(prefix), type);
    if (list.check(a.text, type)) return n;
  }
  return null;
}

export function addrsOf(addrs: string[], family: 4 | 6): string[] {
  return addrs.map((a) => parseAddr(a)).flatMap((a) => (a && a.family === family ? [a.text] : []));
}
