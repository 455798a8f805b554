import { type ConfigFile, logicalLines } from '../../src/collect/hooks/config-file';

export const MTIME = '2026-11-18T03:14:15.000Z';

/** A collected config file from its text, parsed exactly as the hook collectors parse it. */
export function configFile(path: string, text: string, mtime = MTIME, opts: { continuation?: boolean } = {}): ConfigFile {
  const { lines, truncated } = logicalLines(text, opts);
  return { path, mtime, lines, truncated };
}

/** Package database owning the given paths (dpkg-style absolute paths). */
export function dpkgOwning(...files: string[]) {
  return { manager: 'dpkg' as const, packageCount: 1, files };
}

export const NO_PACKAGE_DB = { manager: null, packageCount: 0, files: [] as string[] };
