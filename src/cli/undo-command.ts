import path from 'node:path';
import { Command } from 'commander';
import { detectLang } from '../i18n/lang';
import { rui } from '../i18n/respond-ui';
import '../respond/actions/index';
import { lastUndoableRun, undoRun } from '../respond/apply-plan';
import { ResponseTarget } from '../respond/target';
import { safeText } from '../report/sanitize';
import { EXIT_CLEAN, EXIT_FAILED } from './judgement-options';
import { addStateOption } from './respond-options';

export function undoCommand(): Command {
  const cmd = new Command('undo')
    .description('Undo a run of clean, contain or harden (default: the last run against this target)')
    .argument('[run]', 'run id, as "hostsweep runs" lists it')
    .option('--root <dir>', 'the offline root the run changed (where the disk is mounted now)');
  return addStateOption(cmd).action(async (run: string | undefined, opts) => {
    const lang = detectLang(opts.lang);
    const stateDir = path.resolve(opts.state);
    let id = run;
    if (!id) {
      const target = new ResponseTarget(opts.root);
      const last = lastUndoableRun(stateDir, { kind: target.kind, root: target.root });
      if (!last) {
        const name = target.kind === 'live' ? rui(lang, 'target') : rui(lang, 'targetRoot', { root: safeText(target.root) });
        process.stdout.write(`${rui(lang, 'noRun', { target: name, state: safeText(stateDir) })}\n`);
        process.exitCode = EXIT_CLEAN;
        return;
      }
      id = last.info.id;
    }
    const r = await undoRun(id, { stateDir, lang, root: opts.root });
    process.exitCode = r.failed.length > 0 ? EXIT_FAILED : EXIT_CLEAN;
  });
}
