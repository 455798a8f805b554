import { Command, CommanderError } from 'commander';
import { rulesCommand } from './rules-command';
import { analyzeCommand } from './analyze-command';
import { errorText } from './cli-error';
import { EXIT_FAILED } from './judgement-options';
import { scanCommand } from './scan-command';
import { safeText } from '../report/sanitize';
import pkg from '../../package.json';
import { detectLang, type Lang } from '../i18n/lang';
import { ui } from '../i18n/ui';

/** The language asked for on the command line (or by the environment), before commander has parsed it. */
function argvLang(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const explicit = i < 0 ? undefined : argv[i].startsWith('--lang=') ? argv[i].slice(7) : argv[i + 1];
  return detectLang(explicit === 'en' || explicit === 'zh-CN' ? explicit : undefined);
}

export function program(lang: Lang = argvLang(process.argv)): Command {
  const exitCodes = `\n${ui(lang, 'exitCodes')}\n`;
  // exitOverride is per command: usage errors in a subcommand must also end with exit code 2.
  return new Command('hostsweep')
    .addHelpText('after', exitCodes)
    .description('Find, contain, remove and report what an attacker left on a Linux server')
    .version(pkg.version)
    .addCommand(scanCommand().addHelpText('after', exitCodes).exitOverride())
    .addCommand(analyzeCommand().addHelpText('after', exitCodes).exitOverride())
    .addCommand(rulesCommand().exitOverride())
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
    process.stderr.write(`hostsweep: ${safeText(errorText(e, argvLang(process.argv)))}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

void main();
