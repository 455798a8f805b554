import { type PhraseValue, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { clip, fileEvidence, packageState, worstCommandMatch } from './judge';

export default defineRule({
  meta: {
    id: 'persistence/systemd-generator',
    category: 'systemd',
    severity: 'high',
    attack: ['T1543.002'],
    status: 'stable',
    description:
      'A systemd generator no package installed, or any generator with a download-and-execute line. Generators run as root at every boot and daemon-reload, before units load, and can create units on the fly in /run; almost nobody writes one by hand.',
    falsePositives: [
      'Hand-built generators of very unusual setups (custom storage or network bring-up); they are rare enough to review one by one.',
    ],
    references: [
      'https://www.freedesktop.org/software/systemd/man/latest/systemd.generator.html',
      'https://attack.mitre.org/techniques/T1543/002/',
    ],
    uses: ['systemdUnits', 'packages'],
    messages: {
      'unowned-generator': {
        en: {
          title: 'systemd generator not installed by any package: {path}',
          detail:
            'systemd runs {path} as root early at every boot and on every daemon-reload, and whatever units it writes into /run are started like real ones. Intruders use generators because they leave no unit file in /etc.',
          action:
            'Copy it (cp -a {path} /root/ir/; sha256sum {path}), read what it writes (look in /run/systemd/generator*), then remove it and run systemctl daemon-reload; reboot later to confirm nothing recreates it.',
        },
        'zh-CN': {
          title: '不属于任何软件包的 systemd 生成器：{path}',
          detail:
            'systemd 会在每次启动早期和每次 daemon-reload 时以 root 身份运行 {path}，它写入 /run 的单元会像正常单元一样被启动。入侵者使用生成器是因为它不会在 /etc 中留下单元文件。',
          action:
            '先复制留存（cp -a {path} /root/ir/；sha256sum {path}），查看它生成了什么（/run/systemd/generator*），再删除并执行 systemctl daemon-reload；之后重启确认没有被重新创建。',
        },
      },
      'dangerous-command': {
        en: {
          title: 'systemd generator {what}: {path}:{line}',
          detail: 'The generator runs "{command}" as root at every boot and daemon-reload.',
          action:
            'Copy {path} to /root/ir/, remove the line (or the file if no package owns it), systemctl daemon-reload, and hunt for what it downloaded.',
        },
        'zh-CN': {
          title: 'systemd 生成器{what}：{path}:{line}',
          detail: '该生成器会在每次启动和 daemon-reload 时以 root 身份执行“{command}”。',
          action:
            '将 {path} 复制到 /root/ir/，删除该行（若无软件包拥有则删除整个文件），执行 systemctl daemon-reload，并查找它下载的内容。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const g of snapshot.facts.systemdUnits?.generators ?? []) {
      const state = packageState(snapshot, g.file);
      const base = { path: g.file.path, user: 'root', time: g.file.mtime ?? undefined };
      let flagged = false;
      for (const c of g.commands) {
        const m = worstCommandMatch(intel, c.text);
        if (!m) continue;
        flagged = true;
        report({
          messageId: 'dangerous-command',
          severity: m.severity,
          data: { what: m.description, path: g.file.path, line: c.line, command: clip(c.text, 200) },
          ...base,
          evidence: [`${g.file.path}:${c.line}: ${clip(c.text)}`, phrase('ev.matchedList', { what: m.id }), fileEvidence(g.file, state)],
        });
      }
      if (!flagged && (state === 'unowned' || state === 'modified')) {
        const lines: PhraseValue[] = g.binary
          ? [phrase('kind.compiled')]
          : g.commands.slice(0, 5).map((c) => `${g.file.path}:${c.line}: ${clip(c.text)}`);
        report({ messageId: 'unowned-generator', data: { path: g.file.path }, ...base, evidence: [fileEvidence(g.file, state), ...lines] });
      }
    }
  },
});
