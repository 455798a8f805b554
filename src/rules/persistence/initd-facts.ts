import { type Phrase, phrase } from '../../i18n/phrases';
import type { InitScriptFact, RcLinkFact } from '../../collect/persistence/sysv-init';
import type { Severity } from '../../model/finding';
import type { Snapshot } from '../../model/facts';
import { looksRandom } from '../process/random-name';
import { type JudgeContext, judgeCommand, packageState, recentFile, type TargetVerdict } from './judge';

// Lookups over SysV init facts shared by the init-script rules.

export function startLinks(snapshot: Snapshot, script: InitScriptFact): RcLinkFact[] {
  return (snapshot.facts.initScripts?.links ?? []).filter(
    (l) => l.action === 'S' && (l.resolved !== null ? l.resolved === script.realPath : l.name === script.name),
  );
}

export function runlevelsOf(links: RcLinkFact[]): string {
  return [...new Set(links.map((l) => l.runlevel))].sort().join(',');
}

export interface DdosVerdict {
  severity: Severity;
  reason: Phrase;
  links: RcLinkFact[];
  targets: TargetVerdict[];
}

const DROPPED: TargetVerdict['issue'][] = ['known-bad-name', 'random-name', 'tmp-path', 'hidden-path'];

/**
 * The XOR.DDoS / BillGates install: an unpackaged /etc/init.d/<name> started from several
 * runlevels (S90<name> in rc1.d…rc5.d) whose name is a bot name or random letters, or which
 * launches a dropped binary (random or known name, temp or hidden path).
 */
export function ddosVerdict(ctx: JudgeContext, script: InitScriptFact): DdosVerdict | null {
  const state = packageState(ctx.snapshot, script.file);
  if (state === 'owned') return null;
  const name = script.name.toLowerCase().replace(/\.sh$/, '');
  const bad = new Set([...ctx.intel.miners.processNames, ...ctx.intel.miners.ddosBotNames].map((n) => n.toLowerCase()));
  const links = startLinks(ctx.snapshot, script);
  const runlevels = new Set(links.map((l) => l.runlevel));
  const recent = recentFile(script.file, ctx.since);
  const targets = script.commands.flatMap((c) => judgeCommand(ctx, c, recent)?.all ?? []);
  const dropped = targets.filter((t) => DROPPED.includes(t.issue));
  if (bad.has(name)) return { severity: 'critical', reason: phrase('initd.knownName', { name: script.name }), links, targets };
  // The pattern is a new script; an edited package script is judged line by line elsewhere, and
  // without a package database a random-looking name proves little.
  if (state !== 'unowned') return null;
  if (looksRandom(name) && (links.length > 0 || dropped.length > 0))
    return { severity: 'critical', reason: phrase('initd.randomName', { name: script.name }), links, targets };
  if (runlevels.size >= 2 && dropped.length > 0)
    return { severity: 'critical', reason: phrase('initd.runlevels', { count: runlevels.size, path: dropped[0].path }), links, targets };
  return null;
}
