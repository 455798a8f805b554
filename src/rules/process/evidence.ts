import type { ProcessFact } from '../../collect/processes';
import { type PhraseValue, phrase } from '../../i18n/phrases';
import { commandLine } from '../../analyze/facts-index';

/** The lines every process finding shows first, so each can be acted on without another lookup. */
export function processEvidence(p: ProcessFact): PhraseValue[] {
  const exe = p.exe === null ? phrase('proc.noExe') : p.exeDeleted ? phrase('proc.deletedExe', { exe: p.exe }) : p.exe;
  return [phrase('proc.line', { pid: p.pid, name: p.name, exe }), phrase('proc.cmdline', { cmdline: commandLine(p) })];
}

/** User processes only: kernel threads have no executable and are judged by other rules. */
export function userProcesses(list: ProcessFact[] | undefined): ProcessFact[] {
  return (list ?? []).filter((p) => !p.kernelThread);
}

/** "python3.11" → "python": versioned interpreter names compare equal to the family. */
export function stripVersion(name: string): string {
  return name.replace(/[\d.]+$/, '');
}
