import { z } from 'zod';

/**
 * Kinds of gap, most dangerous first: the order is the display rank. Every kind before
 * `not-applicable` can hide a compromise (a payload in the file that was skipped, the process
 * that could not be read, the rule that crashed) and makes the scan incomplete.
 */
export const GAP_KINDS = [
  /** The live scan ran without root: other users' processes and protected files are invisible. */
  'not-root',
  /** A detection rule threw: everything it checks went unchecked. */
  'rule-crashed',
  /** A whole collector failed: a fact family is missing. */
  'collector-failed',
  /** A running process whose program, memory map or state could not be read. */
  'unreadable-process',
  /** A file or directory that could not be read. */
  'unreadable',
  /** A file or directory not examined: a limit, a budget, a name it cannot handle, an unsupported format. */
  'skipped',
  /** Only part was read: a line, a file or a list cut at a size or time budget. */
  'cut',
  /** Not meaningful for this target, e.g. live-only facts on an offline image. */
  'not-applicable',
  /** Went away while being read (a process that exited). */
  'vanished',
] as const;

export type GapKind = (typeof GAP_KINDS)[number];

/** Something the scan could not look at. A gap is never "clean": it is reported. */
export const GapSchema = z.strictObject({
  collector: z.string().min(1),
  path: z.string().optional(),
  /** The rule a `rule-crashed` gap is about. */
  rule: z.string().optional(),
  reason: z.string(),
  /** What kind of blind spot this is; derived from the reason by `classifyGap` when not given. */
  kind: z.enum(GAP_KINDS).optional(),
});

export type Gap = z.infer<typeof GapSchema>;

/** `hides`: could hide a compromise, so the verdict is incomplete; `cosmetic`: cannot. */
export type GapImpact = 'hides' | 'cosmetic';

const COSMETIC: ReadonlySet<GapKind> = new Set(['not-applicable', 'vanished']);

export function gapImpact(kind: GapKind): GapImpact {
  return COSMETIC.has(kind) ? 'cosmetic' : 'hides';
}

/** Lower is shown first. */
export function gapRank(kind: GapKind): number {
  return GAP_KINDS.indexOf(kind);
}

/**
 * The kind of a gap: the one the collector gave, else read from its reason. Unknown reasons count
 * as `unreadable`, never as cosmetic: a gap nobody classified must not make a scan look complete.
 */
export function classifyGap(g: Gap): GapKind {
  if (g.kind) return g.kind;
  const r = g.reason;
  if (/not available on an offline image/.test(r)) return 'not-applicable';
  if (/exited during scan/.test(r)) return 'vanished';
  if (/^collector failed/.test(r)) return 'collector-failed';
  if (g.path && /^\/proc\/\d+(\/|$)/.test(g.path)) return 'unreadable-process';
  if (/\bonly (the )?(first|newest)\b|\bcut\b|truncat|checked only/.test(r)) return 'cut';
  if (
    /not examined|not read|not opened|skipped|limit|stopped|budget|not (yet )?supported|not parsed|not checked|not verified|not decompressed/.test(
      r,
    )
  )
    return 'skipped';
  return 'unreadable';
}

/** Gaps with their kind filled in, most dangerous first; stable within a kind. */
export function rankGaps(gaps: readonly Gap[]): (Gap & { kind: GapKind })[] {
  return gaps
    .map((g, i) => ({ g: { ...g, kind: classifyGap(g) }, i }))
    .sort((a, b) => gapRank(a.g.kind) - gapRank(b.g.kind) || a.i - b.i)
    .map((x) => x.g);
}

/** One reason a scan is incomplete, for machines: which kind of blind spot, how many, and where. */
export interface IncompleteReason {
  kind: GapKind;
  count: number;
  /** The first few paths, rule ids or collector names concerned. */
  where: string[];
}

const WHERE_SHOWN = 5;

/** Why a verdict cannot be "clean": every gap that can hide a compromise, grouped by kind, most dangerous first. */
export function incompleteReasons(gaps: readonly Gap[]): IncompleteReason[] {
  const byKind = new Map<GapKind, IncompleteReason>();
  for (const g of rankGaps(gaps)) {
    if (gapImpact(g.kind) !== 'hides') continue;
    let r = byKind.get(g.kind);
    if (!r) {
      r = { kind: g.kind, count: 0, where: [] };
      byKind.set(g.kind, r);
    }
    r.count++;
    const where = g.path ?? g.rule ?? g.collector;
    if (r.where.length < WHERE_SHOWN && !r.where.includes(where)) r.where.push(where);
  }
  return [...byKind.values()];
}
