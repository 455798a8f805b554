import { Command, CommanderError } from 'commander';
import { rulesCommand } from './rules-command';
import { analyzeCommand } from './analyze-command';
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

export function program(): Command {
  // exitOverride is per command: usage errors in a subcommand must also end with exit code 2.
  return new Command('hostsweep')
    .description('Find, contain, remove and report what an attacker left on a Linux server')
    .version(pkg.version)
    .addCommand(scanCommand().exitOverride())
    .addCommand(analyzeCommand().exitOverride())
    .addCommand(rulesCommand().exitOverride())
    .addCommand(collectCommand().exitOverride())
    .addCommand(cleanCommand().exitOverride())
    .addCommand(undoCommand().exitOverride())
    .addCommand(runsCommand().exitOverride())
    .addCommand(reportCommand().exitOverride())
    .addCommand(hardenCommand().exitOverride())
    .exitOverride();
}

async function main() {
  try {
    await program().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_FAILED;
      return;
    }
    process.stderr.write(`hostsweep: ${safeText((e as Error).message)}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

void main();
