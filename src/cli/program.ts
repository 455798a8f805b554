import { Command } from 'commander';
import pkg from '../../package.json';
import { localizeHelp } from '../i18n/help';
import type { Lang } from '../i18n/lang';
import { analyzeCommand } from './analyze-command';
import { rulesCommand } from './rules-command';
import { scanCommand } from './scan-command';

/** The hostsweep command tree, its --help in `lang`. */
export function program(lang: Lang = 'en'): Command {
  // exitOverride is per command: usage errors in a subcommand must also end with exit code 2.
  const cmd = new Command('hostsweep')
    .description('Find, contain, remove and report what an attacker left on a Linux server')
    .version(pkg.version)
    .addCommand(scanCommand().exitOverride())
    .addCommand(analyzeCommand().exitOverride())
    .addCommand(rulesCommand().exitOverride())
    .exitOverride();
  return localizeHelp(cmd, lang);
}
