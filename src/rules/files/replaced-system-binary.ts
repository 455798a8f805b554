import { type PhraseValue, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { analyzeFilterScript, type FilterAnalysis } from './filter-script';

const SHOWN_LINES = 20;

/** Control characters as \u00XX, so a quoted line can neither move the cursor nor hide text on a terminal. */
function escaped(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The script's first lines as "  3| text", the filtering ones marked ">>", control characters escaped. */
function scriptEvidence(script: { lines: string[]; total: number }, f: FilterAnalysis): PhraseValue[] {
  const width = String(Math.min(script.lines.length, SHOWN_LINES)).length;
  const shown = script.lines.slice(0, SHOWN_LINES).map((l, i) => {
    const mark = f.filtering.includes(i) ? '>>' : '  ';
    return `${mark} ${String(i + 1).padStart(width)}| ${escaped(l)}`;
  });
  // A filtering line past the first lines is still shown: it is the point of the finding.
  for (const i of f.filtering) {
    if (i >= SHOWN_LINES) shown.push(`>> ${i + 1}| ${escaped(script.lines[i])}`);
  }
  const more = script.total - Math.min(script.lines.length, SHOWN_LINES);
  return [phrase('filter.script', { lines: script.total }), ...shown, ...(more > 0 ? [phrase('ev.more', { count: more })] : [])];
}

export default defineRule({
  meta: {
    id: 'files/replaced-system-binary',
    category: 'integrity',
    severity: 'critical',
    attack: ['T1554', 'T1036.005'],
    status: 'stable',
    description:
      "A commonly trojaned program (ps, netstat, ss, top, ls, lsof, find, sshd, login, su, sudo, passwd, crontab…) or library (libc, libpam, libprocps) whose digest differs from what dpkg (md5sums) or rpm (the header's file digests, md5 or sha256) recorded when it installed it — the `dpkg --verify` / `rpm -V` check, done without the box's own tools. When the replacement is a script that runs a renamed original through grep -v (or sed /x/d, awk !/x/), the finding quotes the script with the filtering lines marked and names what it hides and where the real program went.",
    falsePositives: [
      'A binary an admin rebuilt or patched in place (rare on servers); dpkg --verify or rpm -V shows the same. On old RHEL hosts with prelink enabled, prelinked libraries differ from their rpm digest.',
      'If the attacker also rewrote /var/lib/dpkg/info/*.md5sums or the rpm database this check is blind: compare with a known-good host or a Live CD.',
    ],
    references: ['https://attack.mitre.org/techniques/T1554/'],
    uses: ['packageIntegrity'],
    messages: {
      mismatch: {
        en: {
          title: 'System program replaced: {path} differs from package {package}',
          detail:
            '{manager} installed {path} with {algorithm} {expected}; the file now has {algorithm} {actual}. Rootkits replace exactly these programs so that ps, netstat, ls and top stop showing the miner and its connections: every answer they give on this host is suspect.',
          action:
            "Stop trusting the host's tools: use hostsweep or a static busybox from a trusted medium. Keep the file (cp -a {path} /root/evidence/), reinstall it from a trusted mirror ({reinstall}), and plan a rebuild: a replaced system binary means root was taken.",
        },
        'zh-CN': {
          title: '系统程序被替换：{path} 与软件包 {package} 不一致',
          detail:
            '{manager} 安装 {path} 时记录的 {algorithm} 为 {expected}，当前文件 {algorithm} 为 {actual}。Rootkit 正是替换这些程序，让 ps、netstat、ls、top 看不到挖矿进程和连接：本机这些命令的任何输出都不可信。',
          action:
            '不要再相信本机工具：使用 hostsweep 或可信介质上的静态 busybox。保留该文件（cp -a {path} /root/evidence/），从可信源重装（{reinstall}），并计划重装系统：系统程序被替换说明 root 已失守。',
        },
      },
      filter: {
        en: {
          title: 'System program replaced by a filtering script: {path} hides {hides}',
          detail:
            '{manager} installed {path} as a program ({algorithm} {expected}); it is now a shell script that runs {real} and removes {hides} from its output. Miners do this to top, ps, netstat, ss, ls and lsof so that an admin never sees their process, file or connection: every answer these tools give on this host is filtered.',
          action:
            "Read the script (cat {path}) and keep it (cp -a {path} /root/evidence/). Look for {hides} with hostsweep or a trusted static busybox, not with the host's tools. Reinstall the package from a trusted mirror ({reinstall}), then delete the renamed original {real} once the reinstalled {path} works.",
        },
        'zh-CN': {
          title: '系统程序被替换为过滤脚本：{path} 隐藏了 {hides}',
          detail:
            '{manager} 安装的 {path} 原是程序（{algorithm} {expected}），现在是一个 shell 脚本：它运行 {real}，并从输出中删掉 {hides}。挖矿程序这样替换 top、ps、netstat、ss、ls、lsof，让管理员看不到它的进程、文件和连接：本机这些工具的任何输出都被过滤过。',
          action:
            '查看脚本（cat {path}）并保留（cp -a {path} /root/evidence/）。用 hostsweep 或可信的静态 busybox 查找 {hides}，不要用本机工具。从可信源重装软件包（{reinstall}），确认重装后的 {path} 正常后，再删除被改名的原程序 {real}。',
        },
      },
      missing: {
        en: {
          title: 'System program missing: {path} (package {package})',
          detail:
            '{manager} says {package} installed {path}, but it is gone. Some intruders delete netstat, ps or lsof so responders cannot look; an admin may also have removed it by hand.',
          action:
            'Reinstall it from a trusted mirror ({reinstall}) and check shell history for who removed it (grep "{path}" /root/.bash_history /home/*/.bash_history).',
        },
        'zh-CN': {
          title: '系统程序缺失：{path}（软件包 {package}）',
          detail:
            '{manager} 记录 {package} 安装了 {path}，但文件已不存在。有的入侵者会删除 netstat、ps、lsof 以妨碍排查；也可能是管理员手工删除。',
          action: '从可信源重装（{reinstall}），并在历史命令中查找删除者（grep "{path}" /root/.bash_history /home/*/.bash_history）。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const integrity = snapshot.facts.packageIntegrity;
    const manager = integrity?.manager === 'rpm' ? 'rpm' : 'dpkg';
    for (const p of integrity?.problems ?? []) {
      const algorithm = p.algorithm ?? 'md5';
      const reinstall = manager === 'rpm' ? `yum reinstall ${p.package}` : `apt-get install --reinstall ${p.package}`;
      const data = { path: p.path, package: p.package, expected: p.expected, actual: p.actual ?? '-', manager, algorithm, reinstall };
      const evidence: PhraseValue[] = [
        phrase('dpkg.package', { name: p.package }),
        `${manager} ${algorithm}: ${p.expected}`,
        phrase('pkg.fileDigest', { algorithm, digest: p.actual ?? phrase('state.missing') }),
      ];
      if (p.sha256 && algorithm !== 'sha256') evidence.push(`sha256: ${p.sha256}`);
      if (p.size !== null) evidence.push(phrase('dpkg.size', { size: p.size, mtime: p.mtime ?? '?', ctime: p.ctime ?? '?' }));
      if (p.divertedTo) evidence.push(phrase('dpkg.diverted', { path: p.divertedTo }));
      if (p.status === 'mismatch' && p.script) {
        const f = analyzeFilterScript(p.script.lines);
        evidence.push(...scriptEvidence(p.script, f));
        if (f.hides.length > 0) {
          const hides = f.hides.slice(0, 8).map(escaped).join(', ');
          const real = f.real ? escaped(f.real) : phrase('answer.unknown');
          evidence.push(phrase('filter.hides', { patterns: hides }));
          if (f.real) evidence.push(phrase('filter.realBinary', { path: escaped(f.real) }));
          report({ messageId: 'filter', data: { ...data, hides, real }, path: p.path, time: p.ctime ?? undefined, evidence });
          continue;
        }
      }
      if (p.status === 'mismatch') report({ messageId: 'mismatch', data, path: p.path, time: p.ctime ?? undefined, evidence });
      else if (p.status === 'missing') report({ messageId: 'missing', severity: 'low', data, path: p.path, evidence });
    }
  },
});
