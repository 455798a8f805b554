import { CommanderError } from 'commander';
import { z } from 'zod';
import { argvLangGuess } from './argv-lang';
import { errorText } from './cli-error';
import { EXIT_FAILED } from './judgement-options';
import { program } from './program';
import { helpLang } from '../i18n/help';
import { safeText } from '../report/sanitize';

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
    await program(helpLang(process.argv)).parseAsync(process.argv);
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
