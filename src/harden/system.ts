import type { AuditContext, HardenCheck } from './audit';
import { makeCheck } from './audit';
import { stateText } from './messages';

// fail2ban, the firewall's default policy, automatic security updates and auditd, from the
// target's files (packages installed, units enabled at boot, configuration).

const WANTS = [
  '/etc/systemd/system/multi-user.target.wants',
  '/etc/systemd/system/timers.target.wants',
  '/etc/systemd/system/sysinit.target.wants',
];

function exists(ctx: AuditContext, paths: string[]): string | undefined {
  return paths.find((p) => ctx.host.lstat(p) !== null);
}

function enabledUnit(ctx: AuditContext, names: string[]): string | undefined {
  for (const dir of WANTS) for (const n of names) if (ctx.host.lstat(`${dir}/${n}`) !== null) return `${dir}/${n}`;
  // SysV boot links (RHEL 6, old Debian)
  for (const n of names.map((x) => x.replace(/\.service$/, ''))) {
    const rc = ctx.host.readDir('/etc/rc3.d') ?? ctx.host.readDir('/etc/rc.d/rc3.d') ?? [];
    const link = rc.find((f) => f.startsWith('S') && f.endsWith(n));
    if (link) return `/etc/rc3.d/${link}`;
  }
  return undefined;
}

function textsIn(ctx: AuditContext, dir: string, suffix: string): { path: string; text: string }[] {
  return (ctx.host.readDir(dir) ?? [])
    .filter((f) => f.endsWith(suffix))
    .sort()
    .flatMap((f) => {
      const text = ctx.host.readText(`${dir}/${f}`, 1024 * 1024);
      return text === null ? [] : [{ path: `${dir}/${f}`, text }];
    });
}

/** fail2ban's own reading order: jail.conf, jail.d/*.conf, jail.local, jail.d/*.local; later wins. */
export function sshdJailEnabled(files: { path: string; text: string }[]): { enabled: boolean; where?: string } {
  let enabled = false;
  let where: string | undefined;
  for (const { path, text } of files) {
    let section = '';
    text.split('\n').forEach((raw, i) => {
      const line = raw.replace(/[#;].*$/, '').trim();
      const s = /^\[([^\]]+)\]$/.exec(line);
      if (s) section = s[1].trim().toLowerCase();
      const m = /^enabled\s*=\s*(\S+)/i.exec(line);
      if (m && (section === 'sshd' || section === 'ssh')) {
        enabled = /^(true|yes|1|on)$/i.test(m[1]);
        where = `${path}:${i + 1}`;
      }
    });
  }
  return { enabled, where };
}

function fail2ban(ctx: AuditContext): HardenCheck {
  const { lang } = ctx;
  const bin = exists(ctx, ['/usr/bin/fail2ban-server', '/usr/sbin/fail2ban-server', '/usr/local/bin/fail2ban-server']);
  if (!bin && ctx.host.lstat('/etc/fail2ban') === null)
    return makeCheck(lang, 'fail2ban.sshd', 'fail', 'medium', ['fail2ban-server not found'], { state: stateText(lang, 'notInstalled') });
  const files = [
    ...(['/etc/fail2ban/jail.conf'].flatMap((p) => {
      const text = ctx.host.readText(p);
      return text === null ? [] : [{ path: p, text }];
    }) as { path: string; text: string }[]),
    ...textsIn(ctx, '/etc/fail2ban/jail.d', '.conf'),
    ...(['/etc/fail2ban/jail.local'].flatMap((p) => {
      const text = ctx.host.readText(p);
      return text === null ? [] : [{ path: p, text }];
    }) as { path: string; text: string }[]),
    ...textsIn(ctx, '/etc/fail2ban/jail.d', '.local'),
  ];
  const jail = sshdJailEnabled(files);
  const running = enabledUnit(ctx, ['fail2ban.service']);
  if (!jail.enabled)
    return makeCheck(lang, 'fail2ban.sshd', 'fail', 'medium', [bin ?? '/etc/fail2ban', 'no [sshd] jail with enabled = true'], {
      state: stateText(lang, 'noSshdJail'),
    });
  if (!running)
    return makeCheck(lang, 'fail2ban.sshd', 'fail', 'medium', [`[sshd] enabled at ${jail.where}`, 'fail2ban.service not enabled at boot'], {
      state: stateText(lang, 'notEnabled'),
    });
  return makeCheck(lang, 'fail2ban.sshd', 'pass', 'medium', [`[sshd] enabled at ${jail.where}`, running], { state: '' });
}

function firewall(ctx: AuditContext): HardenCheck {
  const { host, lang } = ctx;
  const evidence: string[] = [];
  const nft = host.readText('/etc/nftables.conf');
  if (nft && /hook\s+input[^;]*;\s*policy\s+drop/.test(nft.replace(/\s+/g, ' ')) && enabledUnit(ctx, ['nftables.service']))
    evidence.push('/etc/nftables.conf: input chain with policy drop, nftables.service enabled');
  for (const p of ['/etc/iptables/rules.v4', '/etc/sysconfig/iptables']) {
    const t = host.readText(p);
    if (t && /^:INPUT (DROP|REJECT)\b/m.test(t)) evidence.push(`${p}: :INPUT DROP`);
    else if (
      t &&
      /^-A INPUT .*-j (DROP|REJECT)\s*$/m.test(
        t
          .split('\n')
          .filter((l) => l.startsWith('-A INPUT'))
          .at(-1) ?? '',
      )
    )
      evidence.push(`${p}: INPUT ends in DROP/REJECT`);
  }
  const ufw = host.readText('/etc/ufw/ufw.conf');
  const ufwDefault = host.readText('/etc/default/ufw');
  if (ufw && /^ENABLED=yes/m.test(ufw) && (!ufwDefault || /^DEFAULT_INPUT_POLICY="?(DROP|REJECT)/m.test(ufwDefault)))
    evidence.push('/etc/ufw/ufw.conf: ENABLED=yes, default input DROP');
  const firewalld = enabledUnit(ctx, ['firewalld.service']);
  if (firewalld) evidence.push(`${firewalld}: firewalld enabled (default zone rejects what it does not allow)`);
  return makeCheck(
    lang,
    'firewall.default-policy',
    evidence.length ? 'pass' : 'fail',
    'medium',
    evidence.length ? evidence : ['no nftables, iptables, ufw or firewalld default-deny configuration found'],
  );
}

function updates(ctx: AuditContext): HardenCheck {
  const { host, lang } = ctx;
  const evidence: string[] = [];
  const apt = textsIn(ctx, '/etc/apt/apt.conf.d', '');
  const unattended = apt.find((f) => /APT::Periodic::Unattended-Upgrade\s+"1"/.test(f.text));
  if (unattended && exists(ctx, ['/usr/bin/unattended-upgrade']))
    evidence.push(`${unattended.path}: APT::Periodic::Unattended-Upgrade "1"`);
  const dnf = host.readText('/etc/dnf/automatic.conf');
  const dnfTimer = enabledUnit(ctx, ['dnf-automatic-install.timer', 'dnf-automatic.timer']);
  if (dnfTimer && (dnfTimer.includes('install') || (dnf && /^\s*apply_updates\s*=\s*(yes|true|1)/m.test(dnf))))
    evidence.push(`${dnfTimer}: dnf-automatic installs updates`);
  const yumCron = host.readText('/etc/yum/yum-cron.conf');
  if (yumCron && /^\s*apply_updates\s*=\s*yes/m.test(yumCron) && enabledUnit(ctx, ['yum-cron.service']))
    evidence.push('/etc/yum/yum-cron.conf: apply_updates = yes');
  return makeCheck(
    lang,
    'updates.automatic',
    evidence.length ? 'pass' : 'fail',
    'medium',
    evidence.length ? evidence : ['no unattended-upgrades, dnf-automatic or yum-cron configuration that installs updates'],
  );
}

function auditd(ctx: AuditContext): HardenCheck {
  const { lang } = ctx;
  const bin = exists(ctx, ['/sbin/auditd', '/usr/sbin/auditd']);
  if (!bin) return makeCheck(lang, 'auditd.enabled', 'fail', 'low', ['auditd not found'], { state: stateText(lang, 'notInstalled') });
  const unit = enabledUnit(ctx, ['auditd.service']);
  if (!unit)
    return makeCheck(lang, 'auditd.enabled', 'fail', 'low', [bin, 'auditd.service not enabled at boot'], {
      state: stateText(lang, 'notEnabled'),
    });
  return makeCheck(lang, 'auditd.enabled', 'pass', 'low', [bin, unit], { state: '' });
}

export function systemChecks(ctx: AuditContext): HardenCheck[] {
  return [fail2ban(ctx), firewall(ctx), updates(ctx), auditd(ctx)];
}
