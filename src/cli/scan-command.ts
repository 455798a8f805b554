import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { detectLang } from '../i18n/lang';
import { ui } from '../i18n/ui';
import { evidenceRunDir, preserveExecutables } from '../respond/preserve-executables';
import { missingRootDirs } from '../host/linux-root';
import { checkOutputDir, checkOutputFile, writeOutputFile } from '../output/write-file';
import { safeText } from '../report/sanitize';
import { format } from '../i18n/lang';
import { scan } from '../scan';
import { CliError } from './cli-error';
import { addJudgementOptions, checkWindow, emitResult } from './judgement-options';

function parseBudgetSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new InvalidArgumentError('expected seconds between 1 and 86400');
  return n;
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 60) throw new InvalidArgumentError('expected seconds between 0 and 60');
  return n;
}

export function scanCommand(): Command {
  const cmd = new Command('scan')
    .description('Scan the live machine, or a mounted disk with --root, for what an attacker left')
    .option(
      '--root <dir>',
      'examine an offline root (mounted disk or image) instead of the live system; it must have etc/ and usr/ or bin/ unless --force',
    )
    .option('--sample <seconds>', 'CPU and network sampling window', parseSeconds, 1)
    .option('--deep', 'slower, more thorough checks: probe all 65535 ports for hidden listeners (~5 s)')
    .option(
      '--rules <dir>',
      'also evaluate your own YARA rules: every .yar/.yara file in this directory (repeatable); a rule that does not compile stops the scan',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--clamav', 'also scan the files the content scan reads with ClamAV (a running clamd, else clamscan) and report its detections')
    .option('--clamav-db <dir>', 'ClamAV signature directory for clamscan (-d), e.g. for an offline scan; implies --clamav')
    .option('--clamd-socket <path>', 'the clamd socket to use (default: LocalSocket from clamd.conf); implies --clamav')
    .option(
      '--clamav-timeout <seconds>',
      'time budget for ClamAV (default 600); files not scanned in time are reported as a gap',
      parseBudgetSeconds,
    )
    .option('--no-trace', 'do not use kernel tracefs for per-process egress (estimate instead)')
    .option('--snapshot <file>', 'write the collected facts (JSON) for later analysis with "hostsweep analyze"')
    .option(
      '--evidence <dir>',
      'copy the executables of processes flagged medium or above (with sha256, each program once, 2 GiB in all) into this directory; a new run-<time> subdirectory when it is not empty',
    );
  return addJudgementOptions(cmd).action(async (opts) => {
    const lang = detectLang(opts.lang);
    checkWindow(opts);
    if (opts.root !== undefined && !opts.force) {
      const missing = missingRootDirs(opts.root);
      if (fs.existsSync(opts.root) && missing.length > 0)
        throw new CliError('notLinuxRoot', { root: opts.root }, { missing: missing.map((m) => `rootMissing.${m}` as const) });
    }
    // Refuse a bad output path now, not after minutes of collection.
    const overwrite = opts.force === true;
    if (opts.output) checkOutputFile(opts.output, { overwrite });
    if (opts.snapshot) checkOutputFile(opts.snapshot, { overwrite });
    if (opts.evidence) checkOutputDir(opts.evidence);
    if (opts.clamavDb !== undefined && !fs.statSync(opts.clamavDb, { throwIfNoEntry: false })?.isDirectory())
      throw new CliError('clamavDbMissing', { dir: opts.clamavDb });
    const clamav =
      opts.clamav || opts.clamavDb !== undefined || opts.clamdSocket !== undefined
        ? {
            ...(opts.clamavDb !== undefined ? { databaseDir: opts.clamavDb as string } : {}),
            ...(opts.clamdSocket !== undefined ? { clamdSocket: opts.clamdSocket as string } : {}),
            ...(opts.clamavTimeout !== undefined ? { ms: Math.round(opts.clamavTimeout * 1000) } : {}),
          }
        : undefined;
    const showProgress = !opts.json && process.stderr.isTTY === true;
    const progressKey = {
      collect: 'progressCollect',
      sample: 'progressSample',
      clamav: 'progressClamav',
      analyze: 'progressAnalyze',
    } as const;
    const { result, snapshot } = await scan({
      root: opts.root,
      sampleMs: Math.round(opts.sample * 1000),
      lang,
      intelFiles: opts.intel,
      allowFile: opts.allow,
      now: opts.now,
      since: opts.since,
      trace: opts.trace,
      deep: opts.deep,
      contentRuleDirs: opts.rules,
      clamav,
      onProgress: showProgress
        ? (step) => process.stderr.write(`\r\x1b[2K${ui(lang, progressKey[step as keyof typeof progressKey] ?? 'progressAnalyze')}`)
        : undefined,
    });
    if (showProgress) process.stderr.write('\r\x1b[2K');
    if (opts.evidence) {
      const dir = evidenceRunDir(opts.evidence);
      const m = preserveExecutables(result.findings, snapshot, dir);
      const copied = m.executables.filter((e) => e.file !== null).length;
      process.stderr.write(`${format(ui(lang, 'evidenceSaved'), { count: copied, dir: safeText(dir) })}\n`);
    }
    if (opts.snapshot) writeOutputFile(opts.snapshot, JSON.stringify(snapshot), { overwrite });
    emitResult(result, opts, lang);
  });
}
