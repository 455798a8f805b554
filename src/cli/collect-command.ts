import path from 'node:path';
import { Command } from 'commander';
import { detectLang } from '../i18n/lang';
import { rui } from '../i18n/respond-ui';
import { checkOutputFile } from '../output/write-file';
import { collectArchive } from '../respond/collect';
import { safeText } from '../report/sanitize';
import { scan } from '../scan';
import { collect, EXIT_CLEAN, parseDate } from './judgement-options';

export function collectCommand(): Command {
  return new Command('collect')
    .description(
      'Write one evidence archive (scan, volatile state, flagged files and executables, logs, SHA-256 manifest) before anything changes',
    )
    .option('--root <dir>', 'collect from an offline root (mounted disk) instead of the live system')
    .requiredOption('-o, --output <file>', 'archive to write (.tar.gz)')
    .option('--force', 'replace the output file if it exists')
    .option('--sample <seconds>', 'CPU and network sampling window of the scan (live)', (v) => Math.max(0, Math.min(60, Number(v) || 0)), 1)
    .option('--now <iso-date>', 'reference time for "recent" (default: now live, newest file time offline)', parseDate)
    .option('--intel <file>', 'extra indicator file (YAML/JSON), repeatable', collect, [])
    .option('--lang <lang>', 'language of messages (en, zh-CN)')
    .action(async (opts) => {
      const lang = detectLang(opts.lang);
      const file = path.resolve(opts.output);
      checkOutputFile(file, { overwrite: opts.force });
      const t0 = performance.now();
      const scanned = await scan({
        root: opts.root,
        sampleMs: Math.round(opts.sample * 1000),
        lang,
        now: opts.now,
        intelFiles: opts.intel,
      });
      const { manifest, bytes } = await collectArchive({ root: opts.root, file, force: opts.force, scanned });
      process.stdout.write(
        `${rui(lang, 'collectDone', { file: safeText(file), members: manifest.members.length + 1, bytes, ms: Math.round(performance.now() - t0), gaps: manifest.gaps.length })}\n`,
      );
      process.exitCode = EXIT_CLEAN;
    });
}
