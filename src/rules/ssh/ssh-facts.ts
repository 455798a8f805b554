import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { AuthorizedKey, KeysFile } from '../../collect/accounts/ssh-keys';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';

// Lookups shared by the SSH rules. Not a rule itself.

const FIRST_BOOT_SLACK_MS = 3600_000;

/**
 * Whether a file was written while the server was first provisioned: cloud-init and image
 * builders write the default user's keys and sudoers within minutes of generating host keys.
 */
export function writtenAtFirstBoot(snapshot: Snapshot, mtime: string | null): boolean {
  const first = snapshot.facts.sshdConfig?.hostKeyTimes[0];
  if (!first || !mtime) return false;
  const d = new Date(mtime).getTime() - new Date(first).getTime();
  return d >= -FIRST_BOOT_SLACK_MS && d <= FIRST_BOOT_SLACK_MS;
}

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
