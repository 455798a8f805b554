import type { Snapshot } from '../../model/facts';

/** Whether a time (ISO 8601) falls inside the window that starts at `since`. */
export function isRecent(iso: string | null | undefined, since: Date): boolean {
  return !!iso && new Date(iso).getTime() >= since.getTime();
}

const FIRST_BOOT_SLACK_MS = 3600_000;

/**
 * Whether a file was written while the server was first provisioned: cloud-init and image
 * builders write the default user's keys and sudoers within minutes of generating host keys.
 */
export function writtenAtFirstBoot(snapshot: Snapshot, mtime: string | null): boolean {
  const first = snapshot.facts.sshdConfig?.hostKeyTimes[0];
  if (!first || !mtime) return false;
  const d = new Date(mtime).getTime() - new Date(first).getTime();
  return d >= -FIRST_BOOT_SLACK_MS && d <= FIRST_BOOT_SLACK_MS;
}
