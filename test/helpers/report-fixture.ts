import { buildReport } from '../../src/analyze/incident-report';
import type { Lang } from '../../src/i18n/lang';
import type { Snapshot } from '../../src/model/facts';
import type { ActionRecord, IncidentReport } from '../../src/model/report';
import type { ScanResult } from '../../src/model/scan-result';
import { scan } from '../../src/scan';
import type { FakeRoot } from './fake-root';
import { INCIDENT_NOW } from './incidents';

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

/**
 * Makes a scan of a planted tree reproducible: the temporary root becomes /mnt/evidence and every
 * stamp later than the incident's "now" (inode change times made by writing the tree, the scan's
 * own clock) becomes that "now". Planted times are all earlier and stay as they are.
 */
function normalize<T>(value: T, root: string): T {
  const now = INCIDENT_NOW.toISOString();
  const text = JSON.stringify(value)
    .split(root)
    .join('/mnt/evidence')
    .replace(ISO, (t) => (Date.parse(t) > INCIDENT_NOW.getTime() ? now : t));
  return JSON.parse(text) as T;
}

export async function scanFixed(root: FakeRoot, lang: Lang = 'en'): Promise<{ result: ScanResult; snapshot: Snapshot }> {
  const out = await scan({ root: root.dir, now: INCIDENT_NOW, lang });
  const result = normalize(out.result, root.dir);
  result.durationMs = 0;
  // Entries changed in the same instant are listed in directory order, which differs between trees.
  for (const f of result.findings) if (f.rule === 'files/recent-changes') f.evidence.sort();
  result.stats.timings = { collectMs: 0, sampleWaitMs: 0, analyzeMs: 0, collectors: {} };
  return { result, snapshot: normalize(out.snapshot, root.dir) };
}

export async function fixedReport(
  root: FakeRoot,
  lang: Lang,
  extra: { actions?: (ActionRecord & { answers: string[] })[] } = {},
): Promise<IncidentReport> {
  const { result, snapshot } = await scanFixed(root, lang);
  return buildReport({ result, snapshot, lang, generatedAt: INCIDENT_NOW, actions: extra.actions });
}
