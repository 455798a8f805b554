import { type Command, InvalidArgumentError, Option } from 'commander';
import { argvLang, type Lang } from '../i18n/lang';
import { atLeast, SEVERITIES, type Severity } from '../model/finding';
import type { ScanResult } from '../model/scan-result';
import { writeOutputFile } from '../output/write-file';
import { renderTerminal } from '../report/terminal';
import { CliError } from './cli-error';
import { ui } from '../i18n/ui';
import { z } from 'zod';

// What `scan` and `analyze` share: how findings are judged (intel, allow-list, time) and shown.

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILED = 2;
/** Could not look everywhere (not root, a rule crashed, something unreadable, skipped or cut) and nothing at or above --fail-on. */
export const EXIT_INCOMPLETE = 3;

/** The exit code of a finished scan: findings win over incompleteness, and incomplete is never 0. */
export function verdictExitCode(result: Pick<ScanResult, 'findings' | 'complete'>, failOn: Severity): number {
  if (result.findings.some((f) => atLeast(f.severity, failOn))) return EXIT_FINDINGS;
  return result.complete ? EXIT_CLEAN : EXIT_INCOMPLETE;
}

// ISO 8601 only: `new Date('1')` is the year 2001, a silent wrong "now" for every recency rule.
const IsoDate = z.union([
  z.iso.date(),
  z.iso.datetime({ offset: true, local: true }),
  z.iso.datetime({ offset: true, local: true, precision: -1 }),
]);

export function parseDate(v: string): Date {
  if (!IsoDate.safeParse(v).success) throw new InvalidArgumentError(ui(argvLang(), 'input.badDate'));
  return new Date(v);
}

/** --since after --now would make every "recent" check silently empty. */
export function checkWindow(opts: { now?: Date; since?: Date }): void {
  if (opts.now && opts.since && opts.since.getTime() > opts.now.getTime())
    throw new CliError('sinceAfterNow', { since: opts.since.toISOString(), now: opts.now.toISOString() });
}

/** Commander accumulator for a repeatable option. */
export function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function addJudgementOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print the versioned JSON scan document')
    .option('-o, --output <file>', 'also write the JSON scan document to a file')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'zh-CN']))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this').choices([...SEVERITIES]).default('high'))
    .addOption(
      new Option('--min-severity <severity>', 'show findings at or above this in the terminal').choices([...SEVERITIES]).default('low'),
    )
    .option('--intel <file>', 'extra indicator file (YAML/JSON), repeatable', collect, [])
    .option('--allow <file>', 'allow-list of site exceptions (YAML)')
    .option('--now <iso-date>', 'reference time for "recent" (default: now live, newest file time offline)', parseDate)
    .option('--since <iso-date>', 'changes at or after this are "recent" (default: a week before --now)', parseDate)
    .option('--no-color', 'no colours even on a terminal')
    .option(
      '--force',
      'replace an existing --output or --snapshot file (never through a symlink); scan a --root that does not look like a Linux root',
    );
}

export interface JudgementFlags {
  json?: boolean;
  output?: string;
  failOn: Severity;
  minSeverity: Severity;
  color?: boolean;
  force?: boolean;
}

/** Prints the result as asked, writes --output, and sets the exit code. */
export function emitResult(result: ScanResult, flags: JudgementFlags, lang: Lang): void {
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.output) writeOutputFile(flags.output, json, { overwrite: flags.force === true });
  const color = useColor(process.stdout, process.env, flags.color);
  process.stdout.write(flags.json ? json : renderTerminal(result, { lang, color, minSeverity: flags.minSeverity }));
  process.exitCode = verdictExitCode(result, flags.failOn);
}
