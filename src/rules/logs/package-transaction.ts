import { userName } from '../../analyze/facts-index';
import type { PackageTransaction } from '../../collect/logs/package-history';
import { type PhraseValue, phrase } from '../../i18n/phrases';
import { breakIns } from '../shared/break-ins';
import { defineRule } from '../rule';

// yum/dnf history says what was installed or removed, when and by whom. Updates happen every
// week, so only transactions inside the investigation window are shown, as timeline entries; a
// transaction that brings in scanners, brute-forcers or miners, or removes audit, SELinux policy,
// firewall or antivirus packages, is what intruders do after they get root.

const MAX_TIMELINE = 10;

function clip(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function listNames(names: string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')} (+${names.length - 8})` : names.join(', ');
}

export default defineRule({
  meta: {
    id: 'logs/package-transaction',
    category: 'history',
    severity: 'high',
    attack: ['T1562.001', 'T1588.002'],
    status: 'stable',
    description:
      'yum/dnf transactions inside the investigation window, from /var/lib/dnf/history.sqlite or /var/lib/yum/history: high when one installs attacker tools (masscan, zmap, hydra, xmrig… intel logs.attackerToolPackages) or removes security tooling (audit, SELinux policy, firewalld, fail2ban, ClamAV, agents… intel logs.securityPackages); dual-use tools (nmap, tor, sshpass… intel logs.dualUseToolPackages) installed by a known account with no brute force that got in before are low; other recent transactions are info entries for the timeline.',
    falsePositives: [
      'A penetration tester or admin installing nmap on purpose (low when nothing else joins it); a planned migration from firewalld to iptables-services.',
      'An intruder who ran rpm -i directly leaves no yum/dnf record: the package database install times still show it.',
    ],
    references: ['https://attack.mitre.org/techniques/T1562/001/', 'https://attack.mitre.org/techniques/T1588/002/'],
    uses: ['packageHistory'],
    messages: {
      tools: {
        en: {
          title: 'Attack tools installed with {tool} on {time}: {packages}',
          detail:
            'Transaction {id} ({cmdline}) by {user} installed {packages}. Port scanners, SSH brute-forcers and miners are what intruders add once they have root, to spread to neighbouring hosts or to mine.',
          action:
            'Check whether anyone on the team ran it (last, /var/log/secure around {time}). If not: {tool} history info {id}; keep the package list as evidence, look for the tool\'s output files and targets (find / -newermt "{time}" -type f 2>/dev/null | head -100), then remove the packages.',
        },
        'zh-CN': {
          title: '{time} 用 {tool} 安装了攻击工具：{packages}',
          detail:
            '事务 {id}（{cmdline}）由 {user} 执行，安装了 {packages}。端口扫描器、SSH 爆破工具和挖矿程序正是入侵者拿到 root 后会添加的，用于横向扩散或挖矿。',
          action:
            '确认团队中是否有人执行过（last，以及 {time} 前后的 /var/log/secure）。若无：{tool} history info {id}；保留软件包列表作为证据，查找该工具的输出文件和目标（find / -newermt "{time}" -type f 2>/dev/null | head -100），然后删除这些软件包。',
        },
      },
      removed: {
        en: {
          title: 'Security packages removed with {tool} on {time}: {packages}',
          detail:
            'Transaction {id} ({cmdline}) by {user} removed {packages}. Miner and botnet installers remove auditing, SELinux policy, firewalls, antivirus and monitoring agents so that nothing records or blocks them.',
          action:
            'Check whether the removal was planned. If not: {tool} history info {id}; reinstall the packages from a trusted mirror ({tool} install <packages>), and treat everything after {time} as unmonitored.',
        },
        'zh-CN': {
          title: '{time} 用 {tool} 删除了安全相关软件包：{packages}',
          detail:
            '事务 {id}（{cmdline}）由 {user} 执行，删除了 {packages}。挖矿和僵尸网络安装脚本会删除审计、SELinux 策略、防火墙、杀毒软件和监控代理，使其行为不被记录或拦截。',
          action:
            '确认该删除是否为计划内操作。若不是：{tool} history info {id}；从可信源重装这些软件包（{tool} install <软件包>），并把 {time} 之后的一切视为未受监控。',
        },
      },
      transaction: {
        en: {
          title: '{tool} transaction {id} on {time}: {count} package(s) by {user}',
          detail: 'Command: {cmdline}. Packages: {packages}. Listed because it falls inside the investigation window.',
          action: "Compare it with the team's change log; {tool} history info {id} shows the details.",
        },
        'zh-CN': {
          title: '{tool} 事务 {id}（{time}）：{user} 操作了 {count} 个软件包',
          detail: '命令：{cmdline}。软件包：{packages}。因处于本次排查时间窗口内而列出。',
          action: '与团队的变更记录核对；{tool} history info {id} 可查看详情。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const h = snapshot.facts.packageHistory;
    if (!h?.tool) return;
    const tools = new Set(intel.logs.attackerToolPackages);
    const security = new Set(intel.logs.securityPackages);
    const recent = h.transactions.filter((t) => new Date(t.time) >= since);
    const timeline: PackageTransaction[] = [];
    for (const t of recent) {
      const base = {
        tool: h.tool,
        id: t.id,
        time: t.time,
        cmdline: clip(t.cmdline || '-'),
        user: t.uid === null ? phrase('user.unknown') : userName(snapshot, t.uid),
      };
      const evidence: PhraseValue[] = [
        phrase('pkgtx.line', {
          source: t.source,
          id: t.id,
          time: t.time,
          uid: t.uid ?? '-',
          state: phrase(t.ok ? 'pkgtx.completed' : 'pkgtx.failed'),
        }),
        phrase('pkgtx.command', { cmd: clip(t.cmdline || '-', 400) }),
        ...t.packages.slice(0, 20).map((p) => `${p.action}: ${p.nevra}`),
      ];
      const common = { path: t.source, time: t.time, user: t.uid === null ? undefined : userName(snapshot, t.uid), evidence };
      const installed = t.packages
        .filter((p) => (p.action === 'install' || p.action === 'reinstall') && tools.has(p.name))
        .map((p) => p.name);
      const removed = t.packages.filter((p) => p.action === 'remove' && security.has(p.name)).map((p) => p.name);
      if (installed.length > 0) {
        // nmap or tor installed by a known account is an admin at work more often than not: low,
        // unless a brute force got into the box before it. Scanners like masscan, brute-forcers and
        // miners stay high.
        const dualUse = new Set(intel.logs.dualUseToolPackages);
        const breakIn = breakIns(snapshot, intel).some((a) => a.time !== null && a.time <= t.time);
        const ordinary = installed.every((n) => dualUse.has(n)) && t.uid !== null && !breakIn;
        report({
          messageId: 'tools',
          data: { ...base, packages: listNames(installed) },
          ...common,
          severity: ordinary ? 'low' : 'high',
          evidence: ordinary ? [...evidence, phrase('pkgtx.dualUse')] : evidence,
        });
      }
      if (removed.length > 0) report({ messageId: 'removed', data: { ...base, packages: listNames(removed) }, ...common });
      if (installed.length === 0 && removed.length === 0) timeline.push(t);
    }
    for (const t of timeline.slice(-MAX_TIMELINE)) {
      report({
        messageId: 'transaction',
        severity: 'info',
        data: {
          tool: h.tool,
          id: t.id,
          time: t.time,
          count: t.packages.length,
          cmdline: clip(t.cmdline || '-'),
          packages: listNames(t.packages.map((p) => `${p.action} ${p.name}`)),
          user: t.uid === null ? phrase('user.unknown') : userName(snapshot, t.uid),
        },
        path: t.source,
        time: t.time,
        evidence: [
          phrase('pkgtx.short', { source: t.source, id: t.id, time: t.time }),
          phrase('pkgtx.command', { cmd: clip(t.cmdline || '-', 400) }),
        ],
      });
    }
  },
});
