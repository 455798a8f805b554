import { ctextBy, cui } from '../../i18n/contain-ui';
import type { Lang } from '../../i18n/lang';
import { ActionError, type PlannedAction, registerActionKind } from '../action';
import { firewallBackend } from '../contain/backends';
import type { BackendId, FirewallAdded, FirewallChange } from '../contain/firewall';
import { describeRate } from '../contain/rate';
import { SiteQdiscError } from '../contain/tc-egress';
import { ToolError } from '../contain/run-tool';

// firewall.egress-limit, firewall.block, firewall.isolate: rules in hostsweep's own table or
// chains. The names are fixed at planning time and journaled before anything is added, so undo
// removes exactly them, even after an apply that stopped half-way.

export interface FirewallData {
  backend: BackendId;
  /** Unique per run and action: the chains' names derive from it. */
  tag: string;
  change: FirewallChange;
}

export function whatAdded(added: FirewallAdded, lang: Lang): string {
  if (added.backend !== 'nft' && added.chains.length === 0) return cui(lang, 'tcWhat', { devices: added.tcDevices.join(', ') || '-' });
  return cui(lang, added.backend === 'nft' ? 'nftWhat' : 'iptablesWhat');
}

export function firewallAction(id: string, data: FirewallData, keepAddrsText: (lang: Lang) => string): PlannedAction<FirewallData> {
  const { change, backend } = data;
  const added = firewallBackend(backend).plan(data.tag, change);
  const ports = 'keepPorts' in change ? change.keepPorts.join(', ') : '';
  const summary = ctextBy((lang) => {
    if (change.kind === 'egress-limit') return cui(lang, 'egressSummary', { rate: describeRate(change.bytesPerSec), backend, ports });
    if (change.kind === 'block') return cui(lang, 'blockSummary', { addrs: change.addrs.join(', '), backend });
    return cui(lang, 'isolateSummary', { backend, ports, addrs: keepAddrsText(lang) });
  });
  const undoKey = change.kind === 'egress-limit' ? 'egressUndo' : change.kind === 'block' ? 'blockUndo' : 'isolateUndo';
  return {
    id,
    kind: `firewall.${change.kind}`,
    summary,
    answers: [],
    undoSummary: ctextBy((lang) => cui(lang, undoKey, { what: whatAdded(added, lang) })),
    data,
  };
}

function toActionError(e: unknown): unknown {
  if (e instanceof SiteQdiscError)
    return new ActionError({
      en: e.message,
      'zh-CN': `网卡 ${e.device} 已配置根队列（${e.qdisc}），hostsweep 不会替换它，请使用 --backend nft`,
    });
  if (e instanceof ToolError) return new ActionError({ en: e.message, 'zh-CN': `命令执行失败：${e.message}` });
  return e;
}

for (const kind of ['egress-limit', 'block', 'isolate'] as const) {
  registerActionKind<FirewallData, FirewallAdded>({
    kind: `firewall.${kind}`,
    async prepare(a) {
      return firewallBackend(a.data.backend).plan(a.data.tag, a.data.change);
    },
    async apply(a, added, ctx) {
      try {
        await firewallBackend(a.data.backend).apply(a.data.change, added, ctx.checkpoint);
      } catch (e) {
        throw toActionError(e);
      }
    },
    async undo(a, added) {
      try {
        await firewallBackend(a.data.backend).remove(added);
      } catch (e) {
        throw toActionError(e);
      }
    },
  });
}
