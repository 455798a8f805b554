import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The text of the .yar files beside this module. The build replaces this module with the files'
 * text inlined (scripts/esbuild-plugins.mjs), so a bundle or single executable needs no files.
 */
export function ruleTexts(): { file: string; source: string }[] {
  const dir = import.meta.dirname;
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yar'))
    .sort()
    .map((n) => ({ file: n, source: readFileSync(path.join(dir, n), 'utf8') }));
}
