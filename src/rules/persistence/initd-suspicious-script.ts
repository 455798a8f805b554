import { type Phrase, type PhraseValue, phrase } from '../../i18n/phrases';
import { inTmpDir, isPackageOwned } from '../../analyze/facts-index';
import { defineRule } from '../rule';
import { clip, fileEvidence, judgeCommand, packageState, recentFile, suspiciousHidden, targetMessageId, worstCommandMatch } from './judge';
import { ddosVerdict, runlevelsOf, startLinks } from './initd-facts';

/** "rc3.d/S99x -> ../init.d/x", or that the entry is a plain file. */
function linkEvidence(path: string, target: string | null | undefined): PhraseValue {
  return target === null || target === undefined ? phrase('initd.regularFile', { path }) : `${path} -> ${target}`;
}

export default defineRule({
  meta: {
    id: 'persistence/initd-suspicious-script',
    category: 'initd',
    severity: 'high',
    attack: ['T1037.004', 'T1037'],
    status: 'stable',
    description:
      'SysV init scripts and rcN.d links other than the XOR.DDoS pattern: download-and-execute lines (even in package scripts), unpackaged or edited scripts launching temporary, hidden, missing or unpackaged system binaries, rc links that point outside /etc/init.d, and an inventory of unpackaged init scripts (info, low when recent).',
    falsePositives: [
      'Vendor software that still installs SysV scripts by hand (old monitoring agents, databases built from source) appears in the inventory at info or low.',
    ],
    references: ['https://attack.mitre.org/techniques/T1037/004/'],
    uses: ['initScripts', 'packages'],
    messages: {
      'dangerous-command': {
        en: {
          title: 'Init script {what}: {path}:{line}',
          detail: 'At every boot (and every service start) it runs "{command}" as root.',
          action:
            'Copy {path} to /root/ir/ (cp -a), remove the line (or the script and its /etc/rc*.d links if no package owns it), block the download host and hunt the payload.',
        },
        'zh-CN': {
          title: 'init 脚本{what}：{path}:{line}',
          detail: '每次开机（以及每次启动该服务）时都会以 root 身份执行“{command}”。',
          action: '将 {path} 复制到 /root/ir/（cp -a），删除该行（若无软件包拥有则删除脚本及其 /etc/rc*.d 链接），封禁下载地址并查找载荷。',
        },
      },
      'known-bad-name': {
        en: {
          title: 'Init script starts a known miner/DDoS-bot file: {target}',
          detail: '{path}:{line} runs {target} as root at boot. {why}.',
          action:
            'Freeze the running copy (pgrep -f {target}; kill -STOP <pid>), copy {path} and {target} to /root/ir/, then remove the script, its /etc/rc*.d links and the file (chattr -ia first if needed).',
        },
        'zh-CN': {
          title: 'init 脚本启动已知挖矿/DDoS 木马文件：{target}',
          detail: '{path}:{line} 在开机时以 root 身份运行 {target}。{why}。',
          action:
            '冻结正在运行的副本（pgrep -f {target}; kill -STOP <pid>），将 {path} 和 {target} 复制到 /root/ir/，再删除脚本、其 /etc/rc*.d 链接和该文件（必要时先 chattr -ia）。',
        },
      },
      'temp-or-hidden': {
        en: {
          title: 'Init script runs a program from a temporary or hidden directory: {target}',
          detail: '{path}:{line} runs {target} as root at boot. {why}.',
          action:
            'Copy {path} and {target} to /root/ir/ (cp -a), stop what runs (pgrep -af {target}; kill -STOP), then remove the script, its /etc/rc*.d links and the program.',
        },
        'zh-CN': {
          title: 'init 脚本从临时或隐藏目录运行程序：{target}',
          detail: '{path}:{line} 在开机时以 root 身份运行 {target}。{why}。',
          action:
            '将 {path} 和 {target} 复制到 /root/ir/（cp -a），冻结正在运行的进程（pgrep -af {target}; kill -STOP），再删除脚本、其 /etc/rc*.d 链接和该程序。',
        },
      },
      'missing-target': {
        en: {
          title: 'Init script runs a file that does not exist: {target}',
          detail: '{path}:{line} runs {target}, which is gone: a deleted payload whose boot hook stayed, or a leftover script.',
          action:
            'Look for a process running a deleted file (ls -l /proc/*/exe 2>/dev/null | grep deleted); keep a copy of {path}, then remove it and its /etc/rc*.d links if nobody owns it.',
        },
        'zh-CN': {
          title: 'init 脚本运行的文件不存在：{target}',
          detail: '{path}:{line} 运行的 {target} 已不存在：可能是载荷被删除但开机钩子仍在，也可能是遗留脚本。',
          action:
            '查找运行已删除文件的进程（ls -l /proc/*/exe 2>/dev/null | grep deleted）；留存 {path} 副本，若无人认领则删除它及其 /etc/rc*.d 链接。',
        },
      },
      'unowned-target': {
        en: {
          title: 'Init script runs an unpackaged program: {target}',
          detail: '{path}:{line} runs {target} as root at boot. {why}.',
          action:
            'Confirm who installed {target} (sha256sum {target}; compare with backups). If nobody: copy both to /root/ir/, remove the script, its /etc/rc*.d links and the program.',
        },
        'zh-CN': {
          title: 'init 脚本运行非软件包程序：{target}',
          detail: '{path}:{line} 在开机时以 root 身份运行 {target}。{why}。',
          action:
            '确认 {target} 的安装者（sha256sum {target}；与备份比对）。若无人认领：将两者复制到 /root/ir/，删除脚本、其 /etc/rc*.d 链接和该程序。',
        },
      },
      'unowned-script': {
        en: {
          title: 'Init script not installed by any package: {path} (runlevels {runlevels})',
          detail:
            'It runs at boot as root; first command: "{first}". Hand-installed init scripts exist (old agents, software built from source), and so do intruders\' ones; check it against what the team installed.',
          action:
            'Read it (cat -A {path}; ls -l /etc/rc*.d/*{name}). If unknown: cp -a {path} /root/ir/, then update-rc.d -f {name} remove (Debian) or chkconfig --del {name} (RHEL), and delete the script.',
        },
        'zh-CN': {
          title: '不属于任何软件包的 init 脚本：{path}（运行级别 {runlevels}）',
          detail:
            '它会在开机时以 root 身份运行；第一条命令为“{first}”。手工安装的 init 脚本确实存在（旧代理、源码编译的软件），入侵者的也一样；请对照团队安装记录核查。',
          action:
            '查看内容（cat -A {path}；ls -l /etc/rc*.d/*{name}）。若来历不明：cp -a {path} /root/ir/，再执行 update-rc.d -f {name} remove（Debian）或 chkconfig --del {name}（RHEL），并删除脚本。',
        },
      },
      'odd-link': {
        en: {
          title: 'Runlevel link does not point into /etc/init.d: {path}',
          detail:
            '{path} {how}. Boot links normally point to /etc/init.d scripts; a link straight to a binary, into a temporary or hidden place, or a plain file in an rc directory, starts something the init scripts do not show.',
          action: 'Copy what it points to (cp -aL {path} /root/ir/), remove the link, and check the target file and anything running it.',
        },
        'zh-CN': {
          title: '运行级别链接未指向 /etc/init.d：{path}',
          detail:
            '{path} {how}。开机链接通常指向 /etc/init.d 中的脚本；直接指向二进制、临时或隐藏位置的链接，或 rc 目录中的普通文件，会启动 init 脚本中看不到的东西。',
          action: '复制其指向的内容（cp -aL {path} /root/ir/），删除该链接，并检查目标文件及运行它的进程。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const facts = snapshot.facts.initScripts;
    if (!facts) return;
    const ctx = { snapshot, intel, since };
    const scriptPaths = new Set(facts.scripts.map((s) => s.realPath));
    for (const script of facts.scripts) {
      const state = packageState(snapshot, script.file);
      const base = { path: script.file.path, user: 'root', time: script.file.mtime ?? undefined };
      const owner = fileEvidence(script.file, state);
      for (const c of script.commands) {
        const m = worstCommandMatch(intel, c.text);
        if (m)
          report({
            messageId: 'dangerous-command',
            severity: m.severity,
            data: { what: m.description, path: script.file.path, line: c.line, command: clip(c.text, 200) },
            ...base,
            evidence: [`${script.file.path}:${c.line}: ${clip(c.text)}`, phrase('ev.matchedList', { what: m.id }), owner],
          });
      }
      if (state === 'owned' || ddosVerdict(ctx, script)) continue; // package script, or reported as the DDoS pattern
      const recent = recentFile(script.file, since);
      const reported = new Set<string>();
      for (const c of script.commands) {
        const j = judgeCommand(ctx, c, recent);
        if (!j || reported.has(j.worst.path)) continue;
        if (j.worst.issue === 'unowned-target' && state === 'unowned') continue; // the inventory entry below covers it
        reported.add(j.worst.path);
        report({
          messageId: targetMessageId(j.worst.issue),
          severity: j.worst.severity,
          data: { target: j.worst.path, path: script.file.path, line: c.line, why: j.worst.why },
          ...base,
          evidence: [`${script.file.path}:${c.line}: ${clip(c.text)}`, ...j.all.map((v) => v.why), owner],
        });
      }
      if (state === 'unowned') {
        const links = startLinks(snapshot, script);
        const first = script.commands.find((c) => !/^(case|esac|;;|\w+\)|\*\)|start\)|stop\))/.test(c.text));
        report({
          messageId: 'unowned-script',
          severity: recent ? 'low' : 'info',
          data: {
            path: script.file.path,
            runlevels: runlevelsOf(links) || '-',
            first: first ? clip(first.text, 160) : '-',
            name: script.name,
          },
          ...base,
          evidence: [
            owner,
            ...links.slice(0, 8).map((l) => linkEvidence(l.path, l.linkTarget)),
            ...script.commands.slice(0, 5).map((c) => `${script.file.path}:${c.line}: ${clip(c.text)}`),
          ],
        });
      }
    }
    for (const link of facts.links) {
      if (link.resolved === null || scriptPaths.has(link.resolved)) continue;
      let how: Phrase | null = null;
      if (!link.isLink) how = isPackageOwned(snapshot, link.path) === false ? phrase('initd.plainFile') : null;
      else if (inTmpDir(link.resolved) || suspiciousHidden(intel, link.resolved))
        how = phrase('initd.pointsOdd', { target: link.resolved });
      else if (!link.resolved.includes('/init.d/') && isPackageOwned(snapshot, link.resolved) === false)
        how = phrase('initd.pointsUnowned', { target: link.resolved });
      if (how === null) continue;
      report({
        messageId: 'odd-link',
        severity: 'high',
        data: { path: link.path, how },
        path: link.path,
        user: 'root',
        evidence: [linkEvidence(link.path, link.linkTarget), phrase('initd.resolvesTo', { target: link.resolved })],
      });
    }
  },
});
