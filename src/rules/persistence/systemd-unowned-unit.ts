import { phrase } from '../../i18n/phrases';
import { inTmpDir, isPackageOwned } from '../../analyze/facts-index';
import { defineRule } from '../rule';
import { looksRandom } from '../process/random-name';
import { clip, fileEvidence, packageState, recentFile, suspiciousHidden } from './judge';
import { enabledBy, enabledEvidence, unitLabel, unitUser } from './systemd-facts';

function imitatesSystem(lookalikes: { prefixes: string[]; names: string[] }, stem: string): boolean {
  return lookalikes.names.includes(stem) || lookalikes.prefixes.some((p) => stem.startsWith(p));
}

export default defineRule({
  meta: {
    id: 'persistence/systemd-unowned-unit',
    category: 'systemd',
    severity: 'low',
    attack: ['T1543.002', 'T1053.006', 'T1036.004'],
    status: 'stable',
    description:
      'systemd units, timers and drop-ins no package installed: critical/high for known miner/bot or random names, high for names imitating system services that no package ships and for units linked in from temporary or hidden paths; otherwise an inventory at info (low when changed in the recent window).',
    falsePositives: [
      'Every hand-installed service (node_exporter under /opt, a docker.service drop-in, a user backup timer) is listed at info or low; allow-list reviewed units by path.',
    ],
    references: ['https://attack.mitre.org/techniques/T1543/002/', 'https://attack.mitre.org/techniques/T1036/004/'],
    uses: ['systemdUnits', 'packages'],
    messages: {
      'bad-name': {
        en: {
          title: 'systemd unit with a miner/bot-like name: {unit}',
          detail:
            '{path} is not from any package and its name "{stem}" {why}. DDoS trojans and miners register themselves as services under such names.',
          action:
            'Copy it (cp -a {path} /root/ir/; systemctl cat {unit}), freeze its processes (systemctl kill -s STOP {unit}), then systemctl disable --now {unit}, delete the unit and what it runs, and systemctl daemon-reload.',
        },
        'zh-CN': {
          title: '名称像挖矿/木马的 systemd 单元：{unit}',
          detail: '{path} 不属于任何软件包，且名称“{stem}”{why}。DDoS 木马和挖矿程序常以这类名称注册为服务。',
          action:
            '先复制留存（cp -a {path} /root/ir/；systemctl cat {unit}），冻结其进程（systemctl kill -s STOP {unit}），再 systemctl disable --now {unit}，删除单元及其运行的程序，并执行 systemctl daemon-reload。',
        },
      },
      masquerade: {
        en: {
          title: 'systemd unit imitates a system service: {unit}',
          detail:
            '{path} looks like a system unit ("{stem}") but no package ships a unit of that name. Intruders name their services after systemd, dbus, kworker or network daemons so that systemctl list-units looks normal.',
          action:
            'Read it (systemctl cat {unit}; systemctl status {unit}) and what its ExecStart runs. If it is not yours: cp -a {path} /root/ir/, systemctl disable --now {unit}, remove it and systemctl daemon-reload.',
        },
        'zh-CN': {
          title: 'systemd 单元冒充系统服务：{unit}',
          detail:
            '{path} 看起来像系统单元（“{stem}”），但没有任何软件包提供同名单元。入侵者会以 systemd、dbus、kworker 或网络守护进程的名字命名服务，让 systemctl list-units 看起来一切正常。',
          action:
            '查看内容（systemctl cat {unit}；systemctl status {unit}）及其 ExecStart 运行的程序。若非己方所建：cp -a {path} /root/ir/，systemctl disable --now {unit}，删除后执行 systemctl daemon-reload。',
        },
      },
      'outside-link': {
        en: {
          title: 'systemd unit linked from a temporary or hidden path: {unit}',
          detail:
            '{path} is a symlink to {link}. systemctl link can register a unit file from anywhere; a unit kept in /tmp or a dot-directory is meant to be missed.',
          action:
            'Copy the target (cp -aL {path} /root/ir/), systemctl disable --now {unit}, remove the link and the file it points to, and systemctl daemon-reload.',
        },
        'zh-CN': {
          title: 'systemd 单元链接自临时或隐藏路径：{unit}',
          detail:
            '{path} 是指向 {link} 的符号链接。systemctl link 可以注册任意位置的单元文件；放在 /tmp 或隐藏目录中的单元就是为了不被发现。',
          action:
            '复制目标文件（cp -aL {path} /root/ir/），systemctl disable --now {unit}，删除链接及其指向的文件，并执行 systemctl daemon-reload。',
        },
      },
      'unowned-unit': {
        en: {
          title: 'systemd {kind} not installed by any package: {unit}',
          detail:
            '{path} ("{description}") runs "{command}" as {user}. Hand-installed services are common (exporters, agents, overrides); review them against what the team installed, especially ones changed near the incident.',
          action:
            'Check it is expected: systemctl cat {unit}; systemctl status {unit}. If not: cp -a {path} /root/ir/, systemctl disable --now {unit}, remove it and systemctl daemon-reload.',
        },
        'zh-CN': {
          title: '不属于任何软件包的 systemd {kind}：{unit}',
          detail:
            '{path}（“{description}”）以 {user} 身份运行“{command}”。手工安装的服务很常见（exporter、代理、覆盖配置）；请对照团队安装记录核查，尤其是在入侵时间附近修改过的。',
          action:
            '确认是否预期：systemctl cat {unit}；systemctl status {unit}。若否：cp -a {path} /root/ir/，systemctl disable --now {unit}，删除后执行 systemctl daemon-reload。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const facts = snapshot.facts.systemdUnits;
    if (!facts) return;
    // A unit name some package ships somewhere: a copy in /etc is an admin override, not an impostor.
    const packagedNames = new Set(
      facts.units.filter((u) => u.kind === 'unit' && isPackageOwned(snapshot, u.file.path) === true).map((u) => u.name),
    );
    const bad = new Set([...intel.miners.processNames, ...intel.miners.ddosBotNames].map((n) => n.toLowerCase()));
    for (const unit of facts.units) {
      const state = packageState(snapshot, unit.file);
      if (state === 'owned' || state === 'unknown') continue;
      const stem = unit.name.replace(/@?\.[a-z]+$/, '');
      const links = enabledBy(snapshot, unit);
      const user = unitUser(unit);
      const evidence = [
        fileEvidence(unit.file, state),
        `unit: ${unitLabel(unit)}`,
        ...unit.execs.slice(0, 4).map((e) => `${unit.file.path}:${e.line}: ${clip(e.text)}`),
        ...(unit.schedule ?? []).map((s) => `timer: ${s}`),
        enabledEvidence(links),
      ];
      const base = { path: unit.file.path, user, time: unit.file.mtime ?? undefined, evidence };
      const data = { unit: unit.name, path: unit.file.path, stem };
      if (unit.kind === 'unit' && (bad.has(stem.toLowerCase()) || looksRandom(stem))) {
        const known = bad.has(stem.toLowerCase());
        report({
          messageId: 'bad-name',
          severity: known ? 'critical' : 'high',
          data: { ...data, why: phrase(known ? 'unit.knownName' : 'unit.randomName') },
          ...base,
        });
        continue;
      }
      const link = unit.file.linkTarget;
      if (unit.linkedFromOutside && link && (inTmpDir(link) || suspiciousHidden(intel, link))) {
        report({ messageId: 'outside-link', severity: 'high', data: { ...data, link }, ...base });
        continue;
      }
      const lower = stem.toLowerCase();
      if (
        unit.kind === 'unit' &&
        unit.scope === 'system' &&
        !packagedNames.has(unit.name) &&
        imitatesSystem(intel.persistence.serviceLookalikes, lower)
      ) {
        report({ messageId: 'masquerade', severity: 'high', data, ...base });
        continue;
      }
      const first = unit.execs[0];
      report({
        messageId: 'unowned-unit',
        severity: recentFile(unit.file, since) ? 'low' : 'info',
        data: {
          ...data,
          kind: unit.kind === 'drop-in' ? 'drop-in' : unit.name.slice(unit.name.lastIndexOf('.') + 1),
          description: clip(unit.description ?? '-', 120),
          command: first ? clip(first.command, 160) : (unit.triggers ?? '-'),
          user,
        },
        ...base,
      });
    }
  },
});
