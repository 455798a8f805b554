import { CommanderError } from 'commander';
import { EXIT_FAILED } from './judgement-options';
import { program } from './program';
import { helpLang } from '../i18n/help';
import { safeText } from '../report/sanitize';

async function main() {
  try {
    await program(helpLang(process.argv)).parseAsync(process.argv);
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
