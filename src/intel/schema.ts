import { z } from 'zod';
import { SEVERITIES } from '../model/finding';

// The shape of indicator data: the built-in JSON files beside this one and the user's --intel
// files are checked against it, and the Intel type the rules see is derived from it.

const text = z.string().min(1);
const names = z.array(text);
const regex = text.refine(
  (p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression', params: { id: 'input.badRegex' } },
);
const port = z.number().int().min(1).max(65535);
const count = z.number().int().min(1);
const share = z.number().gt(0).max(1);
const severity = z.enum(SEVERITIES);

const ArgumentPatternSchema = z.strictObject({ id: text, pattern: regex, description: text, zh: text.optional() });
const CommandPatternSchema = z.strictObject({
  id: text,
  severity,
  pattern: regex,
  description: text,
  /** The description in Chinese, shown in zh-CN messages. */
  zh: text.optional(),
  /** In hardening and setup guides too: a history counts it only next to an intruder's command. */
  adminToo: z.boolean().optional(),
  /** Ids of broader patterns this one refines: a line matching both counts as this one only. */
  supersedes: names.optional(),
});

/** Every section, as a strict object: an unknown key is a typo and an error. */
export const INTEL_SECTIONS = {
  accounts: z.strictObject({
    systemUsers: names,
    systemGroups: names,
    impersonatedNames: names,
    systemLoginShellUsers: names,
    nonLoginShells: names,
    cloudDefaultUsers: names,
    benignForcedCommands: z.array(z.strictObject({ id: text, pattern: regex })),
    campaignKeyComments: names,
    keyChangeNearLoginMinutes: count,
  }),
  clamav: z.strictObject({
    signatureSeverity: z.array(z.strictObject({ id: text, pattern: regex, severity, description: text, zh: text.optional() })).min(1),
  }),
  commands: z.strictObject({ patterns: z.array(CommandPatternSchema), installerHosts: names, securityAgents: names }),
  files: z.strictObject({
    knownPaths: names,
    knownNames: names,
    socketOnlyDirs: names,
    benignHiddenDirs: names,
    trojanedPrograms: names,
    trojanedLibraries: names,
    dependencyTreeDirs: names,
    unownedSystemFiles: names,
    disguiseExtensions: names,
    integrityPackages: names,
    toolchainPaths: names,
  }),
  hooks: z.strictObject({
    shadowedCommands: names,
    shadowReplacements: z.record(text, names),
    promptHookCommands: names,
    pamAuthServices: names,
    pamNonAuthModules: names,
    moduleInstallHarmless: names,
    usualLibraryDirs: names,
  }),
  logs: z.strictObject({
    sshBruteForceMinAttempts: count,
    sshBruteForceTargetMinAttempts: count,
    sshBruteForceTargetMinSources: count,
    sshBruteForceMaxFindings: count,
    webshellMinPosts: count,
    webshellMaxClients: count,
    webshellMinSuccessShare: share,
    webCommonPostEndpoints: names,
    webUploadDirs: names,
    webToolAgents: z.array(z.strictObject({ id: text, kind: z.enum(['scanner', 'shell-client']), pattern: regex })),
    webShellParams: z.array(z.strictObject({ id: text, pattern: regex })),
    webshellQuery: z.array(z.strictObject({ id: text, param: regex.optional(), value: regex })),
    webshellMinGets: count,
    webshellContent: z.array(z.strictObject({ id: text, severity, all: z.array(regex).min(1), description: text, zh: text.optional() })),
    privilegedGroups: names,
    passwordCommands: z.array(z.strictObject({ id: text, scripted: z.boolean(), pattern: regex })),
    passwordChangeAfterBreakinHours: count,
    attackerToolPackages: names,
    dualUseToolPackages: names,
    securityPackages: names,
  }),
  miners: z.strictObject({ processNames: names, ddosBotNames: names, argumentPatterns: z.array(ArgumentPatternSchema) }),
  paths: z.strictObject({ knownHomeDotDirs: names, interpreters: names, shells: names }),
  persistence: z.strictObject({
    systemDirs: names,
    unpackagedSystemPaths: names,
    knownHiddenDirs: names,
    knownAgentNames: names,
    serviceLookalikes: z.strictObject({ prefixes: names, names }),
  }),
  pools: z.strictObject({ stratumPorts: z.array(port), domains: names, backdoorPorts: z.array(port) }),
  rootkit: z.strictObject({
    scannerLibraries: names,
    systemLibDirs: names,
    moduleNames: names,
    moduleDirs: names,
    packedMinEntropy: z.number().gt(0).max(8),
    packedMinBytes: count,
    packerMagics: names,
    priorityPorts: z.array(port),
    cloakedFiles: names,
  }),
  thresholds: z.strictObject({
    highCpuPercent: z.number().gt(0).max(100_000),
    floodBytesPerSec: z.number().gt(0),
    floodPacketsPerSec: z.number().gt(0),
    floodMinShare: share,
  }),
} as const;

type Sections = typeof INTEL_SECTIONS;
export type IntelSectionName = keyof Sections;

export const IntelSchema = z.strictObject(INTEL_SECTIONS);
export type Intel = z.infer<typeof IntelSchema>;
export type ArgumentPattern = z.infer<typeof ArgumentPatternSchema>;
export type CommandPattern = z.infer<typeof CommandPatternSchema>;

const description = { description: z.string().optional() };

/** A built-in file (src/intel/<section>.json): the whole section and a description. */
export function builtinFileSchema<K extends IntelSectionName>(section: K) {
  return INTEL_SECTIONS[section].extend(description);
}

/**
 * A user's --intel file: any sections, each with any of its keys. Lists are appended to the
 * built-in ones and values replaced, so every key is optional but none may be unknown.
 */
export const UserIntelSchema: z.ZodType<{ description?: string } & { [K in IntelSectionName]?: Record<string, unknown> }> = z.strictObject({
  ...description,
  ...Object.fromEntries(Object.entries(INTEL_SECTIONS).map(([k, s]) => [k, s.partial().extend(description).optional()])),
});
