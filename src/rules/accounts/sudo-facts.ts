import type { SudoCommand, SudoersEntry, SudoersFile } from '../../collect/accounts/sudoers';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';

// Sudoers lookups shared by the sudo rules. Not a rule itself.

export function sudoersFile(snapshot: Snapshot, path: string): SudoersFile | undefined {
  return snapshot.facts.sudoers?.files.find((f) => f.path === path);
}

function aliasMembers(snapshot: Snapshot, name: string): string[] {
  for (const e of snapshot.facts.sudoers?.entries ?? []) {
    if (e.kind !== 'alias' || e.scope.replace('Cmd_', 'Cmnd_') !== 'Cmnd_Alias') continue;
    for (const def of e.items) {
      const [n, members] = def.split('=');
      if (n?.trim() === name && members !== undefined) return members.split(',').map((m) => m.trim());
    }
  }
  return [];
}

/** A command that amounts to a root shell: ALL, a shell, su, or a command alias containing one. */
export function isFullRoot(snapshot: Snapshot, intel: Intel, command: string, depth = 0): boolean {
  const c = command.replace(/^!/, '').trim();
  if (command.startsWith('!')) return false;
  if (c === 'ALL') return true;
  if (/^[A-Z][A-Z0-9_]*$/.test(c) && depth < 4) return aliasMembers(snapshot, c).some((m) => isFullRoot(snapshot, intel, m, depth + 1));
  const prog = c.split(/\s+/)[0];
  const base = prog.slice(prog.lastIndexOf('/') + 1);
  // "sudoedit" and "su -c cmd" with arguments are narrower; a bare shell or su is root.
  return c === prog && (intel.paths.shells.includes(base) || base === 'su');
}

/** Runas that includes root: default, ALL, or root named. */
export function runsAsRoot(c: SudoCommand): boolean {
  const users = c.runas
    .split(':')[0]
    .split(',')
    .map((x) => x.trim());
  return users.length === 0 || users.some((u) => u === '' || u === 'ALL' || u === 'root' || u === '#0');
}

export function specEvidence(e: SudoersEntry): string {
  return `${e.file}:${e.line}: ${e.text}`;
}
