import fs from 'node:fs';
import type { BackendId, FirewallBackend } from './firewall';
import { iptablesBackend } from './iptables';
import { nftBackend } from './nft';
import { runTool, toolPath } from './run-tool';

export function firewallBackend(id: BackendId): FirewallBackend {
  return id === 'nft' ? nftBackend() : iptablesBackend(id);
}

/** auto: nftables when nft works here, else iptables (whichever variant the system selected). */
export async function chooseBackend(wanted: BackendId | 'auto'): Promise<BackendId | null> {
  // An explicit choice must be installed: found out now, not half-way through applying.
  if (wanted !== 'auto') return toolPath(wanted) ? wanted : null;
  if (toolPath('nft')) {
    try {
      await runTool('nft', ['list', 'tables']);
      return 'nft';
    } catch {}
  }
  return toolPath('iptables') ? 'iptables' : null;
}

/** Site firewalls hostsweep lives alongside (never flushes or reorders). */
export function siteFirewalls(proc = '/proc', ufwConf = '/etc/ufw/ufw.conf'): { firewalld: boolean; ufw: boolean } {
  let firewalld = false;
  try {
    for (const name of fs.readdirSync(proc)) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const cmd = fs.readFileSync(`${proc}/${name}/cmdline`, 'utf8').split('\0');
        if (cmd.slice(0, 3).some((a) => /(^|\/)firewalld$/.test(a))) firewalld = true;
      } catch {}
    }
  } catch {}
  let ufw = false;
  try {
    ufw = /^\s*ENABLED\s*=\s*yes\s*$/im.test(fs.readFileSync(ufwConf, 'utf8'));
  } catch {}
  return { firewalld, ufw };
}
