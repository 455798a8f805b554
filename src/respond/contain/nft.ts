import { addrsOf, type DropCounter, type FirewallAdded, type FirewallBackend, type FirewallChange } from './firewall';
import { runTool, ToolError } from './run-tool';

// nftables backend: one table, inet hostsweep, with base chains of its own per action. Other
// tables (the site's, firewalld's) are never listed for change, flushed or reordered; nftables
// evaluates every table's base chains, so a drop here is a drop, and an accept here leaves the
// site's own rules in force.

export const NFT_TABLE = 'hostsweep';

function set(values: (string | number)[]): string {
  return values.length === 1 ? String(values[0]) : `{ ${values.join(', ')} }`;
}

/** The nft script that adds a change; the chains get their names from `added`. */
export function nftScript(change: FirewallChange, added: FirewallAdded): string {
  const chain = (suffix: string) => added.chains.find((c) => c.name.endsWith(suffix))?.name ?? '';
  const lines: string[] = [`table inet ${NFT_TABLE} {`];
  const base = (name: string, hook: string, rules: string[]) => {
    lines.push(
      `  chain ${name} {`,
      `    type filter hook ${hook} priority filter - 10; policy accept;`,
      ...rules.map((r) => `    ${r}`),
      '  }',
    );
  };
  const comment = `comment "hostsweep ${change.kind}"`;
  if (change.kind === 'egress-limit') {
    const keep = change.keepPorts;
    // postrouting sees what this host sends and what it forwards (containers, VMs).
    base(chain('-egress'), 'postrouting', [
      'oifname "lo" accept',
      ...(keep.length > 0 ? [`tcp sport ${set(keep)} accept`, `tcp dport ${set(keep)} accept`] : []),
      `limit rate over ${change.bytesPerSec} bytes/second counter drop ${comment}`,
    ]);
  } else if (change.kind === 'block') {
    const v4 = addrsOf(change.addrs, 4);
    const v6 = addrsOf(change.addrs, 6);
    const rules = (dir: 'saddr' | 'daddr') => [
      ...(v4.length > 0 ? [`ip ${dir} ${set(v4)} counter drop ${comment}`] : []),
      ...(v6.length > 0 ? [`ip6 ${dir} ${set(v6)} counter drop ${comment}`] : []),
    ];
    base(chain('-in'), 'input', rules('saddr'));
    base(chain('-fwd'), 'forward', [...rules('saddr'), ...rules('daddr')]);
    base(chain('-out'), 'output', rules('daddr'));
  } else {
    const keep = change.keepPorts;
    const v4 = addrsOf(change.keepAddrs, 4);
    const v6 = addrsOf(change.keepAddrs, 6);
    const allow = (dir: 'saddr' | 'daddr', lo: string) => [
      `${lo} "lo" accept`,
      // IPv6 needs neighbour discovery, or the kept path dies with everything else.
      'icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert, nd-router-solicit } accept',
      ...(keep.length > 0 ? [`tcp sport ${set(keep)} accept`, `tcp dport ${set(keep)} accept`] : []),
      ...(v4.length > 0 ? [`ip ${dir} ${set(v4)} accept`] : []),
      ...(v6.length > 0 ? [`ip6 ${dir} ${set(v6)} accept`] : []),
      `counter drop ${comment}`,
    ];
    base(chain('-in'), 'input', allow('saddr', 'iifname'));
    base(chain('-out'), 'output', allow('daddr', 'oifname'));
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function isMissing(e: unknown): boolean {
  return e instanceof ToolError && /No such file or directory|does not exist/i.test(e.stderr);
}

interface NftJson {
  nftables?: { rule?: { chain: string; expr?: Record<string, unknown>[] } }[];
}

export function nftBackend(): FirewallBackend {
  return {
    id: 'nft',
    plan(tag, change) {
      const suffixes = change.kind === 'egress-limit' ? ['-egress'] : change.kind === 'block' ? ['-in', '-fwd', '-out'] : ['-in', '-out'];
      return { backend: 'nft', chains: suffixes.map((s) => ({ family: 'inet' as const, name: `${tag}${s}` })), tcDevices: [] };
    },
    async apply(change, added) {
      // One nft -f is one transaction: all the change's rules appear at once or none do.
      await runTool('nft', ['-f', '-'], nftScript(change, added));
    },
    async remove(added) {
      for (const c of added.chains) {
        try {
          await runTool('nft', ['delete', 'chain', 'inet', NFT_TABLE, c.name]);
        } catch (e) {
          if (!isMissing(e)) throw e;
        }
      }
      // The table goes once no run has chains left in it.
      try {
        const json = JSON.parse(await runTool('nft', ['-j', 'list', 'table', 'inet', NFT_TABLE])) as { nftables?: { chain?: unknown }[] };
        if (!json.nftables?.some((x) => x.chain)) await runTool('nft', ['delete', 'table', 'inet', NFT_TABLE]);
      } catch (e) {
        if (!isMissing(e)) throw e;
      }
    },
    async counters() {
      let json: NftJson;
      try {
        json = JSON.parse(await runTool('nft', ['-j', 'list', 'table', 'inet', NFT_TABLE])) as NftJson;
      } catch (e) {
        if (isMissing(e)) return [];
        throw e;
      }
      const out: DropCounter[] = [];
      for (const item of json.nftables ?? []) {
        const expr = item.rule?.expr ?? [];
        const counter = expr.find((x) => 'counter' in x)?.counter as { packets: number; bytes: number } | undefined;
        if (item.rule && counter && expr.some((x) => 'drop' in x)) {
          out.push({ where: `nft inet ${NFT_TABLE} ${item.rule.chain}`, packets: counter.packets, bytes: counter.bytes });
        }
      }
      return out;
    },
  };
}
