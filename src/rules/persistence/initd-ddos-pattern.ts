import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { clip, fileEvidence, packageState } from './judge';
import { ddosVerdict, runlevelsOf } from './initd-facts';

export default defineRule({
  meta: {
    id: 'persistence/initd-ddos-pattern',
    category: 'initd',
    severity: 'critical',
    attack: ['T1037.004', 'T1036'],
    status: 'stable',
    description:
      'The XOR.DDoS / BillGates boot persistence: an unpackaged /etc/init.d script named after a known bot (DbSecuritySpt…) or with random letters (srstomucra), or started from several runlevels (S90<name> links) while launching a dropped random-named, known-bad, temporary or hidden binary.',
    falsePositives: [
      'An in-house init script with a consonant-heavy name that launches an unpackaged binary from a hidden path; rare, and worth a look anyway.',
    ],
    references: ['https://attack.mitre.org/techniques/T1037/004/', 'https://www.akamai.com/blog/security/xor-ddos-botnet'],
    uses: ['initScripts', 'packages'],
    messages: {
      'ddos-init': {
        en: {
          title: 'DDoS-trojan style init script: {path} (runlevels {runlevels})',
          detail:
            '{reason}. XOR.DDoS and BillGates install /etc/init.d/<name> plus S90<name>/S97<name> links in every runlevel, and a copy of the binary in /usr/bin, /bin or /tmp, so the bot survives reboots and respawns when killed. It runs: {runs}.',
          action:
            'Do not reboot and do not just kill it. Rate-limit egress so SSH stays usable, freeze the processes (kill -STOP), copy the script, links and binaries to /root/ir/ (cp -a), then remove in one go: the script, every /etc/rc*.d/*{name} link (find /etc/rc*.d -name "*{name}"), the binaries, and the cron.hourly helper (/etc/cron.hourly/gcc.sh) if present; chattr -ia first where rm fails.',
        },
        'zh-CN': {
          title: 'DDoS 木马式 init 脚本：{path}（运行级别 {runlevels}）',
          detail:
            '{reason}。XOR.DDoS 和 BillGates 会安装 /etc/init.d/<名称>，并在各运行级别建立 S90<名称>/S97<名称> 链接，再把二进制副本放到 /usr/bin、/bin 或 /tmp，使木马开机自启、被杀后自动拉起。它运行：{runs}。',
          action:
            '不要重启，也不要只杀进程。先限制出站流量保住 SSH，冻结进程（kill -STOP），把脚本、链接和二进制复制到 /root/ir/（cp -a），再一次性删除：脚本、所有 /etc/rc*.d/*{name} 链接（find /etc/rc*.d -name "*{name}"）、二进制文件，以及存在时的 cron.hourly 辅助脚本（/etc/cron.hourly/gcc.sh）；rm 失败时先 chattr -ia。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    for (const script of snapshot.facts.initScripts?.scripts ?? []) {
      const v = ddosVerdict({ snapshot, intel, since }, script);
      if (!v) continue;
      const runs =
        v.targets.length > 0
          ? [...new Set(v.targets.map((t) => t.path))].slice(0, 3).join(', ')
          : script.binary
            ? phrase('initd.itself')
            : '-';
      report({
        messageId: 'ddos-init',
        severity: v.severity,
        data: { path: script.file.path, runlevels: runlevelsOf(v.links) || '-', reason: v.reason, runs, name: script.name },
        path: script.file.path,
        user: 'root',
        time: script.file.mtime ?? undefined,
        evidence: [
          fileEvidence(script.file, packageState(snapshot, script.file)),
          ...v.links.slice(0, 8).map((l) => `${l.path} -> ${l.linkTarget ?? '(regular file)'}`),
          ...v.targets.slice(0, 4).map((t) => t.why),
          ...script.commands.slice(0, 6).map((c) => `${script.file.path}:${c.line}: ${clip(c.text)}`),
        ],
      });
    }
  },
});
