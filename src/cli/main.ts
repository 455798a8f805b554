import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { rulesCommand } from './rules-command';
import { analyzeCommand } from './analyze-command';
import { errorText } from './cli-error';
import { containCommand } from './contain-command';
import { EXIT_FAILED } from './judgement-options';
import { hardenCommand } from './harden-command';
import { reportCommand } from './report-command';
import { scanCommand } from './scan-command';
import { cleanCommand } from './clean-command';
import { collectCommand } from './collect-command';
import { runsCommand } from './runs-command';
import { undoCommand } from './undo-command';
import { safeText } from '../report/sanitize';
import pkg from '../../package.json';
import type { Lang } from '../i18n/lang';
import { argvLangGuess } from './argv-lang';
import { ui } from '../i18n/ui';

export function program(lang: Lang = argvLangGuess(process.argv)): Command {
  const exitCodes = `\n${ui(lang, 'exitCodes')}\n`;
  // exitOverride is per command: usage errors in a subcommand must also end with exit code 2.
  return new Command('hostsweep')
    .addHelpText('after', exitCodes)
    .description('Find, contain, remove and report what an attacker left on a Linux server')
    .version(pkg.version)
    .addCommand(scanCommand().addHelpText('after', exitCodes).exitOverride())
    .addCommand(analyzeCommand().addHelpText('after', exitCodes).exitOverride())
    .addCommand(rulesCommand().exitOverride())
    .addCommand(collectCommand().exitOverride())
    .addCommand(containCommand().exitOverride())
    .addCommand(cleanCommand().exitOverride())
    .addCommand(undoCommand().exitOverride())
    .addCommand(runsCommand().exitOverride())
    .addCommand(reportCommand().exitOverride())
    .addCommand(hardenCommand().exitOverride())
    .exitOverride();
}

async function main() {
  // `hostsweep rules | head` closes the pipe early: that is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  // Schema errors (allow-list, intel, snapshot) are worded by zod in the user's language.
  z.config(argvLangGuess(process.argv) === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
  try {
    await program().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_FAILED;
      return;
    }
    for (const line of errorText(e, argvLangGuess(process.argv)).split('\n')) process.stderr.write(`hostsweep: ${safeText(line)}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

void main();
