import type { RuleSource } from '../intel/yara/builtin';
import type { Host } from '../host/host';
import type { Intel } from '../intel/schema';
import type { Gap, GapKind } from '../model/gap';
import type { Facts, FactName } from '../model/facts';

export interface CollectOptions {
  /** Sampling window for CPU and network rates, in milliseconds (0 = no sampling). */
  sampleMs: number;
  /** The user's YARA rule files (--rules DIR), evaluated with the built-in ones. */
  contentRules?: RuleSource[];
  /** Told each file the content scan reads (--clamav scans the same set). */
  onContentFile?: (path: string) => void;
}

export interface CollectContext {
  host: Host;
  options: CollectOptions;
  /** The loaded indicators (built-in plus --intel files): lists and limits that decide what to read. */
  intel: Intel;
  /** Facts gathered by collectors that ran earlier (see `after`). */
  facts: Partial<Facts>;
  /** Records a blind spot; give `kind` when the reason alone does not say (see src/model/gap.ts). */
  gap(path: string | undefined, reason: string, kind?: GapKind): void;
}

/** One fact family, in the spirit of an osquery table: what it reads and how. */
export interface Collector<K extends FactName = FactName> {
  name: K;
  description: string;
  /** Paths this collector reads, for docs and for `hostsweep tables`. */
  paths: string[];
  /** Only meaningful on a running system (processes, sockets). Offline it becomes a gap. */
  liveOnly?: boolean;
  /** Collectors whose facts this one needs first. */
  after?: FactName[];
  collect(ctx: CollectContext): Facts[K];
}

export function defineCollector<K extends FactName>(c: Collector<K>): Collector<K> {
  return c;
}

export function makeGapRecorder(collector: string, gaps: Gap[]) {
  return (path: string | undefined, reason: string, kind?: GapKind) => {
    const gap: Gap = path === undefined ? { collector, reason } : { collector, path, reason };
    if (kind) gap.kind = kind;
    gaps.push(gap);
  };
}
