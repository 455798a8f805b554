import type { Intel } from '../../intel/intel';

/** A shell that gives an interactive login. An empty field means /bin/sh to login(1) and sshd. */
export function isLoginShell(intel: Intel, shell: string): boolean {
  const base = shell.slice(shell.lastIndexOf('/') + 1).trim();
  if (base === '') return true;
  return !intel.accounts.nonLoginShells.includes(base);
}
