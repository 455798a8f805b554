import { format, type Lang } from '../i18n/lang';
import { type PhraseValue, phrase } from '../i18n/phrases';
import { atLeast, type Finding } from '../model/finding';
import type { Snapshot } from '../model/facts';
import { pathSpellings } from '../model/path-name';

// A chattr lock is judged together with what else is known about the file. On a foothold (a
// finding at medium or above names it) the lock is part of that finding's evidence, because
// removing it will fail until the flag is cleared, and it raises a medium foothold to high. A lock
// on a file nothing else names stays a note (files/immutable-attribute at low), unless another
// finding names the file: then the lock is raised to medium.

const IMMUTABLE_RULE = 'files/immutable-attribute';

function text(v: PhraseValue, lang: Lang): string {
  return format('{v}', { v }, undefined, lang);
}

export function judgeLockedFiles(findings: Finding[], snapshot: Snapshot, lang: Lang): void {
  const locks = new Map<string, { flags: string; immutable: boolean; appendOnly: boolean }>();
  for (const a of snapshot.facts.fileAttributes?.protected ?? []) for (const p of pathSpellings(a.path)) locks.set(p, a);
  if (locks.size === 0) return;
  const footholds = new Map<string, string[]>();
  for (const f of findings) {
    if (f.rule === IMMUTABLE_RULE || !f.path) continue;
    const lock = locks.get(f.path);
    if (!lock) continue;
    if (atLeast(f.severity, 'medium')) {
      for (const p of pathSpellings(f.path)) footholds.set(p, [...(footholds.get(p) ?? []), f.rule]);
    }
    const line = lock.immutable ? phrase('foothold.locked', { flags: lock.flags }) : phrase('foothold.appendOnly', { flags: lock.flags });
    f.evidence.push(text(line, lang));
    if (f.severity === 'medium') f.severity = 'high';
  }
  for (const f of findings) {
    if (f.rule !== IMMUTABLE_RULE || !f.path) continue;
    const rules = footholds.get(f.path);
    if (!rules) continue;
    f.evidence.push(text(phrase('locked.alsoFinding', { rules: [...new Set(rules)].join(', ') }), lang));
    if (!atLeast(f.severity, 'medium')) f.severity = 'medium';
  }
}
