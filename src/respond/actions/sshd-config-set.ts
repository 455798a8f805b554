import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ActionError, registerActionKind } from '../action';
import { captureEntry, type EntryState, removeTemps, restoreEntry, siblingTemp, withUnlockedDir } from '../file-state';

// Sets sshd options (harden --apply). sshd keeps the first value it reads for a keyword, and
// Debian's sshd_config starts with an Include of sshd_config.d: the settings go in a marked block
// at the very top of the main file, ahead of everything else. The original bytes and metadata are
// captured first, so undo puts the file back byte for byte. On a live system the new file is
// checked with `sshd -t -f` before it replaces the old one, and sshd is reloaded (sessions stay).

const run = promisify(execFile);

export const SSHD = '/usr/sbin/sshd';
const SYSTEMCTL = '/usr/bin/systemctl';

export interface SshdSetData {
  path: string;
  settings: { key: string; value: string }[];
  /** Validate with sshd -t and reload sshd: only on the live system, never for an offline root. */
  live: boolean;
}

export interface SshdSetUndo {
  entry: EntryState;
}

const BEGIN = '# hostsweep harden: begin';
const END = '# hostsweep harden: end';

/** The config with a block of settings at the top (an earlier block of ours is replaced). */
export function withSettings(text: string, settings: SshdSetData['settings'], runId: string): string {
  const start = text.indexOf(`${BEGIN}`);
  const end = text.indexOf(`${END}\n`);
  const rest = start === 0 && end > start ? text.slice(end + END.length + 1) : text;
  const block = [
    `${BEGIN} (run ${runId}; sshd uses the first value it reads, so these come before any Include)`,
    ...settings.map((s) => `${s.key} ${s.value}`),
    END,
    '',
  ].join('\n');
  return block + rest;
}

async function reloadSshd(note: (l: string) => void): Promise<void> {
  for (const unit of ['ssh.service', 'sshd.service']) {
    try {
      await run(SYSTEMCTL, ['reload', unit], { timeout: 20_000 });
      note(`reloaded ${unit}`);
      return;
    } catch {
      // the other distribution's unit name, or no systemd
    }
  }
  try {
    const pid = Number(fs.readFileSync('/run/sshd.pid', 'utf8').trim());
    if (Number.isInteger(pid) && pid > 1) {
      process.kill(pid, 'SIGHUP');
      note(`sent SIGHUP to sshd (PID ${pid})`);
      return;
    }
  } catch {
    // not running
  }
  note('sshd is not running: the settings apply when it starts');
}

export async function validateSshdConfig(file: string, sshd = SSHD): Promise<void> {
  try {
    await run(sshd, ['-t', '-f', file], { timeout: 20_000 });
  } catch (e) {
    const msg = ((e as { stderr?: string }).stderr || (e as Error).message).trim().slice(0, 500);
    throw new ActionError({
      en: `sshd -t rejected the new configuration, nothing was changed: ${msg}`,
      'zh-CN': `sshd -t 拒绝了新配置，未做任何修改：${msg}`,
    });
  }
}

export const sshdConfigSet = registerActionKind<SshdSetData, SshdSetUndo>({
  kind: 'sshd.config-set',
  async prepare(a, ctx) {
    const entry = captureEntry(ctx, a.data.path, true);
    if (entry.type !== 'file')
      throw new ActionError({ en: `${a.data.path}: not a regular file; not changed`, 'zh-CN': `${a.data.path}：不是普通文件，未修改` });
    return { entry };
  },
  async apply(a, u, ctx) {
    const local = ctx.target.local(a.data.path);
    const fd = fs.openSync(local, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    let text: string;
    try {
      text = fs.readFileSync(fd, 'utf8');
    } finally {
      fs.closeSync(fd);
    }
    const next = withSettings(text, a.data.settings, ctx.journal.info.id);
    const tag = `harden-${ctx.journal.info.id}`;
    const tmpPath = withUnlockedDir(path.dirname(local), () => {
      const tmp = siblingTemp(local, tag);
      const out = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
      try {
        fs.writeSync(out, next);
        fs.fsyncSync(out);
      } finally {
        fs.closeSync(out);
      }
      fs.chownSync(tmp, u.entry.uid ?? 0, u.entry.gid ?? 0);
      fs.chmodSync(tmp, (u.entry.mode ?? 0o644) & 0o7777);
      return tmp;
    });
    ctx.checkpoint?.('temp-written');
    if (a.data.live) {
      try {
        await validateSshdConfig(tmpPath);
      } catch (e) {
        removeTemps(local, tag);
        throw e;
      }
    }
    withUnlockedDir(path.dirname(local), () => fs.renameSync(tmpPath, local));
    ctx.checkpoint?.('renamed');
    if (a.data.live) await reloadSshd(ctx.note);
  },
  async undo(a, u, ctx) {
    removeTemps(ctx.target.local(a.data.path), `harden-${ctx.journal.info.id}`);
    restoreEntry(ctx, u.entry);
    if (a.data.live) await reloadSshd(ctx.note);
  },
});
