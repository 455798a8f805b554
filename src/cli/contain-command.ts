import path from 'node:path';
import { Command, Option } from 'commander';
import { ctextBy, cui } from '../i18n/contain-ui';
import { detectLang, type Lang } from '../i18n/lang';
import { rui } from '../i18n/respond-ui';
import { makeOutputDir, checkOutputFile } from '../output/write-file';
import { safeText } from '../report/sanitize';
import { defaultCollectFile } from '../respond/clean';
import { collectArchive } from '../respond/collect';
import { scan } from '../scan';
import '../respond/actions/index';
import { applyPlan } from '../respond/apply-plan';
import { chooseBackend, firewallBackend } from '../respond/contain/backends';
import { BACKENDS, type BackendId, coveringNet, isPort, parseAddr } from '../respond/contain/firewall';
import { ContainUsageError, operatorPath, planContain } from '../respond/contain/plan-contain';
import { parseRate } from '../respond/contain/rate';
import { toolPath } from '../respond/contain/run-tool';
import { checkDevices, egressDevices, SiteQdiscError } from '../respond/contain/tc-egress';
import { collect, EXIT_FAILED } from './judgement-options';
import { addStateOption, stateFlag } from './respond-options';

function usage(_lang: Lang, message: string): never {
  throw new ContainUsageError(ctextBy(() => message));
}

async function showStatus(lang: Lang, out: (s: string) => void): Promise<void> {
  // The plain "iptables" name only when neither variant is installed under its own name.
  const variants = (['iptables-nft', 'iptables-legacy'] as const).filter((v) => toolPath(v));
  const ids: BackendId[] = [...(toolPath('nft') ? (['nft'] as const) : []), ...(variants.length > 0 ? variants : (['iptables'] as const))];
  const counters = [];
  const failed: string[] = [];
  for (const id of ids) {
    try {
      counters.push(...(await firewallBackend(id).counters()));
    } catch (e) {
      failed.push((e as Error).message);
    }
  }
  // Saying "no rules" when the rules could not be read would be a lie (not root, broken tool).
  if (failed.length === ids.length) usage(lang, cui(lang, 'statusFailed', { error: failed[0] ?? '' }));
  const unique = [...new Map(counters.map((c) => [c.where, c])).values()];
  if (unique.length === 0) out(`${cui(lang, 'statusNone')}\n`);
  for (const c of unique) {
    const data = { where: safeText(c.where), packets: c.packets, bytes: c.bytes ?? undefined };
    out(`${cui(lang, c.bytes === null ? 'statusLinePackets' : 'statusLine', data)}\n`);
  }
}

export function containCommand(): Command {
  const cmd = new Command('contain')
    .description(
      'Stop the damage and keep the evidence: limit egress, block addresses, isolate, freeze processes, end sessions, lock accounts',
    )
    .option('--egress-limit <rate>', 'cap outbound traffic, e.g. 10mbit, 500kbit, 1MB/s (kept ports stay unlimited)')
    .option(
      '--keep-port <port>',
      'TCP port that stays open and unlimited (default: your SSH session’s port, else 22); repeatable',
      collect,
      [],
    )
    .option(
      '--keep-addr <addr>',
      'address that stays reachable with --isolate (default: your SSH client’s address); repeatable',
      collect,
      [],
    )
    .option('--block <addr>', 'drop traffic from and to this IPv4/IPv6 address or network; repeatable', collect, [])
    .option('--isolate', 'drop everything except loopback and the management path (kept ports and addresses)')
    .option('--freeze <pid>', 'SIGSTOP the process, its descendants and the ancestors that could respawn it; repeatable', collect, [])
    .option('--end-session <tty>', 'freeze, then kill the session on this terminal (e.g. pts/3); repeatable', collect, [])
    .option('--end-user <user>', 'freeze, then kill every terminal session of this user; repeatable', collect, [])
    .option('--lock-user <user>', 'lock the account (no password or key login); undoable; repeatable', collect, [])
    .addOption(new Option('--backend <backend>', 'firewall backend').choices(['auto', ...BACKENDS]).default('auto'))
    .option('--status', 'show what hostsweep’s containment rules have dropped so far, and change nothing')
    .option('--yes', 'apply the plan (without it: a dry run that only prints the plan)')
    .option('--no-collect', 'do not collect evidence before applying')
    .option('--collect-to <file>', 'where the evidence archive goes (default: <state>/collect/<time>.tar.gz)');
  return addStateOption(cmd).action(async (opts) => {
    const lang = detectLang(opts.lang);
    const out = (s: string) => process.stdout.write(s);
    try {
      if (opts.status) return await showStatus(lang, out);
      let egressLimit: number | undefined;
      if (opts.egressLimit !== undefined) {
        const r = parseRate(opts.egressLimit);
        if (r === null) usage(lang, cui(lang, 'badRate', { value: opts.egressLimit }));
        egressLimit = r;
      }
      const keepPorts = (opts.keepPort as string[]).map((p) => {
        if (!/^\d+$/.test(p) || !isPort(Number(p))) usage(lang, cui(lang, 'badPort', { value: p }));
        return Number(p);
      });
      const op = operatorPath();
      if (keepPorts.length === 0) keepPorts.push(op.port ?? 22);
      const keepAddrs = [...(opts.keepAddr as string[])];
      if (keepAddrs.length === 0 && op.addr && parseAddr(op.addr)) keepAddrs.push(op.addr);
      for (const a of [...keepAddrs, ...(opts.block as string[])]) if (!parseAddr(a)) usage(lang, cui(lang, 'badAddr', { value: a }));
      // Blocking the address the operator is logged in from would cut the operator off.
      const own = op.addr ? coveringNet(op.addr, opts.block as string[]) : null;
      if (own && op.addr) usage(lang, cui(lang, 'blockOwn', { net: own, addr: op.addr }));
      const freeze = (opts.freeze as string[]).map((p) => {
        if (!/^\d+$/.test(p) || Number(p) < 1) usage(lang, cui(lang, 'badPid', { value: p }));
        return Number(p);
      });
      const wantsFirewall = egressLimit !== undefined || opts.block.length > 0 || opts.isolate === true;
      const backend = wantsFirewall ? await chooseBackend(opts.backend as BackendId | 'auto') : 'nft';
      if (backend === null) usage(lang, cui(lang, 'noBackend', { backend: opts.backend }));
      if (egressLimit !== undefined && backend !== 'nft') {
        // Refused before the plan is shown, not half-way through applying it.
        try {
          await checkDevices(egressDevices());
        } catch (e) {
          if (e instanceof SiteQdiscError) usage(lang, cui(lang, 'siteQdisc', { device: e.device, qdisc: e.qdisc }));
          throw e;
        }
      }
      const plan = planContain({
        backend,
        egressLimit,
        keepPorts,
        keepAddrs,
        block: (opts.block as string[]).map((a) => parseAddr(a)?.text ?? a),
        isolate: opts.isolate === true,
        freeze,
        endSessions: opts.endSession,
        endUsers: opts.endUser,
        lockUsers: opts.lockUser,
      });
      if (plan.actions.length === 0) usage(lang, cui(lang, 'noActions'));
      const stateDir = path.resolve(opts.state);
      if (opts.yes && opts.collect !== false) {
        // Evidence first: the processes and connections are still as the attacker left them.
        const file = opts.collectTo ? path.resolve(opts.collectTo) : defaultCollectFile(stateDir);
        if (!opts.collectTo) makeOutputDir(path.dirname(file));
        checkOutputFile(file);
        await collectArchive({ file, scanned: await scan({ sampleMs: 0, lang }) });
        out(`${rui(lang, 'collected', { file: safeText(file) })}\n`);
      }
      const result = await applyPlan(plan, { stateDir, lang, yes: opts.yes === true, out, stateFlag: stateFlag(opts.state) });
      if (result.failed.length > 0) process.exitCode = EXIT_FAILED;
      if (plan.actions.some((a) => a.kind.startsWith('firewall.') && result.applied.includes(a.id))) {
        // One second of counters, so the operator sees the flood being cut right away.
        await new Promise((r) => setTimeout(r, 1000));
        out(`${cui(lang, 'countersAfter')}\n`);
        await showStatus(lang, out);
      }
    } catch (e) {
      if (!(e instanceof ContainUsageError)) throw e;
      process.stderr.write(`hostsweep contain: ${safeText(e.text[lang])}\n`);
      process.exitCode = EXIT_FAILED;
    }
  });
}
