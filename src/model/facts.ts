/**
 * Everything collectors learn about a target, keyed by collector name. Each collector adds its
 * own key by declaration merging (`declare module '../model/facts'`), so a new fact family is
 * one new file. Facts are plain JSON so a snapshot can be saved and re-analysed elsewhere.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface Facts {}

export type FactName = keyof Facts;

import type { SnapshotEnvelope } from './snapshot-schema';

export interface TargetInfo {
  kind: 'live' | 'root';
  root: string;
  hostname: string;
}

/** What `scan --snapshot` writes: the envelope checked by src/model/snapshot-schema.ts, plus the facts. */
export type Snapshot = Omit<SnapshotEnvelope, 'facts'> & { facts: Partial<Facts> };
