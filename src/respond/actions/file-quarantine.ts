import path from 'node:path';
import { type ActionContext, registerActionKind } from '../action';
import { captureEntry, type EntryState, parentOf, removeEntry, restoreDirMeta, restoreEntry, withUnlockedDir } from '../file-state';

// Moves files and links into the run's quarantine store: the bytes and every attribute are
// recorded (and fsync'ed in the journal) first, then the entry is unlocked and removed. Undo
// writes them back byte for byte, with the directory times as they were.

export interface QuarantineData {
  /** Target paths of files or symbolic links (a final link is moved, never followed). */
  paths: string[];
}

export interface QuarantineUndo {
  entries: EntryState[];
  /** The directories whose contents change, as they were before. */
  dirs: EntryState[];
}

export function captureDirs(ctx: ActionContext, paths: string[]): EntryState[] {
  // The directory as the kernel reaches it: on a merged-/usr system /lib is a link to usr/lib,
  // and the times that change are those of usr/lib.
  const dirs = [...new Set(paths.map((p) => resolvedDir(ctx, parentOf(p))))];
  return dirs.map((d) => captureEntry(ctx, d, false));
}

function resolvedDir(ctx: ActionContext, dir: string): string {
  const local = ctx.target.local(`${dir}/.`);
  const root = ctx.target.root;
  const rel = path.relative(root, local);
  return rel === '' ? '/' : `/${rel}`;
}

export function restoreDirs(ctx: ActionContext, dirs: EntryState[]): void {
  // Deepest first: restoring a child directory's times must not be undone by work in it later.
  for (const d of [...dirs].sort((a, b) => b.path.length - a.path.length)) restoreDirMeta(ctx, d);
}

export const fileQuarantine = registerActionKind<QuarantineData, QuarantineUndo>({
  kind: 'file.quarantine',
  async prepare(a, ctx) {
    const dirs = captureDirs(ctx, a.data.paths);
    const entries = a.data.paths.map((p) => captureEntry(ctx, p, true));
    return { entries, dirs };
  },
  async apply(_a, u, ctx) {
    u.entries.forEach((e, i) => {
      if (e.type === 'absent') return;
      if (e.type === 'dir') throw new Error(`${e.path}: is a directory`);
      const local = ctx.target.local(e.path);
      withUnlockedDir(path.dirname(local), () => removeEntry(local));
      ctx.checkpoint?.(`removed-${i + 1}`);
    });
  },
  async undo(_a, u, ctx) {
    [...u.entries].reverse().forEach((e, i) => {
      restoreEntry(ctx, e);
      ctx.checkpoint?.(`restored-${i + 1}`);
    });
    restoreDirs(ctx, u.dirs);
  },
});
