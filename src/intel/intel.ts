import fs from 'node:fs';
import YAML from 'yaml';
import accounts from './accounts.json';
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

// Indicator data is JSON beside this file; users extend it with their own YAML/JSON files
// (--intel FILE). Lists are appended, numbers replaced: a user file can add a pool domain or
// raise a threshold without forking the rules.

export interface ArgumentPattern {
  id: string;
  pattern: string;
  description: string;
  /** The description in Chinese, shown in zh-CN messages. */
  zh?: string;
}

export interface CommandPattern {
  id: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  pattern: string;
  description: string;
  /** The description in Chinese, shown in zh-CN messages. */
  zh?: string;
}

export interface Intel {
  accounts: {
    systemUsers: string[];
    systemGroups: string[];
    impersonatedNames: string[];
    systemLoginShellUsers: string[];
    nonLoginShells: string[];
    cloudDefaultUsers: string[];
    benignForcedCommands: { id: string; pattern: string }[];
  };
  commands: { patterns: CommandPattern[]; installerHosts: string[]; securityAgents: string[] };
  files: Omit<typeof files, 'description'>;
  hooks: Omit<typeof hooks, 'description'>;
  logs: Omit<typeof logs, 'description'>;
  miners: { processNames: string[]; ddosBotNames: string[]; argumentPatterns: ArgumentPattern[] };
  persistence: Omit<typeof persistence, 'description'>;
  pools: { stratumPorts: number[]; domains: string[]; backdoorPorts: number[] };
  paths: { knownHomeDotDirs: string[]; interpreters: string[]; shells: string[] };
  rootkit: Omit<typeof rootkit, 'description'>;
  thresholds: { highCpuPercent: number; floodBytesPerSec: number; floodPacketsPerSec: number; floodMinShare: number };
}

const BUILTIN = { accounts, commands, files, hooks, logs, miners, paths, persistence, pools, rootkit, thresholds } as unknown as Intel;

export function builtinIntel(): Intel {
  return structuredClone(BUILTIN);
}

function mergeInto(target: Record<string, unknown>, extra: Record<string, unknown>, where: string) {
  for (const [key, value] of Object.entries(extra)) {
    if (key === 'description') continue;
    const current = target[key];
    if (Array.isArray(current)) {
      if (!Array.isArray(value)) throw new Error(`${where}: "${key}" must be a list`);
      target[key] = [...current, ...value];
    } else if (current !== null && typeof current === 'object') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: "${key}" must be a mapping`);
      mergeInto(current as Record<string, unknown>, value as Record<string, unknown>, `${where}.${key}`);
    } else if (current === undefined && where.split('.').length === 1) {
      throw new Error(`${where}: unknown intel section "${key}"`);
    } else {
      target[key] = value;
    }
  }
}

export function loadIntel(extraFiles: string[] = []): Intel {
  const intel = builtinIntel();
  for (const file of extraFiles) {
    const parsed: unknown = YAML.parse(fs.readFileSync(file, 'utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error(`${file}: expected a mapping of intel sections`);
    mergeInto(intel as unknown as Record<string, unknown>, parsed as Record<string, unknown>, file);
  }
  for (const p of [...intel.miners.argumentPatterns, ...intel.commands.patterns]) {
    try {
      new RegExp(p.pattern);
    } catch (e) {
      throw new Error(`intel argument pattern "${p.id}": ${(e as Error).message}`);
    }
  }
  return intel;
}
