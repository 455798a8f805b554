import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { clip, fileEvidence, packageState, worstCommandMatch } from './judge';
import { enabledBy, enabledEvidence, unitLabel, unitUser } from './systemd-facts';

export default defineRule({
  meta: {
    id: 'persistence/systemd-download-exec',
    category: 'systemd',
    severity: 'critical',
    attack: ['T1543.002', 'T1105'],
    status: 'stable',
    description:
      'A systemd unit or drop-in whose Exec line downloads and runs code, opens a reverse shell or runs another dangerous command from intel/commands.json, in any unit directory, package-owned or not.',
    falsePositives: ['A service that bootstraps itself with "curl … | sh" on purpose; replace it with a packaged or pinned installer.'],
    references: ['https://attack.mitre.org/techniques/T1543/002/'],
    uses: ['systemdUnits'],
    messages: {
      'dangerous-command': {
        en: {
          title: 'systemd unit {unit} {what}',
          detail:
            '{path}:{line} runs "{command}" as {user} whenever the unit starts. A service or timer that fetches code is how miners come back after every reboot and every cleanup.',
          action:
            'Keep a copy (cp -a {path} /root/ir/; systemctl cat {unit} > /root/ir/{unit}.txt), stop and disable it (systemctl disable --now {unit}), remove the file and run systemctl daemon-reload; then block the download host and hunt the payload.',
        },
        'zh-CN': {
          title: 'systemd 单元 {unit} {what}',
          detail:
            '{path}:{line} 在单元每次启动时以 {user} 身份执行“{command}”。会下载代码的服务或定时器，正是挖矿木马在每次重启和清理后卷土重来的方式。',
          action:
            '先留存（cp -a {path} /root/ir/；systemctl cat {unit} > /root/ir/{unit}.txt），停止并禁用（systemctl disable --now {unit}），删除文件后执行 systemctl daemon-reload；再封禁下载地址并查找载荷。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const unit of snapshot.facts.systemdUnits?.units ?? []) {
      for (const e of unit.execs) {
        const m = worstCommandMatch(intel, e.command);
        if (!m) continue;
        const user = unitUser(unit);
        report({
          messageId: 'dangerous-command',
          severity: m.severity,
          data: { unit: unit.name, what: m.description, path: unit.file.path, line: e.line, command: clip(e.command, 200), user },
          path: unit.file.path,
          user,
          time: unit.file.mtime ?? undefined,
          evidence: [
            `${unit.file.path}:${e.line}: ${clip(e.text)}`,
            phrase('cmd.matched', { id: m.id, what: m.what }),
            `unit: ${unitLabel(unit)}`,
            enabledEvidence(enabledBy(snapshot, unit)),
            fileEvidence(unit.file, packageState(snapshot, unit.file)),
          ],
        });
      }
    }
  },
});
