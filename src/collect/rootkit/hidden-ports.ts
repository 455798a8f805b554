import type { Host } from '../../host/host';
import type { Intel } from '../../intel/schema';
import { defineCollector } from '../collector';
import { configuredPorts } from './configured-ports';
import { parseNetTable } from '../net-parse';
import { FAMILIES, type ProbeFamily, probeBoundPorts } from './port-probe';

export interface HiddenPort {
  proto: 'tcp' | 'udp';
  family: ProbeFamily;
  port: number;
}

export interface HiddenPortsFact {
  families: ProbeFamily[];
  /** Ports bound by the probe, per family (visible and configured ports are never bound). */
  portsProbed: number;
  /** Ports a systemd socket unit, sshd, nginx or Apache names: never bound, so not checked. */
  configured?: number[];
  deep: boolean;
  ms: number;
  /** Ports bind() says are held, on two probes, that no /proc/net table shows on two reads. */
  hidden: HiddenPort[];
}

declare module '../../model/facts' {
  interface Facts {
    hiddenPorts: HiddenPortsFact;
  }
}

declare module '../collector' {
  interface CollectOptions {
    /** Probe every port 1..65535 for hidden listeners instead of the priority list (10–15 s on two cores). */
    deep?: boolean;
  }
}

/**
 * The ports backdoors, bots and miners favour (intel rootkit.priorityPorts, pools' stratum and
 * backdoor ports): a small set, because every probe binds a port of the live host for a moment.
 */
export function priorityPorts(intel: Intel): number[] {
  const set = new Set<number>();
  for (const p of [...intel.rootkit.priorityPorts, ...intel.pools.stratumPorts, ...intel.pools.backdoorPorts])
    if (p > 0 && p < 65536) set.add(p);
  return [...set].sort((a, b) => a - b);
}

/** Local ports in the scanner's own network namespace, per transport, as the tables show them. */
function tablePorts(host: Host): { tcp: Set<number>; udp: Set<number> } | null {
  const out = { tcp: new Set<number>(), udp: new Set<number>() };
  let read = 0;
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    const text = host.readText(`/proc/self/net/${table}`);
    if (text === null) continue;
    read++;
    const proto = table.startsWith('tcp') ? 'tcp' : 'udp';
    for (const s of parseNetTable(text, proto === 'udp')) out[proto].add(s.localPort);
  }
  return read === 0 ? null : out;
}

const protoOf = (f: ProbeFamily) => (f.startsWith('tcp') ? 'tcp' : 'udp');

export default defineCollector({
  name: 'hiddenPorts',
  description:
    "Ports that bind() reports in use (a wildcard bind probe, closed at once; never a connection) but that no /proc/net/{tcp,udp}{,6} table of the scanner's network namespace shows — on two rounds. Priority ports (about 90) by default, all ports with the deep option. A port some socket already shows, or that a systemd socket unit, sshd, nginx or Apache names, is never bound.",
  paths: ['/proc/self/net/{tcp,tcp6,udp,udp6}', 'bind() on 0.0.0.0 and ::'],
  liveOnly: true,
  collect({ host, options, intel, gap }) {
    const t0 = performance.now();
    const deep = options.deep === true;
    const wanted = deep ? Array.from({ length: 65535 }, (_, i) => i + 1) : priorityPorts(intel);
    const configured = configuredPorts(host);
    const fact: HiddenPortsFact = { families: FAMILIES, portsProbed: 0, configured, deep, ms: 0, hidden: [] };
    const before = tablePorts(host);
    if (before === null) {
      gap('/proc/self/net', 'socket tables unreadable: hidden ports not checked');
      return fact;
    }
    // A port a socket shows cannot be a hidden one, and binding it would only race its owner.
    const skip = new Set(configured);
    const inUse: Record<ProbeFamily, number[]> = { tcp4: [], tcp6: [], udp4: [], udp6: [] };
    try {
      for (const proto of ['tcp', 'udp'] as const) {
        const families = FAMILIES.filter((f) => protoOf(f) === proto);
        const ports = wanted.filter((p) => !skip.has(p) && !before[proto].has(p));
        fact.portsProbed = Math.max(fact.portsProbed, ports.length);
        const held = probeBoundPorts(ports, families);
        for (const f of families) inUse[f] = held[f];
      }
    } catch (e) {
      gap(undefined, `bind probe failed: ${(e as Error).message}`);
      return fact;
    }
    const suspects = FAMILIES.flatMap((family) =>
      inUse[family].filter((port) => !before[protoOf(family)].has(port)).map((port) => ({ family, port })),
    );
    if (suspects.length > 0) {
      // Sockets come and go: confirm with a second table read and a second probe of just those.
      const after = tablePorts(host) ?? before;
      for (const family of FAMILIES) {
        const mine = suspects.filter((s) => s.family === family && !after[protoOf(family)].has(s.port)).map((s) => s.port);
        if (mine.length === 0) continue;
        const again = new Set(probeBoundPorts(mine, [family])[family]);
        for (const port of mine) if (again.has(port)) fact.hidden.push({ proto: protoOf(family), family, port });
      }
    }
    fact.ms = Math.round(performance.now() - t0);
    return fact;
  },
});
