// The public finding contract (docs/schema.md). Changing a field's meaning needs a new schema version.
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'process',
  'hidden_process',
  'network',
  'cron',
  'at',
  'systemd',
  'initd',
  'inittab',
  'rc_local',
  'shell_profile',
  'ld_preload',
  'ssh_key',
  'sshd_config',
  'account',
  'sudoers',
  'pam',
  'udev',
  'motd',
  'kernel_module',
  'suid',
  'immutable',
  'file_ioc',
  'integrity',
  'webshell',
  'log_bruteforce',
  'log_login',
  'log_web',
  'history',
  'rootkit',
  'selinux',
] as const;
export type Category = (typeof CATEGORIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s); // critical=5 … info=1
}

export function atLeast(s: Severity, floor: Severity): boolean {
  return severityRank(s) >= severityRank(floor);
}

/** The process a finding is about, with what spawned it and when. */
export interface ProcessContext {
  pid: number;
  name: string;
  exe: string | null;
  cmdline: string;
  user: string;
  startedAt: string | null;
  /** Ancestors from init down to the process itself, e.g. "systemd(1) > cron(812) > sh(901)". */
  chain: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  category: Category;
  title: string;
  detail: string;
  /** What to do next, in the user's language. */
  action: string;
  path?: string;
  pid?: number;
  user?: string;
  ip?: string;
  evidence: string[];
  attack: string[];
  time?: string;
  process?: ProcessContext;
  remediation?: string[];
}
