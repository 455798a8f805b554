import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../i18n/lang';
import type { Snapshot } from '../model/facts';
import type { ActionRecord } from '../model/report';
import { SCAN_SCHEMA, type ScanResult } from '../model/scan-result';
import { listRuns, readJournal } from '../respond/journal';

// What `hostsweep report` reads besides a fresh scan: a saved scan document or snapshot, and the
// journal of response runs against the same target.

export type SavedInput = { kind: 'scan'; result: ScanResult } | { kind: 'snapshot'; snapshot: Snapshot };

/** A scan document (scan --json -o) or a snapshot (scan --snapshot), told apart by their schema. */
export function readSavedInput(file: string): SavedInput {
  let parsed: { schema?: unknown; findings?: unknown; facts?: unknown; gaps?: unknown; target?: unknown };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read a JSON document (${(e as Error).message})`);
  }
  if (parsed?.schema === SCAN_SCHEMA && Array.isArray(parsed.findings) && Array.isArray(parsed.gaps) && parsed.target)
    return { kind: 'scan', result: parsed as unknown as ScanResult };
  if (parsed?.schema === 'hostsweep/snapshot@1' && typeof parsed.facts === 'object' && Array.isArray(parsed.gaps) && parsed.target)
    return { kind: 'snapshot', snapshot: parsed as unknown as Snapshot };
  throw new Error(
    `${file}: key "schema" is not ${SCAN_SCHEMA} or hostsweep/snapshot@1 (expected "scan --json -o" or "scan --snapshot" output)`,
  );
}

/** Journaled steps of every run against this target (same kind and root), oldest first. */
export function journaledActions(
  stateDir: string,
  target: { kind: 'live' | 'root'; root: string },
  lang: Lang,
): (ActionRecord & { answers: string[] })[] {
  const root = target.kind === 'live' ? '/' : path.resolve(target.root);
  const out: (ActionRecord & { answers: string[] })[] = [];
  for (const run of listRuns(stateDir)) {
    const t = run.info.target;
    if (t.kind !== target.kind || (t.kind === 'root' && path.resolve(t.root) !== root)) continue;
    const file = path.join(stateDir, 'runs', run.info.id, 'journal.jsonl');
    for (const e of readJournal(file)) {
      if (e.phase === 'intent') continue;
      out.push({
        runId: run.info.id,
        command: run.info.command,
        time: e.time,
        phase: e.phase,
        kind: e.action.kind,
        summary: e.action.summary?.[lang] ?? e.action.kind,
        answers: Array.isArray(e.action.answers) ? e.action.answers : [],
      });
    }
  }
  return out;
}
