import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

// /etc/ld.so.preload missing from a listing is reported by rootkit/scanner-hooked, which can
// also say which library is hooking the scanner.
const REPORTED_ELSEWHERE = '/etc/ld.so.preload';

export default defineRule({
  meta: {
    id: 'rootkit/cloaked-file',
    category: 'rootkit',
    severity: 'critical',
    attack: ['T1014', 'T1564.001'],
    status: 'stable',
    description:
      'A file rootkits usually mask (/etc/ld.so.preload, /etc/modules, rc.local, init scripts, cron, passwd) reads differently through two paths: present by name but missing from the directory listing, fewer bytes read than stat reports, or different bytes via /proc/self/root.',
    falsePositives: ['None known: files that change while being read are re-checked and skipped.'],
    references: ['https://attack.mitre.org/techniques/T1014/'],
    uses: ['cloakedFiles'],
    messages: {
      cloaked: {
        en: {
          title: 'Cloaked file: {path} ({kind})',
          detail:
            '{detail}. Files do not read differently by themselves: a rootkit filters what ls and cat show so its persistence stays invisible to the admin. What it hid: {revealed}',
          action:
            'Read it through another path: cat /proc/self/root{path} (or from trusted media after mounting the disk). Keep a copy, remove the hidden lines from trusted media, and look for the hooking library (cat /etc/ld.so.preload) or kernel module.',
        },
        'zh-CN': {
          title: '文件被隐藏篡改：{path}（{kind}）',
          detail:
            '{detail}。文件不会无故出现两种读取结果：rootkit 会过滤 ls 和 cat 的输出，让自己的持久化对管理员不可见。被隐藏的内容：{revealed}',
          action:
            '换一条路径读取：cat /proc/self/root{path}（或挂载磁盘后从可信介质读取）。保留副本，从可信介质删除被隐藏的行，并找出劫持库（cat /etc/ld.so.preload）或内核模块。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const a of snapshot.facts.cloakedFiles?.anomalies ?? []) {
      if (a.path === REPORTED_ELSEWHERE && a.kind === 'hidden-from-listing') continue;
      const revealed = a.revealed?.trim() ? a.revealed.trim().split('\n').slice(0, 5).join(' | ').slice(0, 300) : '-';
      report({
        messageId: 'cloaked',
        data: { path: a.path, kind: a.kind, detail: a.detail, revealed },
        path: a.path,
        evidence: [`${a.kind}: ${a.detail}`, ...(a.revealed ? [phrase('cloaked.revealed', { content: a.revealed.slice(0, 1000) })] : [])],
      });
    }
  },
});
