import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_STATE_DIR } from '../respond/journal';

// Options every response command shares (clean, undo, runs; contain and harden too).

export function addStateOption(cmd: Command): Command {
  return cmd
    .option('--state <dir>', 'where the journal and quarantine live (0700; outside the target for --root)', DEFAULT_STATE_DIR)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'zh-CN']));
}

/** " --state DIR" for hints, when the state directory is not the default. */
export function stateFlag(dir: string): string {
  return dir === DEFAULT_STATE_DIR ? '' : ` --state ${dir}`;
}

export function parsePositiveSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 1 || n > 86400) throw new InvalidArgumentError('expected seconds between 1 and 86400');
  return n;
}

export function parseCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
