import { type Phrase, phrase } from '../../i18n/phrases';
import type { UnitFact } from '../../collect/persistence/systemd';
import type { Snapshot } from '../../model/facts';

// Small lookups over the systemd facts shared by the systemd rules.

/** Which enablement links (…/multi-user.target.wants/x.service) pull the unit in. */
export function enabledBy(snapshot: Snapshot, unit: UnitFact): string[] {
  const facts = snapshot.facts.systemdUnits;
  if (!facts) return [];
  return facts.links.filter((l) => l.scope === unit.scope && (l.unit === unit.name || l.resolved === unit.file.path)).map((l) => l.path);
}

/** Who the unit's commands run as: User=, the owner of a per-user unit, else root. */
export function unitUser(unit: UnitFact): string {
  return unit.runAs ?? unit.user ?? 'root';
}

export function enabledEvidence(links: string[]): Phrase {
  return links.length > 0 ? phrase('systemd.enabled', { links: links.slice(0, 3).join(', ') }) : phrase('systemd.notLinked');
}

export function unitLabel(unit: UnitFact): string {
  return unit.kind === 'drop-in' ? `${unit.name} (drop-in ${unit.file.path})` : unit.name;
}
