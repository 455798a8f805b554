import { Command } from 'commander';
import pkg from '../../package.json';
import { localizeHelp } from '../i18n/help';
import type { Lang } from '../i18n/lang';
import { analyzeCommand } from './analyze-command';
import { rulesCommand } from './rules-command';
import { scanCommand } from './scan-command';
import { cleanCommand } from './clean-command';
import { collectCommand } from './collect-command';
import { containCommand } from './contain-command';
import { hardenCommand } from './harden-command';
import { reportCommand } from './report-command';
import { runsCommand } from './runs-command';
import { undoCommand } from './undo-command';
import { ui } from '../i18n/ui';

/** The hostsweep command tree, its --help in `lang`. */
export function program(lang: Lang = 'en'): Command {
  const exitCodes = `\n${ui(lang, 'exitCodes')}\n`;
  // exitOverride is per command: usage errors in a subcommand must also end with exit code 2.
  const cmd = new Command('hostsweep')
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
  return localizeHelp(cmd, lang);
}
