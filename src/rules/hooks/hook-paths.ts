import { hiddenPlace, inTmpDir, isPackageOwned } from '../../analyze/facts-index';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';

// Path judgements shared by the hook rules: where a program or library lives says a lot about
// who put it there.

export type Place = 'tmp' | 'hidden';

/**
 * "tmp" for world-writable scratch dirs, "hidden" for a dot-component (".x", "...") outside the
 * dot-dirs developer tools create in homes (~/.local, ~/.nvm…); null for ordinary places.
 */
export function suspiciousPlace(path: string, intel: Intel): Place | null {
  if (inTmpDir(path)) return 'tmp';
  return hiddenPlace(path, intel.paths.knownHomeDotDirs) === null ? null : 'hidden';
}

/** Owned by a package: true/false, or null when there is no package database to ask. */
export function owned(snapshot: Snapshot, path: string): boolean | null {
  return isPackageOwned(snapshot, path);
}

const EVIDENCE_CHARS = 400;

/** "path:line: text", cut to a readable length. */
export function lineEvidence(path: string, n: number, text: string): string {
  const t = text.trim();
  return `${path}:${n}: ${t.length > EVIDENCE_CHARS ? `${t.slice(0, EVIDENCE_CHARS)}…` : t}`;
}
