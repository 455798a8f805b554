import { type Phrase, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import type { Severity } from '../../model/finding';
import { clip, fileEvidence, judgeCommand, packageState, recentFile, worstCommandMatch } from './judge';

/** What init itself and terminals need: gettys, the rc runner, sulogin, shutdown on ctrl-alt-del. */
const STANDARD =
  /^[+-]?(\S*\/)?(a|min|m|f|run|s)?getty\b|^[+-]?(\S*\/)?(rc(\.sysinit)?|rcS|sulogin|shutdown|init|halt|reboot|bootlogd|update)\b|^[+-]?\/etc\/(init\.d|rc\.d)\/(rc|rcS|rc\.sysinit)\b/;
const RUNNING_ACTIONS = new Set(['respawn', 'once', 'wait', 'boot', 'bootwait', 'sysinit']);

export default defineRule({
  meta: {
    id: 'persistence/inittab-respawn',
    category: 'inittab',
    severity: 'high',
    attack: ['T1037'],
    status: 'stable',
    description:
      'An /etc/inittab entry (respawn, once, wait, boot, sysinit) that runs something other than a getty, the rc runner or sulogin: init restarts a respawn entry within seconds of it being killed. Critical for download-and-execute or temporary/known-bad programs.',
    falsePositives: ['Serial-console or UPS tools configured in inittab on old appliances.'],
    references: ['https://attack.mitre.org/techniques/T1037/'],
    uses: ['initScripts', 'packages'],
    messages: {
      'inittab-entry': {
        en: {
          title: 'inittab {action} entry runs {process}',
          detail:
            '{path}:{line} ("{entry}") makes init run it in runlevels "{runlevels}". {why}. A respawn entry is restarted by PID 1 itself, so killing the process never sticks.',
          action:
            'Copy /etc/inittab to /root/ir/, comment out the line, run "telinit q" (init re-reads the table), then stop the process and quarantine its file.',
        },
        'zh-CN': {
          title: 'inittab {action} 条目运行 {process}',
          detail:
            '{path}:{line}（“{entry}”）使 init 在运行级别“{runlevels}”中运行它。{why}。respawn 条目由 1 号进程直接拉起，所以杀掉进程永远无效。',
          action: '将 /etc/inittab 复制到 /root/ir/，注释掉该行，执行“telinit q”让 init 重新读取，然后停止该进程并隔离其文件。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report }) {
    const tab = snapshot.facts.initScripts?.inittab;
    if (!tab) return;
    const state = packageState(snapshot, tab.file);
    const recent = recentFile(tab.file, since);
    for (const e of tab.entries) {
      if (!RUNNING_ACTIONS.has(e.action) || e.process === '') continue;
      const m = worstCommandMatch(intel, e.process);
      if (!m && STANDARD.test(e.process)) continue;
      const j = judgeCommand({ snapshot, intel, since }, e, recent);
      let severity: Severity = 'high';
      let why: Phrase = phrase('inittab.notStandard');
      if (m) {
        severity = 'critical';
        why = phrase('cmd.it', { what: m.what });
      } else if (j && (j.worst.issue === 'tmp-path' || j.worst.issue === 'known-bad-name' || j.worst.issue === 'hidden-path')) {
        severity = 'critical';
        why = j.worst.why;
      } else if (j) why = j.worst.why;
      report({
        messageId: 'inittab-entry',
        severity,
        data: {
          action: e.action,
          process: clip(e.process, 120),
          path: tab.file.path,
          line: e.line,
          entry: clip(e.text, 200),
          runlevels: e.runlevels || 'all',
          why,
        },
        path: tab.file.path,
        user: 'root',
        time: tab.file.mtime ?? undefined,
        evidence: [`${tab.file.path}:${e.line}: ${clip(e.text)}`, ...(j?.all.map((v) => v.why) ?? []), fileEvidence(tab.file, state)],
      });
    }
  },
});
