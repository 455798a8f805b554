import type { Severity } from '../model/finding';
import type { Intel } from '../intel/intel';

export interface CommandMatch {
  id: string;
  severity: Severity;
  description: string;
}

const compiled = new WeakMap<Intel, { id: string; severity: Severity; description: string; re: RegExp }[]>();

/** Which dangerous command patterns (intel/commands.json) a command line contains. */
export function matchCommand(intel: Intel, command: string): CommandMatch[] {
  let list = compiled.get(intel);
  if (!list) {
    list = intel.commands.patterns.map((p) => ({ id: p.id, severity: p.severity, description: p.description, re: new RegExp(p.pattern, 'i') }));
    compiled.set(intel, list);
  }
  // Bound the work on attacker-sized lines; the dangerous part of a command is near its start.
  const text = command.length > 8192 ? command.slice(0, 8192) : command;
  return list.filter((p) => p.re.test(text)).map(({ id, severity, description }) => ({ id, severity, description }));
}
