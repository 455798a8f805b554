import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { AuthorizedKey, KeysFile } from '../../collect/accounts/ssh-keys';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';
import { isPackageOwned } from '../../analyze/facts-index';
import { scriptConcerns } from '../../analyze/script-content';

// Lookups shared by the SSH rules. Not a rule itself.

export { writtenAtFirstBoot } from '../shared/time-window';

const benign = new WeakMap<Intel, { id: string; re: RegExp }[]>();

/** The id of a known harmless forced command (rrsync, git-shell, sftp…), or null. */
export function benignForcedCommand(intel: Intel, command: string): string | null {
  let list = benign.get(intel);
  if (!list) {
    list = [];
    for (const p of intel.accounts.benignForcedCommands) {
      try {
        list.push({ id: p.id, re: new RegExp(p.pattern) });
      } catch {
        // A bad user-supplied pattern must not stop the scan; it simply never matches.
      }
    }
    benign.set(intel, list);
  }
  const cmd = command.slice(0, 4096).trim();
  return list.find((p) => p.re.test(cmd))?.id ?? null;
}

export function keyEvidence(k: AuthorizedKey): PhraseValue {
  return k.fingerprint
    ? `${k.file}:${k.line}: ${k.text}  [${k.fingerprint}]`
    : phrase('key.invalidBlob', { line: `${k.file}:${k.line}: ${k.text}` });
}

export function keysOf(snapshot: Snapshot, file: KeysFile): AuthorizedKey[] {
  return (snapshot.facts.sshKeys?.keys ?? []).filter((k) => k.file === file.path);
}

export function modeString(mode: number | null): string {
  return mode === null ? '?' : mode.toString(8).padStart(4, '0');
}

/** How far a forced command's programs can be trusted, and the evidence lines that say why. */
export interface ForcedCommandVerdict {
  /** 'hook': every program is root's, not writable by others, and (for scripts) free of dangerous lines. */
  kind: 'hook' | 'suspect' | 'dangerous';
  evidence: PhraseValue[];
}

/**
 * Judges the programs a forced command runs. A deploy or backup hook is a root-owned script
 * nobody else can rewrite, with nothing in it that downloads code, opens shells or mines; a
 * program that is missing, owned by another account, world-writable, unreadable or unpackaged
 * and compiled cannot be vouched for.
 */
export function judgeForcedPrograms(snapshot: Snapshot, intel: Intel, k: AuthorizedKey): ForcedCommandVerdict {
  const programs = k.commandPrograms ?? [];
  if (programs.length === 0) return { kind: 'suspect', evidence: [phrase('forced.unexamined')] };
  const evidence: PhraseValue[] = [];
  let kind: ForcedCommandVerdict['kind'] = 'hook';
  const worse = (k2: ForcedCommandVerdict['kind']) => {
    if (k2 === 'dangerous' || kind === 'hook') kind = k2;
  };
  for (const p of programs) {
    const path = p.resolved ?? p.path ?? p.word;
    if (!p.exists || p.uid === null || p.mode === null) {
      evidence.push(p.exists ? phrase('forced.unexamined') : phrase('forced.missing', { path }));
      worse('suspect');
      continue;
    }
    const owned = isPackageOwned(snapshot, path);
    evidence.push(
      phrase('forced.program', {
        path,
        uid: p.uid,
        mode: modeString(p.mode),
        dirMode: modeString(p.dirMode),
        owner: phrase(owned === null ? 'pkg.unknown' : owned ? 'pkg.owned' : 'pkg.unowned'),
      }),
    );
    const stickyDir = p.dirMode !== null && (p.dirMode & 0o1000) !== 0;
    if ((p.mode & 0o002) !== 0 || (p.dirMode !== null && (p.dirMode & 0o002) !== 0 && !stickyDir)) {
      evidence.push(phrase('forced.writable', { path, mode: modeString(p.mode), dirMode: modeString(p.dirMode) }));
      worse('suspect');
    }
    if (p.uid !== 0 && owned !== true) {
      evidence.push(phrase('forced.notRoot', { path, uid: p.uid }));
      worse('suspect');
    }
    if (p.text !== null) {
      const concerns = scriptConcerns(intel, p.text);
      for (const c of concerns.slice(0, 5)) evidence.push(phrase('forced.scriptConcern', { path, what: c.what, line: c.line }));
      if (concerns.length > 0) worse('dangerous');
      else if (owned !== true) evidence.push(phrase('forced.scriptClean', { path, lines: p.text.split('\n').length }));
    } else if (owned !== true) {
      evidence.push(phrase('forced.opaque', { path }));
      worse('suspect');
    }
  }
  return { kind, evidence };
}
