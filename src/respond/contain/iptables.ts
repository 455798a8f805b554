import { addrsOf, type BackendId, type DropCounter, type FirewallAdded, type FirewallBackend, type FirewallChange } from './firewall';
import { runTool, type Tool, ToolError } from './run-tool';
import { addEgressLimit, egressDevices, egressDrops, removeEgressLimit } from './tc-egress';

// iptables backend (the nft-based and the legacy variant): rules live in user chains named
// HOSTSWEEP-<run>-<n>-IN/OUT, each jumped to from position 1 of the built-in chain. Kept traffic
// RETURNs, so the site's own rules still judge it; nothing of the site's is flushed or reordered.

type Family = 'ip' | 'ip6';
type Variant = Exclude<BackendId, 'nft'>;

function tool(variant: Variant, family: Family): Tool {
  const base = family === 'ip' ? 'iptables' : 'ip6tables';
  return (variant === 'iptables' ? base : `${base}-${variant.slice('iptables-'.length)}`) as Tool;
}

/** Rules (iptables arguments after `-A CHAIN`) for one change, one family, one direction. */
export function iptablesRules(change: FirewallChange, family: Family, from: 'INPUT' | 'OUTPUT' | 'FORWARD'): string[][] {
  const v = family === 'ip' ? 4 : 6;
  const comment = ['-m', 'comment', '--comment', `hostsweep ${change.kind}`];
  if (change.kind === 'block') {
    // Forwarded traffic (containers, VMs) is cut both ways, as nftables' forward chain does.
    const flags = from === 'INPUT' ? ['-s'] : from === 'OUTPUT' ? ['-d'] : ['-s', '-d'];
    return flags.flatMap((flag) => addrsOf(change.addrs, v).map((a) => [flag, a, ...comment, '-j', 'DROP']));
  }
  if (change.kind === 'isolate' && from !== 'FORWARD') {
    const lo = from === 'INPUT' ? '-i' : '-o';
    const peer = from === 'INPUT' ? '-s' : '-d';
    return [
      [lo, 'lo', '-j', 'RETURN'],
      ...(family === 'ip6' ? [133, 134, 135, 136].map((t) => ['-p', 'ipv6-icmp', '--icmpv6-type', String(t), '-j', 'RETURN']) : []),
      ...change.keepPorts.flatMap((p) => [
        ['-p', 'tcp', '--sport', String(p), '-j', 'RETURN'],
        ['-p', 'tcp', '--dport', String(p), '-j', 'RETURN'],
      ]),
      ...addrsOf(change.keepAddrs, v).map((a) => [peer, a, '-j', 'RETURN']),
      [...comment, '-j', 'DROP'],
    ];
  }
  return [];
}

function isMissing(e: unknown): boolean {
  return e instanceof ToolError && /No chain|does not exist|No such file|Bad rule|doesn't exist/i.test(e.stderr);
}

export function iptablesBackend(variant: Variant): FirewallBackend {
  const run = (family: Family, args: string[]) => runTool(tool(variant, family), ['-w', ...args]);
  return {
    id: variant,
    plan(tag, change) {
      if (change.kind === 'egress-limit') return { backend: variant, chains: [], tcDevices: egressDevices() };
      const id = tag.toUpperCase();
      const chains: FirewallAdded['chains'] = [];
      for (const family of ['ip', 'ip6'] as const) {
        for (const from of ['INPUT', 'OUTPUT', 'FORWARD'] as const) {
          if (iptablesRules(change, family, from).length > 0) chains.push({ family, name: `HOSTSWEEP-${id}-${from.slice(0, 3)}`, from });
        }
      }
      return { backend: variant, chains, tcDevices: [] };
    },
    async apply(change, added, step) {
      if (change.kind === 'egress-limit') return addEgressLimit(added.tcDevices, change.bytesPerSec, change.keepPorts);
      for (const [i, c] of added.chains.entries()) {
        const family = c.family as Family;
        await run(family, ['-N', c.name]);
        for (const rule of iptablesRules(change, family, c.from ?? 'INPUT')) await run(family, ['-A', c.name, ...rule]);
        // The jump goes in last: a half-built chain is never in the path.
        await run(family, ['-I', c.from ?? 'INPUT', '1', '-j', c.name]);
        step?.(`chain-${i + 1}`);
      }
    },
    async remove(added) {
      await removeEgressLimit(added.tcDevices);
      for (const c of added.chains) {
        const family = c.family as Family;
        for (let i = 0; i < 16; i++) {
          try {
            await run(family, ['-D', c.from ?? 'INPUT', '-j', c.name]);
          } catch (e) {
            if (isMissing(e)) break;
            throw e;
          }
        }
        for (const op of ['-F', '-X']) {
          try {
            await run(family, [op, c.name]);
          } catch (e) {
            if (!isMissing(e)) throw e;
          }
        }
      }
    },
    async counters() {
      const out: DropCounter[] = [];
      let readable = 0;
      let error: unknown = null;
      for (const family of ['ip', 'ip6'] as const) {
        let text: string;
        try {
          text = await run(family, ['-S']);
          readable++;
        } catch (e) {
          error = e;
          continue;
        }
        const chains = [...new Set([...text.matchAll(/^-N (HOSTSWEEP-\S+)$/gm)].map((m) => m[1]))];
        for (const chain of chains) {
          const list = await run(family, ['-L', chain, '-v', '-x', '-n']);
          for (const line of list.split('\n')) {
            const m = /^\s*(\d+)\s+(\d+)\s+DROP\b/.exec(line);
            if (m) out.push({ where: `${tool(variant, family)} ${chain}`, packets: Number(m[1]), bytes: Number(m[2]) });
          }
        }
      }
      if (readable === 0) throw error;
      return [...out, ...(await egressDrops(egressDevices()))];
    },
  };
}
