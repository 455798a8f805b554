import type { Localized } from '../i18n/phrases';
import { localized } from '../i18n/phrases';
import type { Intel } from '../intel/intel';
import { atLeast, type Severity } from '../model/finding';
import { matchCommand } from './command-patterns';

/** Something in a script's text that a harmless admin or build script does not contain. */
export interface ScriptConcern {
  id: string;
  severity: Severity;
  what: Localized;
  /** The line that matched, as written (bounded). */
  line: string;
}

const MAX_LINES = 2000;
const MAX_SHOWN = 200;

const compiled = new WeakMap<Intel, { id: string; what: Localized; re: RegExp }[]>();

function minerPatterns(intel: Intel): { id: string; what: Localized; re: RegExp }[] {
  let list = compiled.get(intel);
  if (!list) {
    list = [];
    for (const p of intel.miners.argumentPatterns) {
      try {
        list.push({ id: p.id, what: localized(p.description, p.zh), re: new RegExp(p.pattern, 'i') });
      } catch {
        // A bad user-supplied pattern never matches; it must not stop the scan.
      }
    }
    for (const d of intel.pools.domains) {
      const esc = d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      list.push({ id: 'pool-domain', what: localized(`mining pool ${d}`, `矿池 ${d}`), re: new RegExp(`(^|[^\\w.-])${esc}\\b`, 'i') });
    }
    for (const n of intel.miners.processNames) {
      const esc = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      list.push({
        id: 'miner-name',
        what: localized(`miner program ${n}`, `挖矿程序 ${n}`),
        re: new RegExp(`(^|[\\s/'"=])${esc}(\\s|$|['";&|])`, 'i'),
      });
    }
    compiled.set(intel, list);
  }
  return list;
}

/**
 * What in a script's text makes it more than a build or admin script: download-and-execute,
 * reverse shells and other dangerous commands at high or above (intel commands), miner
 * arguments, pool domains and miner program names (intel miners, pools). Empty for a script
 * that only runs make, npm, docker, git and the like.
 */
export function scriptConcerns(intel: Intel, text: string): ScriptConcern[] {
  const lines = text
    .split('\n')
    .slice(0, MAX_LINES)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const out: ScriptConcern[] = [];
  const seen = new Set<string>();
  const add = (c: ScriptConcern) => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    out.push(c);
  };
  const cut = (l: string) => (l.length > MAX_SHOWN ? `${l.slice(0, MAX_SHOWN)}…` : l);
  for (const l of lines) {
    for (const m of matchCommand(intel, l))
      if (atLeast(m.severity, 'high')) add({ id: m.id, severity: m.severity, what: m.what, line: cut(l) });
    for (const p of minerPatterns(intel))
      if (p.re.test(l.slice(0, 4096))) add({ id: p.id, severity: 'critical', what: p.what, line: cut(l) });
  }
  // Download-then-execute spreads over lines (wget -O x; chmod +x x; ./x).
  const joined = lines.join(' ; ');
  for (const m of matchCommand(intel, joined))
    if (atLeast(m.severity, 'high')) add({ id: m.id, severity: m.severity, what: m.what, line: cut(joined) });
  return out;
}
