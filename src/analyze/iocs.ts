import type { Facts } from '../model/facts';
import type { EntryPoint, Iocs, ReportFinding } from '../model/report';
import { findingIps } from './correlate';

// Indicators another team can search for: hashes of the files findings name, the addresses and
// domains they mention, and the paths themselves. Log files and URL paths are where evidence was
// read, not what the attacker left, so they are not indicators.

const LOG_CATEGORIES = new Set(['log_bruteforce', 'log_login', 'log_web']);
const URL_HOST = /\b[a-z][a-z0-9+.-]{1,15}:\/\/(?:[^@/\s]*@)?([a-z0-9.-]+\.[a-z]{2,24})(?=[:/\s'"]|$)/gi;
const HOST_PORT = /(?<![\w/.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}):\d{2,5}\b/gi;
const SHA256 = /\b[a-f0-9]{64}\b/gi;

class Collector {
  private readonly map = new Map<string, { findings: Set<string>; context?: string }>();
  add(value: string, finding?: string, context?: string) {
    const v = this.map.get(value) ?? { findings: new Set<string>(), context };
    v.context ??= context;
    if (finding) v.findings.add(finding);
    this.map.set(value, v);
  }
  list() {
    return [...this.map.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([value, v]) => ({ value, findings: [...v.findings].sort(), ...(v.context ? { context: v.context } : {}) }));
  }
}

export function extractIocs(findings: ReportFinding[], entries: EntryPoint[], facts: Partial<Facts> | undefined): Iocs {
  const hashes = new Collector();
  const ips = new Collector();
  const domains = new Collector();
  const paths = new Collector();
  const sha = new Map<string, string>();
  for (const e of facts?.fileInventory?.entries ?? []) if (e.sha256) sha.set(e.path, e.sha256);
  for (const f of findings) {
    for (const ip of findingIps(f)) ips.add(ip, f.id);
    const text = [f.title, ...f.evidence, f.process?.cmdline ?? ''].join('\n');
    for (const m of text.matchAll(URL_HOST)) domains.add(m[1].toLowerCase(), f.id);
    for (const m of text.matchAll(HOST_PORT)) domains.add(m[1].toLowerCase(), f.id);
    for (const m of text.matchAll(SHA256)) hashes.add(m[0].toLowerCase(), f.id);
    // Inventory findings (info) name directories that were looked at, not things the attacker left.
    if (LOG_CATEGORIES.has(f.category) || f.severity === 'info') continue;
    for (const p of [f.path, f.process?.exe]) {
      if (!p) continue;
      paths.add(p, f.id);
      const h = sha.get(p);
      if (h) hashes.add(h, f.id, p);
    }
  }
  for (const e of entries) {
    if (e.ip) ips.add(e.ip);
    if (e.kind === 'webshell' && e.path) paths.add(e.path);
  }
  return { sha256: hashes.list(), ips: ips.list(), domains: domains.list(), paths: paths.list() };
}
