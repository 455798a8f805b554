import { Command } from 'commander';
import { detectLang } from '../i18n/lang';
import { readSnapshot } from '../analyze/read-snapshot';
import { checkOutputFile } from '../output/write-file';
import { analyzeSnapshot } from '../scan';
import { addJudgementOptions, checkWindow, emitResult } from './judgement-options';

export function analyzeCommand(): Command {
  const cmd = new Command('analyze')
    .description('Judge a snapshot saved with "scan --snapshot" (collect on the victim, analyse on a trusted machine)')
    .argument('<snapshot>', 'snapshot JSON file');
  return addJudgementOptions(cmd).action((file: string, opts) => {
    const lang = detectLang(opts.lang);
    checkWindow(opts);
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
