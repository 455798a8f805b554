import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ActionError, registerActionKind } from '../action';
import { captureEntry, type EntryState, removeTemps, restoreEntry, withUnlockedDir, writeSiblingTemp } from '../file-state';
import { getFlags, setFlags, setTimes, setXattrs, unlock } from '../file-metadata';
import { captureDirs, restoreDirs } from './file-quarantine';

// Removes (or replaces) single lines of a text file and keeps the rest: a cron line, an
// ld.so.preload entry, an authorized_keys line, a passwd/shadow/group/gshadow line, an sshd
// directive. The new file is written beside the old one and renamed over it, so a crash leaves
// either the old or the new file, never half of one. Several files change in one action when
// they must stay consistent (an account lives in four).

export interface LineChange {
  /** 1-based line number at plan time. */
  line: number;
  /** The line's exact text at plan time (checked again before the change). */
  text: string;
  /** Replacement line, or null to remove it. */
  with: string | null;
}

export interface FileEdit {
  path: string;
  /** SHA-256 of the whole file when the plan was made: a file changed since then is not touched. */
  expectSha256: string;
  changes: LineChange[];
}

export interface EditData {
  edits: FileEdit[];
}

export interface EditUndo {
  entries: EntryState[];
  dirs: EntryState[];
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Splits keeping line ends, so untouched lines stay byte for byte. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function applyChanges(content: string, changes: LineChange[]): string {
  const lines = splitLines(content);
  for (const c of changes) {
    const cur = lines[c.line - 1];
    if (cur === undefined || cur.replace(/\n$/, '') !== c.text)
      throw new ActionError({ en: `line ${c.line} is not what the plan saw`, 'zh-CN': `第 ${c.line} 行已不是制定计划时的内容` });
  }
  const byLine = new Map(changes.map((c) => [c.line - 1, c]));
  return lines
    .map((l, i) => {
      const c = byLine.get(i);
      if (!c) return l;
      if (c.with === null) return '';
      return `${c.with}${l.endsWith('\n') ? '\n' : ''}`;
    })
    .join('');
}

export const fileEditLines = registerActionKind<EditData, EditUndo>({
  kind: 'file.edit-lines',
  async prepare(a, ctx) {
    const dirs = captureDirs(
      ctx,
      a.data.edits.map((e) => e.path),
    );
    const entries = a.data.edits.map((e) => {
      const s = captureEntry(ctx, e.path, true);
      if (s.type !== 'file' || s.sha256 !== e.expectSha256)
        throw new ActionError({
          en: `${e.path} changed since the plan was made; scan and plan again`,
          'zh-CN': `${e.path} 在制定计划后已被修改，请重新扫描并制定计划`,
        });
      return s;
    });
    return { entries, dirs };
  },
  async apply(a, u, ctx) {
    a.data.edits.forEach((e, i) => {
      const before = u.entries[i];
      const local = ctx.target.local(e.path);
      const next = applyChanges(ctx.journal.loadBytes(before.sha256 as string).toString('latin1'), e.changes);
      withUnlockedDir(path.dirname(local), () => {
        const tmp = writeSiblingTemp(local, `edit-${ctx.journal.info.id}`, Buffer.from(next, 'latin1'), {
          uid: before.uid as number,
          gid: before.gid as number,
          mode: before.mode as number,
        });
        setXattrs(tmp, before.xattrs ?? {});
        ctx.checkpoint?.(`temp-written-${i + 1}`);
        const flags = getFlags(local);
        unlock(local);
        fs.renameSync(tmp, local);
        // The file keeps its times, so what stays in it is judged as before (the change itself is
        // in the journal), and its flags: an intruder's lock is answered by its own action.
        setTimes(local, before.atime as string, before.mtime as string);
        if (flags !== '') setFlags(local, flags, '');
      });
      ctx.checkpoint?.(`replaced-${i + 1}`);
    });
    for (const d of u.dirs)
      if (d.atime && d.mtime)
        withUnlockedDir(ctx.target.local(d.path), () => setTimes(ctx.target.local(d.path), d.atime as string, d.mtime as string));
  },
  async undo(a, u, ctx) {
    for (const e of a.data.edits) removeTemps(ctx.target.local(e.path), `edit-${ctx.journal.info.id}`);
    for (const e of [...u.entries].reverse()) restoreEntry(ctx, e);
    restoreDirs(ctx, u.dirs);
  },
});
