import type { Severity } from '../model/finding';
import { type Localized, localized } from '../i18n/phrases';
import type { Intel } from '../intel/intel';

export interface CommandMatch {
  id: string;
  severity: Severity;
  description: string;
  /** The description in every language the intel gives. */
  what: Localized;
}

interface Matcher {
  patterns: { id: string; severity: Severity; description: string; what: Localized; re: RegExp }[];
  /** Milliseconds spent on long lines so far in this scan. */
  longLineMs: number;
  /** Long lines analysed only in their first LONG_LINE characters once the budget ran out. */
  clipped: number;
}

// The patterns backtrack: a crafted line of repeated "curl curl …" costs time quadratic in its
// length. Real commands are short, so long lines share a time budget per scan; past it they are
// analysed in their first LONG_LINE characters only, and the scan reports that as a gap.
const LONG_LINE = 1024;
const MAX_LINE = 8192;
const LONG_LINE_BUDGET_MS = 1000;

const matchers = new WeakMap<Intel, Matcher>();

function matcher(intel: Intel): Matcher {
  let m = matchers.get(intel);
  if (!m) {
    m = {
      patterns: intel.commands.patterns.map((p) => ({
        id: p.id,
        severity: p.severity,
        description: p.description,
        what: localized(p.description, p.zh),
        re: new RegExp(p.pattern, 'i'),
      })),
      longLineMs: 0,
      clipped: 0,
    };
    matchers.set(intel, m);
  }
  return m;
}

/** Which dangerous command patterns (intel/commands.json) a command line contains. */
export function matchCommand(intel: Intel, command: string): CommandMatch[] {
  const m = matcher(intel);
  let text = command;
  let started = 0;
  if (text.length > LONG_LINE) {
    // Runs of blanks change nothing for these patterns and are the cheapest padding.
    text = text.replace(/\s+/g, ' ').slice(0, MAX_LINE);
    if (text.length > LONG_LINE && m.longLineMs > LONG_LINE_BUDGET_MS) {
      text = text.slice(0, LONG_LINE);
      m.clipped++;
    }
    started = performance.now();
  }
  const hits = m.patterns
    .filter((p) => p.re.test(text))
    .map(({ id, severity, description, what }) => ({ id, severity, description, what }));
  if (started > 0) m.longLineMs += performance.now() - started;
  return hits;
}

/** How many long command lines were analysed only in part because the time budget ran out. */
export function clippedCommandLines(intel: Intel): number {
  return matchers.get(intel)?.clipped ?? 0;
}
