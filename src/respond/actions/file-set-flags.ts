import { registerActionKind } from '../action';
import { getFlags, setFlags } from '../file-metadata';

// Clears inode flags an intruder set so that a file could not be fixed ("chattr +i" on a crontab
// or on /etc/passwd). Setting flags changes neither content nor times, only the flags.

export interface SetFlagsData {
  path: string;
  /** chattr letters to clear, e.g. "ia". */
  clear: string;
}

export interface SetFlagsUndo {
  flags: string;
}

export const fileSetFlags = registerActionKind<SetFlagsData, SetFlagsUndo>({
  kind: 'file.set-flags',
  async prepare(a, ctx) {
    return { flags: getFlags(ctx.target.local(a.data.path)) };
  },
  async apply(a, u, ctx) {
    setFlags(ctx.target.local(a.data.path), [...u.flags].filter((c) => !a.data.clear.includes(c)).join(''));
  },
  async undo(a, u, ctx) {
    setFlags(ctx.target.local(a.data.path), u.flags);
  },
});
