import path from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { audit, type HardenCheck } from '../harden/audit';
import { planHarden } from '../harden/harden-plan';
import { hardenUi } from '../harden/messages';
import { ancestorPids, operatorLogin } from '../harden/lockout';
import { detectLang, type Lang } from '../i18n/lang';
import { severityName } from '../i18n/ui';
import '../respond/actions/index';
import { applyPlan } from '../respond/apply-plan';
import { safeText } from '../report/sanitize';
import { EXIT_CLEAN, EXIT_FAILED, EXIT_FINDINGS, useColor } from './judgement-options';
import { addStateOption, stateFlag } from './respond-options';

const EXIT_INCOMPLETE = 3;

function renderChecks(checks: HardenCheck[], lang: Lang, color: boolean): string {
  const paint = (status: HardenCheck['status'], s: string) =>
    !color ? s : status === 'fail' ? pc.red(s) : status === 'pass' ? pc.green(s) : pc.yellow(s);
  const lines: string[] = [];
  for (const c of checks) {
    const mark = hardenUi(lang, c.status);
    // A passing check's title names the problem it looked for: show what was seen instead.
    if (c.status === 'pass' || c.status === 'not-applicable') {
      lines.push(`${paint(c.status, mark.padEnd(6))} ${c.id.padEnd(30)} ${safeText(c.evidence[0] ?? '')}`);
      continue;
    }
    lines.push(`${paint(c.status, mark.padEnd(6))} ${severityName(lang, c.severity).padEnd(8)} ${safeText(c.title)}`);
    lines.push(`       ${hardenUi(lang, 'why')}: ${safeText(c.reason)}`);
    lines.push(`       ${hardenUi(lang, 'fix')}: ${safeText(c.fix)}`);
    for (const e of c.evidence.slice(0, 4)) lines.push(`       - ${safeText(e)}`);
  }
  const count = (s: HardenCheck['status']) => checks.filter((c) => c.status === s).length;
  lines.push('', hardenUi(lang, 'summary', { fail: count('fail'), pass: count('pass'), unknown: count('unknown') }));
  return `${lines.join('\n')}\n`;
}

export function hardenCommand(): Command {
  const cmd = new Command('harden')
    .description(
      'Audit the door attackers come in through (sshd, fail2ban, firewall, exposed services, accounts, updates, auditd); --apply fixes the safe subset',
    )
    .option('--root <dir>', 'audit (and with --apply, change) an offline root instead of the live system')
    .option('--apply', 'plan the safe fixes (sshd_config settings that cannot lock you out); a dry run unless --yes')
    .option('--yes', 'with --apply: apply the plan; every change is journaled and "hostsweep undo" reverts it')
    .option('--json', 'print the checks as JSON');
  return addStateOption(cmd).action(async (opts) => {
    const lang = detectLang(opts.lang);
    if (opts.yes && !opts.apply) throw new Error('--yes needs --apply');
    const result = audit(opts.root, lang);
    if (opts.json)
      process.stdout.write(`${JSON.stringify({ target: result.target, checks: result.checks, gaps: result.gaps }, null, 2)}\n`);
    else process.stdout.write(renderChecks(result.checks, lang, useColor(process.stdout, process.env, undefined)));
    if (opts.apply) {
      const operator = result.target.kind === 'live' ? operatorLogin(result.facts, process.env, ancestorPids()) : { via: 'local' as const };
      const plan = planHarden(result, operator);
      const stateDir = path.resolve(opts.state);
      const applied = await applyPlan(plan, { stateDir, lang, yes: opts.yes === true, stateFlag: stateFlag(opts.state) });
      if (applied.failed.length > 0) {
        process.exitCode = EXIT_FAILED;
        return;
      }
    }
    const failed = result.checks.some((c) => c.status === 'fail');
    const unknown = result.checks.some((c) => c.status === 'unknown');
    process.exitCode = failed ? EXIT_FINDINGS : unknown ? EXIT_INCOMPLETE : EXIT_CLEAN;
  });
}
