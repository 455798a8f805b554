import { parseInput } from '../model/input-error';
import { readYaml } from '../model/read-yaml';
import accounts from './accounts.json';
import clamav from './clamav.json';
import commands from './commands.json';
import files from './files.json';
import hooks from './hooks.json';
import logs from './logs.json';
import miners from './miners.json';
import paths from './paths.json';
import persistence from './persistence.json';
import pools from './pools.json';
import rootkit from './rootkit.json';
import thresholds from './thresholds.json';

import { type Intel, IntelSchema, type IntelSectionName, builtinFileSchema, UserIntelSchema } from './schema';

export type { ArgumentPattern, CommandPattern, Intel } from './schema';

// Indicator data is JSON beside this file; users extend it with their own YAML/JSON files
// (--intel FILE). Lists are appended, values replaced: a user file can add a pool domain or
// raise a threshold without forking the rules. Both are checked against src/intel/schema.ts.

const FILES = { accounts, clamav, commands, files, hooks, logs, miners, paths, persistence, pools, rootkit, thresholds };

// The built-in files ship with the code and are checked against their schemas by a test
// (test/verdict-input.test.ts); checking them on every run would cost a scan ~100 ms of CPU.
const BUILTIN = Object.fromEntries(
  Object.entries(FILES).map(([name, { description: _, ...section }]) => [name, section]),
) as unknown as Intel;

/** The built-in indicators (a fresh copy the caller may extend). */
export function builtinIntel(): Intel {
  return structuredClone(BUILTIN);
}

/** Checks the built-in files against their schemas; throws an InputError naming file and key. */
export function checkBuiltinIntel(): Intel {
  const sections: Record<string, unknown> = {};
  for (const [name, data] of Object.entries(FILES) as [IntelSectionName, unknown][]) {
    const { description: _, ...section } = parseInput(builtinFileSchema(name), data, `src/intel/${name}.json`);
    sections[name] = section;
  }
  return IntelSchema.parse(sections);
}

function mergeInto(target: Record<string, unknown>, extra: Record<string, unknown>) {
  for (const [key, value] of Object.entries(extra)) {
    if (key === 'description' || value === undefined) continue;
    const current = target[key];
    if (Array.isArray(current)) target[key] = [...current, ...(value as unknown[])];
    else if (current !== null && typeof current === 'object')
      mergeInto(current as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}

/** Built-in indicators extended by the user's files, each checked; an error names file, entry and key. */
export function loadIntel(extraFiles: string[] = []): Intel {
  const intel = builtinIntel();
  for (const file of extraFiles) {
    mergeInto(intel as unknown as Record<string, unknown>, parseInput(UserIntelSchema, readYaml(file) ?? {}, file));
  }
  return intel;
}
