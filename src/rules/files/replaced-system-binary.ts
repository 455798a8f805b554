import { type PhraseValue, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'files/replaced-system-binary',
    category: 'integrity',
    severity: 'critical',
    attack: ['T1554', 'T1036.005'],
    status: 'stable',
    description:
      "A commonly trojaned program (ps, netstat, ss, top, ls, lsof, find, sshd, login, su, sudo, passwd, crontab…) or library (libc, libpam, libprocps) whose digest differs from what dpkg (md5sums) or rpm (the header's file digests, md5 or sha256) recorded when it installed it — the `dpkg --verify` / `rpm -V` check, done without the box's own tools.",
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
      if (p.status === 'mismatch') report({ messageId: 'mismatch', data, path: p.path, time: p.ctime ?? undefined, evidence });
      else if (p.status === 'missing') report({ messageId: 'missing', severity: 'low', data, path: p.path, evidence });
    }
  },
});
