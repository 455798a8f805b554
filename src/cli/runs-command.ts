import path from 'node:path';
import { Command } from 'commander';
import { detectLang } from '../i18n/lang';
import { rui } from '../i18n/respond-ui';
import { listRuns } from '../respond/journal';
import { safeText } from '../report/sanitize';
import { addStateOption } from './respond-options';

export function runsCommand(): Command {
  const cmd = new Command('runs')
    .description('List the runs of clean, contain and harden, with what each applied and undid')
    .option('--json', 'print JSON');
  return addStateOption(cmd).action((opts) => {
    const lang = detectLang(opts.lang);
    const stateDir = path.resolve(opts.state);
    const runs = listRuns(stateDir);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return;
    }
    if (runs.length === 0) {
      process.stdout.write(`${rui(lang, 'runsEmpty', { state: safeText(stateDir) })}\n`);
      return;
    }
    const lines = [rui(lang, 'runsHeader')];
    for (const r of runs) {
      const target = r.info.target.kind === 'live' ? rui(lang, 'target') : r.info.target.root;
      lines.push(
        [
          r.info.id.padEnd(24),
          r.info.command.padEnd(8),
          safeText(target).padEnd(36),
          r.info.startedAt.slice(0, 19).padEnd(21),
          String(r.intents).padStart(7),
          String(r.applied).padStart(7),
          String(r.failed).padStart(6),
          String(r.undone).padStart(6),
        ].join(' '),
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
