import { z } from 'zod';
import { GapSchema } from './gap';

// The envelope of a snapshot (`scan --snapshot`), checked before any rule sees it. The facts
// themselves are the collectors' business: a fact of the wrong shape makes the rules that read
// it crash, and a crashed rule makes the verdict incomplete (exit 3), never "clean".

export const SNAPSHOT_SCHEMA = 'hostsweep/snapshot@1';

export function snapshotSchema(factNames: readonly string[]) {
  return z.strictObject({
    schema: z.literal(SNAPSHOT_SCHEMA),
    /** The hostsweep that wrote it; absent in snapshots written before it was recorded. */
    tool: z.strictObject({ name: z.literal('hostsweep'), version: z.string().min(1) }).optional(),
    target: z.strictObject({ kind: z.enum(['live', 'root']), root: z.string(), hostname: z.string() }),
    collectedAt: z.iso.datetime(),
    referenceTime: z.iso.datetime(),
    facts: z.partialRecord(z.enum(factNames as [string, ...string[]]), z.unknown()),
    gaps: z.array(GapSchema),
  });
}

/** The checked envelope; `facts` is typed by the collectors (src/model/facts.ts). */
export type SnapshotEnvelope = z.infer<ReturnType<typeof snapshotSchema>>;
