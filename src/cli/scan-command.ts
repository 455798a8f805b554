import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { detectLang } from '../i18n/lang';
import { ui } from '../i18n/ui';
import { atLeast, SEVERITIES, type Severity } from '../model/finding';
import { renderTerminal } from '../report/terminal';
import { preserveExecutables } from '../respond/preserve-executables';
import { scan } from '../scan';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILED = 2;

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 60) throw new InvalidArgumentError('expected seconds between 0 and 60');
  return n;
}

function parseDate(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO-8601 date, e.g. 2026-11-20T08:00:00Z');
  return d;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false || env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function scanCommand(): Command {
  return new Command('scan')
    .description('Scan the live machine, or a mounted disk with --root, for what an attacker left')
    .option('--root <dir>', 'examine an offline root (mounted disk or image) instead of the live system')
    .option('--json', 'print the versioned JSON scan document')
    .option('-o, --output <file>', 'also write the JSON scan document to a file')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'zh-CN']))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this').choices([...SEVERITIES]).default('high'))
    .addOption(new Option('--min-severity <severity>', 'show findings at or above this in the terminal').choices([...SEVERITIES]).default('low'))
    .option('--sample <seconds>', 'CPU and network sampling window', parseSeconds, 1)
    .option('--deep', 'slower, more thorough checks: probe all 65535 ports for hidden listeners (~5 s)')
    .option('--no-trace', 'do not use kernel tracefs for per-process egress (estimate instead)')
    .option('--intel <file>', 'extra indicator file (YAML/JSON), repeatable', collect, [])
    .option('--allow <file>', 'allow-list of site exceptions (YAML)')
    .option('--now <iso-date>', 'reference time for "recent" (default: now live, newest file time offline)', parseDate)
    .option('--since <iso-date>', 'changes at or after this are "recent" (default: a week before --now)', parseDate)
    .option('--snapshot <file>', 'write the collected facts (JSON) for later analysis')
    .option('--evidence <dir>', 'copy the executables of processes flagged medium or above (with sha256) into this directory')
    .option('--no-color', 'no colours even on a terminal')
    .action(async (opts) => {
      const lang = detectLang(opts.lang);
      const color = useColor(process.stdout, process.env, opts.color);
      const showProgress = !opts.json && process.stderr.isTTY === true;
      const progressKey = { collect: 'progressCollect', sample: 'progressSample', analyze: 'progressAnalyze' } as const;
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
        onProgress: showProgress
          ? (step) => process.stderr.write(`\r\x1b[2K${ui(lang, progressKey[step as keyof typeof progressKey] ?? 'progressAnalyze')}`)
          : undefined,
      });
      if (showProgress) process.stderr.write('\r\x1b[2K');
      if (opts.evidence) preserveExecutables(result.findings, snapshot, opts.evidence);
      const json = `${JSON.stringify(result, null, 2)}\n`;
      if (opts.output) fs.writeFileSync(opts.output, json);
      if (opts.snapshot) fs.writeFileSync(opts.snapshot, JSON.stringify(snapshot));
      process.stdout.write(opts.json ? json : renderTerminal(result, { lang, color, minSeverity: opts.minSeverity as Severity }));
      process.exitCode = result.findings.some((f) => atLeast(f.severity, opts.failOn as Severity)) ? EXIT_FINDINGS : EXIT_CLEAN;
    });
}
