import { type Phrase, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import type { Severity } from '../../model/finding';
import { clip, fileEvidence, judgeCommand, packageState, raise, recentFile, worstCommandMatch } from './judge';

/** What stock rc.local files contain (Debian's template, RHEL's lock-file touch). */
const STOCK_LINE = /^(exit\s+0|touch\s+\/var\/lock\/subsys\/local|:|true)$/;

export default defineRule({
  meta: {
    id: 'persistence/rc-local-command',
    category: 'rc_local',
    severity: 'medium',
    attack: ['T1037.004'],
    status: 'stable',
    description:
      'Every command in /etc/rc.local or /etc/rc.d/rc.local other than comments and "exit 0": low for ordinary admin tuning (medium when recent), higher when it runs unpackaged system binaries or missing files, critical for download-and-execute or programs in temporary directories.',
    falsePositives: [
      'Admins still put sysctl tweaks, "echo never > …/transparent_hugepage" or an application start here; these show at low.',
    ],
    references: ['https://attack.mitre.org/techniques/T1037/004/'],
    uses: ['initScripts', 'packages'],
    messages: {
      'rc-local-command': {
        en: {
          title: 'rc.local runs a command at boot: {path}:{line}',
          detail:
            '"{command}" runs as root at every boot. {why}. rc.local is the oldest boot hook and one of the first places miner droppers write to, because it survives every service cleanup.',
          action:
            'Copy the file (cp -a {path} /root/ir/) and check each command with whoever runs this server; delete lines nobody owns (and quarantine what they run), keeping "exit 0" last.',
        },
        'zh-CN': {
          title: 'rc.local 开机执行命令：{path}:{line}',
          detail:
            '“{command}”会在每次开机时以 root 身份执行。{why}。rc.local 是最古老的开机钩子，也是挖矿木马最先写入的位置之一，因为它不受服务清理影响。',
          action:
            '先复制文件（cp -a {path} /root/ir/），与服务器负责人逐条核对命令；删除无人认领的行（并隔离其运行的程序），保留最后的“exit 0”。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    for (const rc of snapshot.facts.initScripts?.rcLocal ?? []) {
      const state = packageState(snapshot, rc.file);
      const recent = recentFile(rc.file, since);
      for (const c of rc.commands) {
        if (STOCK_LINE.test(c.text)) continue;
        const m = worstCommandMatch(intel, c.text);
        if (state === 'owned' && !m) continue;
        const j = judgeCommand({ snapshot, intel, since }, c, recent);
        let severity: Severity = recent ? 'medium' : 'low';
        let why: Phrase = phrase('rclocal.ordinary');
        if (m) {
          severity = 'critical';
          why = phrase('cmd.it', { what: m.what });
        } else if (j) {
          const issue = j.worst.issue;
          severity =
            issue === 'tmp-path' || issue === 'known-bad-name'
              ? 'critical'
              : issue === 'unowned-target'
                ? recent
                  ? 'medium'
                  : 'low'
                : raise(j.worst.severity);
          why = j.worst.why;
        }
        report({
          messageId: 'rc-local-command',
          severity,
          data: { path: rc.file.path, line: c.line, command: clip(c.text, 200), why },
          path: rc.file.path,
          user: 'root',
          time: rc.file.mtime ?? undefined,
          evidence: [`${rc.file.path}:${c.line}: ${clip(c.text)}`, ...(j?.all.map((v) => v.why) ?? []), fileEvidence(rc.file, state)],
        });
      }
    }
  },
});
