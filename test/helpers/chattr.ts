import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether chattr +i works in this directory (ext4/xfs/btrfs as root do; tmpfs and overlayfs
 * often do not). Probes with a throw-away file and always unlocks it again.
 */
export function chattrSupported(dir: string): { ok: boolean; why: string } {
  const probe = path.join(dir, `.chattr-probe-${process.pid}`);
  fs.writeFileSync(probe, 'probe');
  try {
    const r = spawnSync('chattr', ['+i', probe], { encoding: 'utf8' });
    if (r.error) return { ok: false, why: `chattr not available: ${r.error.message}` };
    if (r.status !== 0) return { ok: false, why: `chattr +i unsupported in ${dir}: ${r.stderr.trim()}` };
    return { ok: true, why: '' };
  } finally {
    spawnSync('chattr', ['-i', probe]);
    fs.rmSync(probe, { force: true });
  }
}

export function chattr(flags: string, ...files: string[]): void {
  const r = spawnSync('chattr', [flags, ...files], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chattr ${flags}: ${r.stderr}`);
}

/** Removes i/a from everything below dir so the temp tree can be deleted. */
export function unlockTree(dir: string): void {
  spawnSync('chattr', ['-R', '-ia', dir], { encoding: 'utf8' });
}
