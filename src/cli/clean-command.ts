import { Command, Option } from 'commander';
import { detectLang } from '../i18n/lang';
import { SEVERITIES, type Severity } from '../model/finding';
import { checkOutputFile, makeOutputDir } from '../output/write-file';
import { collectArchive } from '../respond/collect';
import { defaultCollectFile, refuseInsideTarget, runClean } from '../respond/clean';
import { ResponseTarget } from '../respond/target';
import { collect, EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS, parseDate } from './judgement-options';
import { addStateOption, parseCount, parsePositiveSeconds, stateFlag } from './respond-options';
import path from 'node:path';

export function cleanCommand(): Command {
  const cmd = new Command('clean')
    .description('Remove the footholds a scan finds (dry run unless --yes); every change is journaled and undoable')
    .option('--root <dir>', 'clean an offline root (mounted disk) instead of the live system; nothing outside it is touched')
    .option('--yes', 'apply the plan (without it: print the plan and change nothing)')
    .option('--force', 'also act on package-owned files: replace trojaned package files with verified genuine copies')
    .option('--from <scan.json>', 'plan from a saved scan document instead of a fresh scan')
    .option('--packages <dir>', 'directory of genuine .deb packages for replacing trojaned package files (with --force)')
    .addOption(new Option('--min-severity <severity>', 'act on findings at or above this').choices([...SEVERITIES]).default('medium'))
    .option('--rule <id>', 'act only on findings of this rule ("process/*" for a family), repeatable', collect, [])
    .option('--no-collect', 'do not collect evidence before applying')
    .option('--collect-to <file>', 'where the evidence archive goes (default: <state>/collect/<time>.tar.gz)')
    .option('--watch <seconds>', 'after cleaning, check again every SECONDS and clean what comes back (until Ctrl-C)', parsePositiveSeconds)
    .option('--watch-rounds <n>', 'with --watch: stop after N checks', parseCount)
    .option('--now <iso-date>', 'reference time for "recent" (default: now live, newest file time offline)', parseDate)
    .option('--intel <file>', 'extra indicator file (YAML/JSON), repeatable', collect, [])
    .option('--allow <file>', 'allow-list of site exceptions (YAML)');
  return addStateOption(cmd).action(async (opts) => {
    const lang = detectLang(opts.lang);
    const stateDir = path.resolve(opts.state);
    const target = new ResponseTarget(opts.root);
    refuseInsideTarget(target, stateDir, '--state');
    if (opts.collectTo) refuseInsideTarget(target, opts.collectTo, '--collect-to');
    let collectTo: string | null = null;
    if (opts.yes && opts.collect !== false) {
      collectTo = opts.collectTo ? path.resolve(opts.collectTo) : defaultCollectFile(stateDir);
      if (!opts.collectTo) makeOutputDir(path.dirname(collectTo));
      checkOutputFile(collectTo);
    }
    const ac = new AbortController();
    const stop = () => ac.abort();
    if (opts.watch) process.once('SIGINT', stop);
    try {
      const r = await runClean(
        {
          root: opts.root,
          yes: opts.yes === true,
          force: opts.force === true,
          stateDir,
          lang,
          from: opts.from,
          now: opts.now,
          intelFiles: opts.intel,
          allowFile: opts.allow,
          packagesDir: opts.packages,
          minSeverity: opts.minSeverity as Severity,
          rules: opts.rule.length > 0 ? opts.rule : undefined,
          collectTo,
          collect: async (root, file, scanned) => {
            await collectArchive({ root, file, scanned });
          },
          stateFlag: stateFlag(opts.state),
        },
        opts.watch ? { seconds: opts.watch, rounds: opts.watchRounds, signal: ac.signal } : undefined,
      );
      if (!opts.yes) process.exitCode = r.planned > 0 || r.refused > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
      else if (r.applied && r.applied.failed.length > 0) process.exitCode = EXIT_FAILED;
      else process.exitCode = r.remaining.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    } finally {
      process.removeListener('SIGINT', stop);
    }
  });
}
