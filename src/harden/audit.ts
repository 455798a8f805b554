import type { SshdConfigFact, SshdOption } from '../collect/accounts/sshd-config';
import { COLLECTORS } from '../collect/registry';
import type { Host } from '../host/host';
import type { Lang } from '../i18n/lang';
import type { Facts } from '../model/facts';
import type { Severity } from '../model/finding';
import type { Gap } from '../model/gap';
import type { Recommendation } from '../model/report';
import { collectFacts, openHost } from '../scan';
import { type CheckId, checkText, stateText } from './messages';
import { serviceChecks } from './services';
import { systemChecks } from './system';

// The door they came in through: sshd, fail2ban, the firewall, services miners enter through,
// weak accounts, updates and auditing. Each check reads files of the target (live: also its
// sockets) and says pass, fail or unknown, with the reason and the fix.

export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'not-applicable';

export interface HardenCheck {
  id: CheckId;
  status: CheckStatus;
  severity: Severity;
  title: string;
  reason: string;
  fix: string;
  evidence: string[];
  /** The sshd_config setting `harden --apply` would write for this check (the safe subset). */
  sshdFix?: { key: string; value: string };
}

export interface AuditContext {
  host: Host;
  facts: Partial<Facts>;
  lang: Lang;
}

export function makeCheck(
  lang: Lang,
  id: CheckId,
  status: CheckStatus,
  severity: Severity,
  evidence: string[],
  data: Record<string, string | number | undefined> = {},
  sshdFix?: HardenCheck['sshdFix'],
): HardenCheck {
  return { id, status, severity, ...checkText(lang, id, data), evidence, ...(sshdFix ? { sshdFix } : {}) };
}

/** The value sshd uses: the first occurrence outside Match blocks (sshd keeps the first it reads). */
export function sshdEffective(cfg: SshdConfigFact, key: string): SshdOption | undefined {
  return cfg.options.find((o) => o.key === key && !o.inMatch);
}

function where(lang: Lang, o: SshdOption | undefined): string {
  return o ? `${o.file}:${o.line}` : stateText(lang, 'default');
}

function sshdChecks({ facts, lang }: Pick<AuditContext, 'facts' | 'lang'>): HardenCheck[] {
  const cfg = facts.sshdConfig;
  if (!cfg?.present) return [];
  const get = (k: string) => sshdEffective(cfg, k);
  const val = (k: string, dflt: string) => (get(k)?.args[0] ?? dflt).toLowerCase();
  const ev = (o: SshdOption | undefined, k: string, dflt: string) => [
    o ? `${o.file}:${o.line}: ${o.text}` : `${k} ${dflt} (OpenSSH default)`,
  ];
  const out: HardenCheck[] = [];

  const root = get('permitrootlogin');
  const rootVal = val('permitrootlogin', 'prohibit-password');
  out.push(
    makeCheck(
      lang,
      'sshd.permit-root-login',
      rootVal === 'yes' ? 'fail' : 'pass',
      'high',
      ev(root, 'PermitRootLogin', 'prohibit-password'),
      { where: where(lang, root) },
      {
        key: 'PermitRootLogin',
        value: 'prohibit-password',
      },
    ),
  );
  const pw = get('passwordauthentication');
  const pwOn = val('passwordauthentication', 'yes') !== 'no';
  out.push(
    makeCheck(
      lang,
      'sshd.password-authentication',
      pwOn ? 'fail' : 'pass',
      'medium',
      ev(pw, 'PasswordAuthentication', 'yes'),
      { where: where(lang, pw) },
      {
        key: 'PasswordAuthentication',
        value: 'no',
      },
    ),
  );
  const tries = get('maxauthtries');
  const n = Number(tries?.args[0] ?? 6);
  out.push(
    makeCheck(
      lang,
      'sshd.max-auth-tries',
      Number.isFinite(n) && n <= 4 ? 'pass' : 'fail',
      'low',
      ev(tries, 'MaxAuthTries', '6'),
      { where: where(lang, tries), value: n },
      {
        key: 'MaxAuthTries',
        value: '3',
      },
    ),
  );
  const empty = get('permitemptypasswords');
  out.push(
    makeCheck(
      lang,
      'sshd.permit-empty-passwords',
      val('permitemptypasswords', 'no') === 'yes' ? 'fail' : 'pass',
      'critical',
      ev(empty, 'PermitEmptyPasswords', 'no'),
      { where: where(lang, empty) },
      { key: 'PermitEmptyPasswords', value: 'no' },
    ),
  );
  // Keyboard-interactive asks for the same password through PAM (its old name is ChallengeResponse).
  const kbd = get('kbdinteractiveauthentication') ?? get('challengeresponseauthentication');
  const kbdOn = (kbd?.args[0] ?? 'yes').toLowerCase() !== 'no' && val('usepam', 'no') === 'yes';
  const methods = [pwOn ? 'PasswordAuthentication' : '', kbdOn ? 'KbdInteractiveAuthentication' : ''].filter(Boolean);
  out.push(
    makeCheck(
      lang,
      'sshd.keys-only',
      methods.length === 0 ? 'pass' : 'fail',
      'medium',
      [
        ...(kbd ? [`${kbd.file}:${kbd.line}: ${kbd.text}`] : []),
        ...(get('usepam') ? [`${get('usepam')?.file}:${get('usepam')?.line}: ${get('usepam')?.text}`] : []),
      ],
      { methods: methods.join(', ') },
      kbdOn ? { key: 'KbdInteractiveAuthentication', value: 'no' } : undefined,
    ),
  );
  return out;
}

const LOGIN_SHELL = /(^|\/)(ba|z|k|c|tc|da|fi)?sh$/;

function accountChecks({ host, facts, lang }: Omit<AuditContext, 'host'> & { host?: Host }): HardenCheck[] {
  const files = facts.accountFiles;
  if (!files) return [];
  const out: HardenCheck[] = [];
  if (!files.shadow.readable) {
    out.push(makeCheck(lang, 'accounts.empty-password', 'unknown', 'critical', ['/etc/shadow unreadable'], { names: '?' }));
    return out;
  }
  const shells = new Map((facts.users?.users ?? []).map((u) => [u.name, u.shell]));
  const empty = [
    ...files.passwd.entries.map((p) => ({ ...p, file: '/etc/passwd' })),
    ...files.shadow.entries.map((s) => ({ ...s, file: '/etc/shadow' })),
  ].filter((s) => s.password.kind === 'empty' && LOGIN_SHELL.test(shells.get(s.name) ?? ''));
  out.push(
    makeCheck(
      lang,
      'accounts.empty-password',
      empty.length ? 'fail' : 'pass',
      'critical',
      empty.length
        ? empty.map((s) => `${s.file}:${s.line}: ${s.text}`)
        : [`/etc/shadow: ${files.shadow.entries.length} entries, none empty for a login shell`],
      { names: [...new Set(empty.map((s) => s.name))].join(', ') || '—' },
    ),
  );
  // Hashes are compared here and dropped: never stored, printed or reported (so a snapshot cannot tell).
  if (!host) return out;
  const byHash = new Map<string, string[]>();
  for (const line of (host.readText('/etc/shadow', 4 * 1024 * 1024) ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 2 || !f[1].startsWith('$')) continue;
    byHash.set(f[1], [...(byHash.get(f[1]) ?? []), f[0]]);
  }
  const shared = [...byHash.values()].filter((names) => names.length > 1);
  out.push(
    makeCheck(
      lang,
      'accounts.duplicate-password',
      shared.length ? 'fail' : 'pass',
      'high',
      shared.length
        ? shared.map((names) => `/etc/shadow: ${names.join(', ')}`)
        : [`/etc/shadow: ${byHash.size} password hashes, all different`],
      { names: shared.map((n) => n.join(' = ')).join('; ') || '—' },
    ),
  );
  return out;
}

const AUDIT_COLLECTORS = ['users', 'sshdConfig', 'sshKeys', 'accountFiles', 'authLog', 'processes', 'sockets'];

export interface AuditResult {
  target: { kind: 'live' | 'root'; root: string };
  checks: HardenCheck[];
  facts: Partial<Facts>;
  gaps: Gap[];
}

/** Audits the live machine (root undefined) or an offline root. */
export function audit(root: string | undefined, lang: Lang): AuditResult {
  const host = openHost(root);
  const gaps: Gap[] = [];
  const collectors = COLLECTORS.filter((c) => AUDIT_COLLECTORS.includes(c.name));
  const facts = collectFacts(host, { sampleMs: 0 }, gaps, collectors);
  const ctx: AuditContext = { host, facts, lang };
  const checks = [...sshdChecks(ctx), ...systemChecks(ctx), ...serviceChecks(ctx), ...accountChecks(ctx)];
  return { target: { kind: host.kind, root: host.root }, checks, facts, gaps };
}

/**
 * The checks a saved snapshot can answer (sshd settings, empty passwords): what `report --from`
 * recommends when the target itself is not at hand.
 */
export function auditFacts(facts: Partial<Facts>, lang: Lang): HardenCheck[] {
  return [...sshdChecks({ facts, lang }), ...accountChecks({ facts, lang })];
}

/** Failed and undecided checks, worst first, as the report's recommendations. */
export function recommendations(checks: HardenCheck[]): Recommendation[] {
  const rank: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  return checks
    .filter((c): c is HardenCheck & { status: 'fail' | 'unknown' } => c.status === 'fail' || c.status === 'unknown')
    .sort((a, b) => rank.indexOf(a.severity) - rank.indexOf(b.severity))
    .map((c) => ({ id: c.id, status: c.status, severity: c.severity, title: c.title, fix: c.fix }));
}
