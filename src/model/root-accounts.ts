import { type PhraseValue, phrase } from '../i18n/phrases';
import type { Facts } from './facts';

// sshd, wtmp and the auth log name the account by its name, but the kernel grants root by UID 0:
// an extra UID-0 account ("toor", "sysadm") is root under another name and must be judged as root.

/** Names of every account with UID 0 in the passwd facts, always including "root". */
export function rootAccounts(facts: Partial<Facts> | undefined): Set<string> {
  const out = new Set(['root']);
  for (const u of facts?.users?.users ?? []) if (u.uid === 0) out.add(u.name);
  return out;
}

/** "root", or "toor (UID 0, equivalent to root)" for another UID-0 account. */
export function accountName(user: string): PhraseValue {
  return user === 'root' ? 'root' : phrase('account.uid0', { user });
}

/** How a report names an account: root-equivalent accounts say so, others keep their name. */
export function accountLabel(user: string, roots: Set<string>): PhraseValue {
  return roots.has(user) ? accountName(user) : user;
}
