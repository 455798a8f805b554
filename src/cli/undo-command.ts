import { Command, Option } from 'commander';
import { detectLang } from '../i18n/lang';
import { rui } from '../i18n/respond-ui';
import { safeText } from '../report/sanitize';
import '../respond/actions/contain-kinds';
import { lastUndoableRun, undoRun } from '../respond/apply-plan';
import { DEFAULT_STATE_DIR, isRunId } from '../respond/journal';
import { EXIT_FAILED } from './judgement-options';

// `hostsweep undo [RUN]`: reverts a run from its journal (the newest undoable one by default).
export function undoCommand(): Command {
  return new Command('undo')
    .description('Undo a contain/clean run from its journal (default: the newest run that still has something to undo)')
    .argument('[run]', 'run id, as printed by the run and by "hostsweep runs"')
    .option('--root <dir>', 'the mounted disk the run changed (default: the live system)')
    .option('--state <dir>', 'journal directory', DEFAULT_STATE_DIR)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'zh-CN']))
    .action(async (run: string | undefined, opts) => {
      const lang = detectLang(opts.lang);
      const target = opts.root === undefined ? { kind: 'live', root: '/' } : { kind: 'root', root: opts.root };
      const id = run ?? lastUndoableRun(opts.state, target)?.info.id;
      if (id === undefined || !isRunId(id)) {
        process.stderr.write(`hostsweep undo: ${rui(lang, 'noRun', { target: safeText(target.root), state: safeText(opts.state) })}\n`);
        process.exitCode = EXIT_FAILED;
        return;
      }
      const result = await undoRun(id, { stateDir: opts.state, lang, root: opts.root });
      if (result.failed.length > 0) process.exitCode = EXIT_FAILED;
    });
}
