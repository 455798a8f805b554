/**
 * Everything collectors learn about a target, keyed by collector name. Each collector adds its
 * own key by declaration merging (`declare module '../model/facts'`), so a new fact family is
 * one new file. Facts are plain JSON so a snapshot can be saved and re-analysed elsewhere.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface Facts {}

export type FactName = keyof Facts;

export interface TargetInfo {
  kind: 'live' | 'root';
  root: string;
  hostname: string;
}

export interface Snapshot {
  schema: 'hostsweep/snapshot@1';
  /** The hostsweep that wrote it (absent in snapshots from before it was recorded). */
  tool?: { name: 'hostsweep'; version: string };
  target: TargetInfo;
  collectedAt: string;
  /** "Now" for the target: the analyst's clock for live hosts, the newest file/log time for images unless --now is given. */
  referenceTime: string;
  facts: Partial<Facts>;
  gaps: import('./gap').Gap[];
}
