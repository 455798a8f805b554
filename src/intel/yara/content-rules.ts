import fs from 'node:fs';
import path from 'node:path';
import { compileYara, loadYaraModule } from '../../collect/content/scanner';
import { builtinRuleSources, type RuleSource } from './builtin';

const RULE_FILE = /\.(yar|yara)$/i;
const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The content rules a scan evaluates: hostsweep's own, then every *.yar and *.yara directly in
 * each of the user's directories, compiled once together so an error (unreadable directory, syntax
 * error, a rule name clashing with a built-in one) fails the command before collection, naming the
 * file and line. The content collector gets them through its options, like other intel.
 */
export function loadContentRules(dirs: string[]): RuleSource[] {
  const out: RuleSource[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (e) {
      throw new Error(`--rules ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const files = names.filter((n) => RULE_FILE.test(n)).sort();
    if (files.length === 0) throw new Error(`--rules ${dir}: no .yar or .yara files`);
    for (const n of files) {
      const file = path.join(dir, n);
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_RULE_FILE_BYTES) throw new Error(`--rules ${file}: not a regular file of at most 4 MiB`);
      out.push({ file, source: fs.readFileSync(file, 'utf8') });
    }
  }
  if (out.length === 0) return builtinRuleSources();
  const yara = loadYaraModule();
  if (typeof yara === 'string')
    throw new Error(`--rules needs the YARA-X binding @litko/yara-x-linux-x64-gnu, which could not load (${yara})`);
  const all = [...builtinRuleSources(), ...out];
  compileYara(all, yara);
  return all;
}
