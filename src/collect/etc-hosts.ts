import { defineCollector } from './collector';

export interface HostsEntry {
  address: string;
  names: string[];
  line: number;
}

declare module '../model/facts' {
  interface Facts {
    etcHosts: HostsEntry[];
  }
}

export function parseHosts(text: string): HostsEntry[] {
  const out: HostsEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const [address, ...names] = line.split(/\s+/);
    if (names.length > 0) out.push({ address, names, line: i + 1 });
  });
  return out;
}

export default defineCollector({
  name: 'etcHosts',
  description: 'Static name resolution from /etc/hosts (miners pin pool addresses there; rival malware blackholes pools there).',
  paths: ['/etc/hosts'],
  collect({ host, gap }) {
    const text = host.readText('/etc/hosts', 4 * 1024 * 1024);
    if (text === null && host.lastError() !== 'ENOENT') gap('/etc/hosts', host.lastError() ?? 'unreadable');
    return parseHosts(text ?? '');
  },
});
