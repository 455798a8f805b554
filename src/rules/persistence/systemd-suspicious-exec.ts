import { defineRule } from '../rule';
import { clip, fileEvidence, judgeCommand, packageState, recentFile, targetMessageId } from './judge';
import { enabledBy, enabledEvidence, unitLabel, unitUser } from './systemd-facts';

export default defineRule({
  meta: {
    id: 'persistence/systemd-suspicious-exec',
    category: 'systemd',
    severity: 'high',
    attack: ['T1543.002', 'T1053.006'],
    status: 'stable',
    description:
      'A unit, drop-in or timer-started service not byte-for-byte from a package whose ExecStart/ExecStartPre/ExecStartPost/ExecStop runs a program from a temporary or hidden directory, a known miner/bot name, a random-named or unpackaged file in a system directory, or a missing file. Agents installed under /opt or /usr/local are left to the systemd-unowned-unit inventory.',
    falsePositives: [
      'Vendor agents copied into /usr/bin by hand instead of installed as packages (known agent names in intel/persistence.json are treated like /opt installs).',
    ],
    references: ['https://attack.mitre.org/techniques/T1543/002/'],
    uses: ['systemdUnits', 'packages'],
    messages: {
      'known-bad-name': {
        en: {
          title: 'systemd unit {unit} starts a known miner/DDoS-bot file: {target}',
          detail: '{path}:{line} ({key}) runs {target} as {user}. {why}.',
          action:
            'Copy the unit and the program (cp -a {path} {target} /root/ir/), freeze a running copy (systemctl kill -s STOP {unit}), then systemctl disable --now {unit}, delete both files (chattr -ia first if needed) and systemctl daemon-reload.',
        },
        'zh-CN': {
          title: 'systemd 单元 {unit} 启动已知挖矿/DDoS 木马文件：{target}',
          detail: '{path}:{line}（{key}）以 {user} 身份运行 {target}。{why}。',
          action:
            '复制单元文件和程序（cp -a {path} {target} /root/ir/），冻结正在运行的副本（systemctl kill -s STOP {unit}），再 systemctl disable --now {unit}，删除两个文件（必要时先 chattr -ia）并执行 systemctl daemon-reload。',
        },
      },
      'temp-or-hidden': {
        en: {
          title: 'systemd unit {unit} runs a program from a temporary or hidden directory: {target}',
          detail:
            '{path}:{line} ({key}) runs {target} as {user}. {why}. Services run installed programs; a unit pointing into /tmp, /dev/shm or a dot-directory exists to restart a dropped payload.',
          action:
            'Copy {path} and {target} to /root/ir/ (cp -a), then systemctl disable --now {unit}, quarantine the program (chattr -ia; mv to /root/ir/), delete the unit file and systemctl daemon-reload.',
        },
        'zh-CN': {
          title: 'systemd 单元 {unit} 从临时或隐藏目录运行程序：{target}',
          detail:
            '{path}:{line}（{key}）以 {user} 身份运行 {target}。{why}。正常服务运行的是已安装程序；指向 /tmp、/dev/shm 或隐藏目录的单元就是为了反复拉起投放的载荷。',
          action:
            '将 {path} 和 {target} 复制到 /root/ir/（cp -a），再 systemctl disable --now {unit}，隔离程序（chattr -ia 后 mv 到 /root/ir/），删除单元文件并执行 systemctl daemon-reload。',
        },
      },
      'missing-target': {
        en: {
          title: 'systemd unit {unit} runs a file that does not exist: {target}',
          detail:
            '{path}:{line} ({key}) runs {target}, which is gone. Malware deletes its binary after start while the unit stays to reinstall it; otherwise it is a leftover unit.',
          action:
            'Check systemctl status {unit} and whether a process still runs the deleted file (ls -l /proc/*/exe 2>/dev/null | grep deleted); keep a copy of {path}, then systemctl disable {unit} and remove it if nobody owns it.',
        },
        'zh-CN': {
          title: 'systemd 单元 {unit} 运行的文件不存在：{target}',
          detail: '{path}:{line}（{key}）运行的 {target} 已不存在。木马常在启动后删除自身文件，只保留单元用于重装；否则就是遗留的单元。',
          action:
            '检查 systemctl status {unit}，确认是否仍有进程在运行已删除的文件（ls -l /proc/*/exe 2>/dev/null | grep deleted）；留存 {path} 副本，若无人认领则 systemctl disable {unit} 并删除。',
        },
      },
      'unowned-target': {
        en: {
          title: 'systemd unit {unit} runs an unpackaged program: {target}',
          detail:
            '{path}:{line} ({key}) runs {target} as {user}. {why}. Vendor agents installed by hand look like this too; it is serious when the file sits among system binaries, has a random name or appeared recently.',
          action:
            'Identify it (systemctl status {unit}; sha256sum {target}; who installed it and when). If nobody does: cp -a {path} {target} /root/ir/, systemctl disable --now {unit}, quarantine {target}, remove the unit and systemctl daemon-reload.',
        },
        'zh-CN': {
          title: 'systemd 单元 {unit} 运行非软件包程序：{target}',
          detail:
            '{path}:{line}（{key}）以 {user} 身份运行 {target}。{why}。手工安装的厂商代理也是这样；若文件位于系统程序目录、名称随机或近期出现，则问题严重。',
          action:
            '确认其来源（systemctl status {unit}；sha256sum {target}；由谁何时安装）。若无人认领：cp -a {path} {target} /root/ir/，systemctl disable --now {unit}，隔离 {target}，删除单元并执行 systemctl daemon-reload。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    for (const unit of snapshot.facts.systemdUnits?.units ?? []) {
      const state = packageState(snapshot, unit.file);
      if (state === 'owned') continue;
      const fileRecent = recentFile(unit.file, since);
      const links = enabledBy(snapshot, unit);
      const reported = new Set<string>();
      for (const e of unit.execs) {
        const j = judgeCommand({ snapshot, intel, since }, e, fileRecent);
        if (!j || reported.has(j.worst.path)) continue;
        // An unpackaged unit running an unpackaged /opt program is listed once, by systemd-unowned-unit.
        if (j.worst.issue === 'unowned-target' && state === 'unowned') continue;
        reported.add(j.worst.path);
        const user = unitUser(unit);
        report({
          messageId: targetMessageId(j.worst.issue),
          severity: j.worst.severity,
          data: { unit: unit.name, target: j.worst.path, path: unit.file.path, line: e.line, key: e.key, user, why: j.worst.why },
          path: unit.file.path,
          user,
          time: unit.file.mtime ?? undefined,
          evidence: [
            `${unit.file.path}:${e.line}: ${clip(e.text)}`,
            ...j.all.map((v) => v.why),
            `unit: ${unitLabel(unit)}`,
            enabledEvidence(links),
            fileEvidence(unit.file, state),
          ],
        });
      }
    }
  },
});
