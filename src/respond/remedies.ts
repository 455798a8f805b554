import { atLeast, type Severity } from '../model/finding';

// Which response answers which finding, keyed by rule id. The planner (clean-plan.ts) turns a
// remedy into actions using the finding's path, pid and evidence and the target's current files.
//
//   kill        a live process (frozen first, identity checked by start time)
//   quarantine  the file the finding names (files and links, never directories)
//   line        the "path:line:" lines the evidence names (cron entries, hooks, sudoers, sshd)
//   preload     the ld.so.preload entry, and the preloaded library when no package owns it
//   systemd     the unit, its timer and every .wants/.requires link to it
//   initd       the init script and every rcN.d link to it (or the one link named)
//   account     the account in passwd, shadow, group and gshadow
//   key         the authorized_keys lines the evidence names
//   unlock      clear the immutable and append-only flags
//   package     a package file that differs from the package database (--force only)
//   evidence    logs and histories: never changed
//   review      left to the operator, with a note (hostsweep cannot tell good from bad here)
export type Remedy =
  | 'kill'
  | 'quarantine'
  | 'line'
  | 'preload'
  | 'systemd'
  | 'initd'
  | 'account'
  | 'key'
  | 'unlock'
  | 'package'
  | 'evidence'
  | 'review';

export const REMEDIES: Record<string, Remedy> = {
  'accounts/duplicate-uid': 'account',
  'accounts/empty-password': 'review',
  'accounts/gid-zero-login': 'review',
  'accounts/lookalike-name': 'account',
  'accounts/new-login-account': 'review',
  'accounts/passwd-hash': 'review',
  'accounts/root-password-changed': 'review',
  'accounts/sudoers-nopasswd': 'line',
  'accounts/sudoers-suspicious-grant': 'line',
  'accounts/sudoers-weakened-defaults': 'line',
  'accounts/system-account-login-shell': 'review',
  'accounts/uid-zero-account': 'account',
  'files/dropped-executable': 'quarantine',
  'files/dropped-system-file': 'quarantine',
  'files/executable-in-temp': 'quarantine',
  'files/hidden-directory': 'review',
  'files/immutable-attribute': 'unlock',
  'files/clamav-detection': 'review',
  'files/content-match': 'review',
  'files/known-malware-file': 'quarantine',
  'files/recent-changes': 'review',
  'files/replaced-system-binary': 'package',
  'files/setid-unowned': 'quarantine',
  'files/unowned-system-executable': 'quarantine',
  'files/web-upload-script': 'quarantine',
  'hooks/ld-so-conf-path': 'line',
  'hooks/ld-so-preload': 'preload',
  'hooks/modprobe-install-command': 'line',
  'hooks/module-autoload-config': 'line',
  'hooks/motd-script': 'quarantine',
  'hooks/pam-exec': 'line',
  'hooks/pam-permit-auth': 'line',
  'hooks/pam-rogue-module': 'line',
  // Turning SELinux back on needs a relabel and a reboot: the operator's call, not clean's.
  'hooks/selinux-disabled': 'review',
  'hooks/shell-command-shadowing': 'line',
  'hooks/shell-download-exec': 'line',
  'hooks/shell-hidden-binary': 'line',
  'hooks/shell-ld-preload': 'line',
  'hooks/shell-prompt-command': 'line',
  'hooks/udev-run-program': 'line',
  'logs/history-disabled': 'evidence',
  'logs/history-suspicious-commands': 'evidence',
  'logs/logged-account-change': 'evidence',
  'logs/logged-suspicious-command': 'evidence',
  'logs/login-from-bruteforce-ip': 'evidence',
  'logs/package-transaction': 'evidence',
  'logs/login-records-tampered': 'evidence',
  'logs/login-records-wiped': 'evidence',
  'logs/password-changed': 'evidence',
  'logs/remote-root-login': 'evidence',
  'logs/ssh-bruteforce': 'evidence',
  'logs/ssh-login-after-bruteforce': 'evidence',
  'logs/ssh-root-key-login': 'evidence',
  'logs/ssh-root-password-login': 'evidence',
  'logs/web-attack-traffic': 'evidence',
  'logs/webshell-access-pattern': 'evidence',
  'logs/webshell-content': 'quarantine',
  'network/egress-flood': 'kill',
  'network/pool-connection': 'kill',
  'network/pool-domain': 'review',
  'network/suspicious-listener': 'kill',
  'persistence/at-job': 'quarantine',
  'persistence/cron-download-exec': 'line',
  'persistence/cron-suspicious-target': 'line',
  'persistence/cron-unowned-file': 'quarantine',
  'persistence/initd-ddos-pattern': 'initd',
  'persistence/initd-suspicious-script': 'initd',
  'persistence/inittab-respawn': 'line',
  'persistence/rc-local-command': 'line',
  'persistence/systemd-download-exec': 'systemd',
  'persistence/systemd-generator': 'quarantine',
  'persistence/systemd-suspicious-exec': 'systemd',
  'persistence/systemd-unowned-unit': 'systemd',
  'process/deleted-executable': 'kill',
  'process/exe-in-hidden-dir': 'kill',
  'process/exe-in-temp-dir': 'kill',
  'process/fake-kernel-thread': 'kill',
  'process/high-cpu-unowned': 'kill',
  'process/known-miner-name': 'kill',
  'process/loader-environment': 'kill',
  'process/memfd-executable': 'kill',
  'process/miner-arguments': 'kill',
  'process/name-mismatch': 'kill',
  'process/random-name': 'kill',
  'process/reverse-shell': 'kill',
  'process/suspicious-mapped-library': 'kill',
  'rootkit/cloaked-file': 'quarantine',
  'rootkit/hidden-kernel-module': 'review',
  'rootkit/hidden-port': 'review',
  'rootkit/hidden-process': 'kill',
  'rootkit/known-rootkit-module': 'review',
  'rootkit/packed-executable': 'quarantine',
  'rootkit/scanner-hooked': 'review',
  'rootkit/stray-kernel-module': 'quarantine',
  'rootkit/unowned-kernel-module': 'quarantine',
  'ssh/authorized-keys-inventory': 'review',
  'ssh/authorized-keys-recent': 'review',
  'ssh/authorized-keys2': 'key',
  'ssh/forced-command-key': 'key',
  'ssh/key-in-nologin-account': 'key',
  'ssh/keys-file-permissions': 'review',
  'ssh/shared-key': 'review',
  'ssh/sshd-authorized-keys-file': 'line',
  'ssh/sshd-empty-passwords': 'line',
  'ssh/sshd-keys-command': 'line',
  'ssh/sshd-weak-setting': 'line',
};

/**
 * Rules whose lower-severity findings describe what is merely unusual (any command in rc.local, an
 * old unpackaged program, a packed binary): below this severity they are left for review.
 */
export const REMEDY_FLOOR: Record<string, Severity> = {
  'persistence/rc-local-command': 'high',
  'files/unowned-system-executable': 'high',
  'files/dropped-executable': 'medium',
  'files/dropped-system-file': 'high',
  'rootkit/packed-executable': 'high',
  'rootkit/unowned-kernel-module': 'high',
};

/** The remedy for a rule; a rule the table does not know is left to the operator. */
export function remedyFor(rule: string, severity?: Severity): Remedy {
  const floor = REMEDY_FLOOR[rule];
  if (floor && severity && !atLeast(severity, floor)) return 'review';
  return REMEDIES[rule] ?? 'review';
}
