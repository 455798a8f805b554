import { type Phrase, phrase } from '../../i18n/phrases';
import type { PasswdEntry, ShadowEntry } from '../../collect/accounts/account-files';
import type { UserFact } from '../../collect/users';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';

// Lookups shared by the account, sudoers and SSH rules. Not a rule itself.

const DAY_MS = 86400_000;

/** A shell that gives an interactive login. An empty field means /bin/sh to login(1) and sshd. */
export function isLoginShell(intel: Intel, shell: string): boolean {
  const base = shell.slice(shell.lastIndexOf('/') + 1).trim();
  if (base === '') return true;
  return !intel.accounts.nonLoginShells.includes(base);
}

export function shadowEntry(snapshot: Snapshot, name: string): ShadowEntry | undefined {
  return snapshot.facts.accountFiles?.shadow.entries.find((e) => e.name === name);
}

export function passwdEntry(snapshot: Snapshot, name: string): PasswdEntry | undefined {
  return snapshot.facts.accountFiles?.passwd.entries.find((e) => e.name === name);
}

export function dayToDate(day: number): Date {
  return new Date(day * DAY_MS);
}

export function dayToIso(day: number): string {
  return dayToDate(day).toISOString().slice(0, 10);
}

/** The shadow day most system accounts share: when the base system was installed or the image built. */
export function installDay(snapshot: Snapshot): number | null {
  const af = snapshot.facts.accountFiles;
  const users = snapshot.facts.users?.users ?? [];
  if (!af) return null;
  const uidMin = af.uidMin;
  const count = new Map<number, number>();
  for (const e of af.shadow.entries) {
    const u = users.find((x) => x.name === e.name);
    if (!u || u.uid >= uidMin || e.lastChange === null) continue;
    count.set(e.lastChange, (count.get(e.lastChange) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestN = 1; // a single account is no consensus
  for (const [day, n] of count) if (n > bestN || (n === bestN && best !== null && day < best)) [best, bestN] = [day, n];
  return best;
}

/** Whether a shadow change day falls inside the window. Days are whole UTC days, so the window's day counts. */
export function dayIsRecent(day: number | null, since: Date): boolean {
  return day !== null && day >= Math.floor(since.getTime() / DAY_MS);
}

export function isRecent(iso: string | null | undefined, since: Date): boolean {
  return !!iso && new Date(iso).getTime() >= since.getTime();
}

/** The passwd line of a user as evidence ("/etc/passwd:12: maill:x:1001:…"), hash redacted. */
export function passwdEvidence(snapshot: Snapshot, u: UserFact): string {
  const e = passwdEntry(snapshot, u.name);
  return e ? `/etc/passwd:${e.line}: ${e.text}` : `/etc/passwd: ${u.name}:x:${u.uid}:${u.gid}:${u.gecos}:${u.home}:${u.shell}`;
}

export function shadowEvidence(e: ShadowEntry): Phrase {
  const day = e.lastChange === null ? phrase('shadow.never') : phrase('shadow.day', { date: dayToIso(e.lastChange), day: e.lastChange });
  return phrase('shadow.line', { line: `/etc/shadow:${e.line}: ${e.text}`, day });
}

/** Line number of a user in /etc/passwd, for the finding's location. */
export function passwdLine(snapshot: Snapshot, name: string): number | undefined {
  return passwdEntry(snapshot, name)?.line;
}
