import fs from 'node:fs';
import { Command } from 'commander';
import { detectLang } from '../i18n/lang';
import type { Snapshot } from '../model/facts';
import { checkOutputFile } from '../output/write-file';
import { analyzeSnapshot } from '../scan';
import { addJudgementOptions, emitResult } from './judgement-options';

/** A snapshot written by `scan --snapshot`: facts only, so it can be judged on another machine. */
function readSnapshot(file: string): Snapshot {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Snapshot>;
  if (parsed?.schema !== 'hostsweep/snapshot@1' || typeof parsed.facts !== 'object' || !Array.isArray(parsed.gaps) || !parsed.target) {
    throw new Error(`${file} is not a hostsweep snapshot (expected schema hostsweep/snapshot@1)`);
  }
  return parsed as Snapshot;
}

export function analyzeCommand(): Command {
  const cmd = new Command('analyze')
    .description('Judge a snapshot saved with "scan --snapshot" (collect on the victim, analyse on a trusted machine)')
    .argument('<snapshot>', 'snapshot JSON file');
  return addJudgementOptions(cmd).action((file: string, opts) => {
    const lang = detectLang(opts.lang);
    if (opts.output) checkOutputFile(opts.output, { overwrite: opts.force === true });
    const result = analyzeSnapshot(readSnapshot(file), {
      lang,
      intelFiles: opts.intel,
      allowFile: opts.allow,
      now: opts.now,
      since: opts.since,
    });
    emitResult(result, opts, lang);
  });
}
