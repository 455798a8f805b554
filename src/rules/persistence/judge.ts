import type { CommandFact, TargetFact } from '../../collect/persistence/command-targets';
import type { FileInfo } from '../../collect/persistence/file-info';
import { type CommandMatch, matchCommand } from '../../analyze/command-patterns';
import { hiddenPlace, inTmpDir, isPackageOwned } from '../../analyze/facts-index';
import { type Phrase, phrase } from '../../i18n/phrases';
import type { Intel } from '../../intel/intel';
import { type Severity, severityRank } from '../../model/finding';
import type { Snapshot } from '../../model/facts';
import { looksRandom } from '../process/random-name';

// Judgement shared by the cron, at, systemd and init-script rules: is this file the package's
// own, and is what a command runs alarming? Rules only choose the wording.

/** 'modified' = a dpkg conffile or rpm %config file whose bytes differ from the packaged checksum. */
export type PackageState = 'owned' | 'modified' | 'unowned' | 'unknown';

export function packageState(snapshot: Snapshot, file: Pick<FileInfo, 'path' | 'md5' | 'sha256'>): PackageState {
  const owned = isPackageOwned(snapshot, file.path);
  if (owned === null) return 'unknown';
  if (!owned) return 'unowned';
  const packaged = snapshot.facts.dpkgConffiles?.[file.path];
  if (packaged) return file.md5 && packaged !== file.md5 ? 'modified' : 'owned';
  // rpm records md5 (RHEL 5/6) or sha256 (RHEL 7 and later).
  const rpm = snapshot.facts.rpmConfigFiles?.[file.path];
  const actual = rpm?.length === 64 ? file.sha256 : file.md5;
  return rpm && actual && rpm !== actual ? 'modified' : 'owned';
}

/** The most severe dangerous-command pattern in a line (download-and-execute, reverse shell…). */
export function worstCommandMatch(intel: Intel, text: string): CommandMatch | null {
  let worst: CommandMatch | null = null;
  for (const m of matchCommand(intel, text)) if (!worst || severityRank(m.severity) > severityRank(worst.severity)) worst = m;
  return worst;
}

export type TargetIssue =
  | 'known-bad-name'
  | 'tmp-path'
  | 'hidden-path'
  | 'random-name'
  | 'missing-target'
  | 'unowned-system'
  | 'unowned-target';

export interface TargetVerdict {
  issue: TargetIssue;
  severity: Severity;
  target: TargetFact;
  /** The path judged (symlinks resolved). */
  path: string;
  /** One evidence line saying what is wrong with the target. */
  why: Phrase;
}

const SEVERITY_UP: Record<Severity, Severity> = { info: 'low', low: 'medium', medium: 'high', high: 'high', critical: 'critical' };

export function raise(s: Severity): Severity {
  return SEVERITY_UP[s];
}

function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function isRecent(mtime: string | null | undefined, since: Date): boolean {
  return mtime !== null && mtime !== undefined && Date.parse(mtime) >= since.getTime();
}

export interface JudgeContext {
  snapshot: Snapshot;
  intel: Intel;
  since: Date;
}

/** Hidden directory that is not one well-known tools create in a home (~/.acme.sh, ~/.nvm…). */
export function suspiciousHidden(intel: Intel, path: string): string | null {
  return hiddenPlace(path, [...intel.paths.knownHomeDotDirs, ...intel.persistence.knownHiddenDirs]);
}

/**
 * What is wrong with one program a persistence entry runs, or null when nothing is.
 * `fileRecent`: the entry's own file changed inside the window, which makes an unpackaged target
 * more likely to be the intruder's.
 */
export function judgeTarget(ctx: JudgeContext, t: TargetFact, fileRecent: boolean): TargetVerdict | null {
  const { snapshot, intel, since } = ctx;
  const path = t.resolved ?? t.path;
  if (path === null || t.path === null) return null;
  const paths = t.resolved ? [t.path, t.resolved] : [t.path];
  const owned = paths.map((p) => isPackageOwned(snapshot, p));
  const isOwned = owned.includes(true);
  const unknownDb = owned.every((o) => o === null);
  const name = base(path).toLowerCase();
  const stem = name.replace(/\.(sh|py|pl|bin|elf|so(\.\d+)*)$/, '');
  const bad = new Set([...intel.miners.processNames, ...intel.miners.ddosBotNames].map((n) => n.toLowerCase()));
  const v = (issue: TargetIssue, severity: Severity, why: Phrase): TargetVerdict => ({ issue, severity, target: t, path, why });

  if (!isOwned && (bad.has(name) || bad.has(stem)))
    return v('known-bad-name', 'critical', phrase('judge.knownBadName', { path, name: base(path) }));
  const tmp = paths.find((p) => inTmpDir(p));
  if (tmp) return v('tmp-path', 'high', phrase('judge.tmpPath', { path: tmp }));
  const hiddenIn = paths.map((p) => suspiciousHidden(intel, p)).find((h) => h !== null);
  if (hiddenIn) return v('hidden-path', 'high', phrase('judge.hiddenPath', { path, dir: hiddenIn }));
  if (!t.exists) return t.guarded ? null : v('missing-target', 'medium', phrase('judge.missing', { path: t.path }));
  if (isOwned || unknownDb) return null;
  const recent = fileRecent || isRecent(t.mtime, since);
  const time = t.mtime ?? '?';
  if (looksRandom(stem)) return v('random-name', 'high', phrase('judge.randomName', { path, time }));
  const agent = intel.persistence.knownAgentNames.includes(base(path));
  const allowedSystem = intel.persistence.unpackagedSystemPaths.some((d) => path.startsWith(d));
  if (!agent && !allowedSystem && intel.persistence.systemDirs.some((d) => path.startsWith(d))) {
    return v('unowned-system', recent ? 'high' : 'medium', phrase('judge.unownedSystem', { path, time }));
  }
  return v('unowned-target', recent ? 'low' : 'info', phrase('judge.unowned', { path, time }));
}

/** The worst verdict over every program an entry runs, with the evidence lines of all flagged ones. */
export function judgeCommand(
  ctx: JudgeContext,
  cmd: CommandFact,
  fileRecent: boolean,
): { worst: TargetVerdict; all: TargetVerdict[] } | null {
  const all = cmd.targets.map((t) => judgeTarget(ctx, t, fileRecent)).filter((x): x is TargetVerdict => x !== null);
  if (all.length === 0) return null;
  const worst = all.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  return { worst, all };
}

export function recentFile(file: Pick<FileInfo, 'mtime'>, since: Date): boolean {
  return isRecent(file.mtime, since);
}

/** Attacker-sized lines are cut for display; the full line stays in the file kept as evidence. */
export function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function fileEvidence(file: FileInfo, state: PackageState): Phrase {
  return phrase('judge.fileState', { path: file.path, mtime: file.mtime ?? '?', uid: file.uid, owner: phrase(`pkg.${state}`) });
}

/** The four message kinds every persistence rule words for its own file type. */
export type TargetMessageId = 'known-bad-name' | 'temp-or-hidden' | 'missing-target' | 'unowned-target';

export function targetMessageId(issue: TargetIssue): TargetMessageId {
  switch (issue) {
    case 'known-bad-name':
      return 'known-bad-name';
    case 'tmp-path':
    case 'hidden-path':
      return 'temp-or-hidden';
    case 'missing-target':
      return 'missing-target';
    default:
      return 'unowned-target';
  }
}
