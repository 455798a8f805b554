import fs from 'node:fs';
import path from 'node:path';
import { registerActionKind } from '../action';
import { captureEntry, type EntryState, removeTemps, restoreEntry, withUnlockedDir, writeSiblingTemp } from '../file-state';
import { unlock } from '../file-metadata';
import { type GenuineSource, readGenuine } from '../genuine-copy';
import { captureDirs, restoreDirs } from './file-quarantine';

// Puts the genuine file of a package in place of a trojaned one (--force): the trojan's bytes and
// attributes go to the quarantine store first; the genuine bytes, verified against the package
// database's md5, are written beside it and renamed over it with the trojan's owner and mode.

export interface ReplaceData {
  path: string;
  expectedMd5: string;
  source: GenuineSource;
  package: string;
}

export interface ReplaceUndo {
  entry: EntryState;
  dirs: EntryState[];
  /** Quarantine key of the verified genuine bytes. */
  genuine: string;
}

export const fileReplace = registerActionKind<ReplaceData, ReplaceUndo>({
  kind: 'file.replace',
  async prepare(a, ctx) {
    const genuine = ctx.journal.storeBytes(await readGenuine(ctx.target, a.data.source, a.data.expectedMd5));
    const dirs = captureDirs(ctx, [a.data.path]);
    return { entry: captureEntry(ctx, a.data.path, true), dirs, genuine };
  },
  async apply(a, u, ctx) {
    const local = ctx.target.local(a.data.path);
    const bytes = ctx.journal.loadBytes(u.genuine);
    withUnlockedDir(path.dirname(local), () => {
      // A trojan may have set setuid bits the genuine program never had: keep only rwx bits.
      const tmp = writeSiblingTemp(local, `replace-${ctx.journal.info.id}`, bytes, {
        uid: u.entry.uid ?? 0,
        gid: u.entry.gid ?? 0,
        mode: (u.entry.mode ?? 0o755) & 0o777,
      });
      unlock(local);
      fs.renameSync(tmp, local);
    });
  },
  async undo(a, u, ctx) {
    removeTemps(ctx.target.local(a.data.path), `replace-${ctx.journal.info.id}`);
    restoreEntry(ctx, u.entry);
    restoreDirs(ctx, u.dirs);
  },
});
