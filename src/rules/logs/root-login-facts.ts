import type { AuthAccepted } from '../../collect/logs/auth-log';
import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { Snapshot } from '../../model/facts';

export { accountName } from '../../model/root-accounts';

/**
 * Evidence naming each distinct key of these publickey logins and the authorized_keys line it is
 * (sshd logs the same SHA256 fingerprint that ssh-keygen -lf prints), or that no file read holds it.
 */
export function keyEvidence(snapshot: Snapshot, accepted: AuthAccepted[]): PhraseValue[] {
  const out: PhraseValue[] = [];
  const keys = snapshot.facts.sshKeys?.keys ?? [];
  const users = new Map((snapshot.facts.sshKeys?.files ?? []).map((f) => [f.path, f.users]));
  const seen = new Set<string>();
  for (const a of accepted) {
    const fp = a.fingerprint ?? null;
    if (fp === null || seen.has(fp)) continue;
    seen.add(fp);
    // The account's own files first (a home shared by root and toor lists both), then any file.
    const same = keys.filter((k) => k.fingerprint === fp);
    const entry = same.find((k) => k.user === a.user || users.get(k.file)?.includes(a.user)) ?? same[0];
    out.push(phrase('key.login', { fingerprint: fp, type: a.keyType ?? '?' }));
    if (entry) out.push(phrase('key.matches', { entry: `${entry.file}:${entry.line}: ${entry.text}` }));
    else if (snapshot.facts.sshKeys) out.push(phrase('key.noEntry', { fingerprint: fp }));
    if (seen.size >= 3) break;
  }
  return out;
}
