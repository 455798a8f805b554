import type { AuthAccepted } from '../../collect/logs/auth-log';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';

/**
 * Successful logins that followed password guessing: at least intel.logs.sshBruteForceMinAttempts
 * failures from that address first. The one definition of a break-in that rules raise other
 * evidence with (a key change, a password change, a new account, a tool installed after it).
 */
export function breakIns(snapshot: Snapshot, intel: Intel): AuthAccepted[] {
  return (snapshot.facts.authLog?.accepted ?? []).filter((a) => a.attemptsBefore >= intel.logs.sshBruteForceMinAttempts);
}

/** The first break-in on or before `day` (days since 1970, as shadow counts): only such a one can explain a change that day. */
export function breakInByDay(snapshot: Snapshot, intel: Intel, day: number): AuthAccepted | undefined {
  return breakIns(snapshot, intel).find((a) => a.time !== null && Math.floor(Date.parse(a.time) / 86_400_000) <= day);
}
