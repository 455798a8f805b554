import { phrase } from '../../i18n/phrases';
import type { FileEntry } from '../../collect/files/file-inventory';
import { isPackageOwned } from '../../analyze/facts-index';
import { defineRule } from '../rule';
import { octal, parentDir } from './file-evidence';

// The directories the incident write-ups check with find -mtime; everything else is grouped under its parent.
const NAMED_DIRS = [
  '/etc/init.d',
  '/etc/cron.d',
  '/etc/cron.hourly',
  '/etc/cron.daily',
  '/etc/cron.weekly',
  '/etc/cron.monthly',
  '/etc/systemd/system',
  '/etc/profile.d',
  '/etc/ssh',
  '/etc',
  '/tmp',
  '/var/tmp',
  '/dev/shm',
  '/root/.ssh',
  '/boot',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/usr/bin',
  '/usr/sbin',
  '/bin',
  '/sbin',
];
const LISTED = 30;

function groupOf(e: FileEntry): string {
  const named = NAMED_DIRS.find((d) => e.path.startsWith(`${d}/`));
  return named ?? parentDir(e.path);
}

/** Links managed by Debian's alternatives system: /usr/bin/editor → /etc/alternatives/editor → /usr/bin/vim.basic. */
function alternativesLink(e: FileEntry): boolean {
  return e.path.startsWith('/etc/alternatives/') || (e.linkTarget ?? '').startsWith('/etc/alternatives/');
}

export default defineRule({
  meta: {
    id: 'files/recent-changes',
    category: 'file_ioc',
    severity: 'info',
    attack: ['T1036'],
    status: 'stable',
    description:
      'Files no package owns that changed (mtime or ctime) in the recent window, in the directories incident responders check (/tmp, /var/tmp, /dev/shm, /root/.ssh, /boot, bin and lib directories, /etc and its cron, init, systemd and profile.d directories): one inventory finding per directory, like find DIR -mtime -N.',
    falsePositives: [
      'Everything an admin or a configuration tool changed this week shows up here; it is an inventory to read, not an alert.',
    ],
    references: ['https://attack.mitre.org/techniques/T1036/'],
    uses: ['fileInventory'],
    messages: {
      changed: {
        en: {
          title: '{count} file(s) changed in {dir} since {since}',
          detail:
            'Files in {dir} that no package owns and whose content or metadata changed since {since} (reference time {now}). Intruders add cron files, init scripts, keys and programs here; compare with what your team changed.',
          action:
            'Review the list (newest first) and open anything unfamiliar: ls -la --time-style=full-iso {dir}; find {dir} -newermt "{since}" -ls. Keep copies of anything suspicious before you delete it.',
        },
        'zh-CN': {
          title: '{dir} 中有 {count} 个文件自 {since} 以来被修改',
          detail:
            '{dir} 中不属于任何软件包、且内容或属性在 {since} 之后发生变化的文件（参考时间 {now}）。入侵者会在这里添加 cron 文件、启动脚本、公钥和程序；请与团队的变更记录对比。',
          action:
            '按时间倒序查看列表，打开任何不认识的文件：ls -la --time-style=full-iso {dir}；find {dir} -newermt "{since}" -ls。删除前先保留可疑文件的副本。',
        },
      },
    },
  },
  check({ snapshot, since, now, report }) {
    const from = since.getTime();
    const groups = new Map<string, { e: FileEntry; t: number; ctimeOnly: boolean }[]>();
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.kind === 'dir' || e.role === 'top' || e.role === 'home' || e.role === 'probe') continue;
      if (e.role === 'lib' && e.depth !== 1) continue;
      const m = Date.parse(e.mtime);
      const c = Date.parse(e.ctime);
      if (m < from && c < from) continue;
      if (isPackageOwned(snapshot, e.path) === true) continue; // package upgrades: files/replaced-system-binary judges those
      if (e.kind === 'symlink' && alternativesLink(e)) continue; // update-alternatives rewrites these on every upgrade
      const key = groupOf(e);
      groups.set(key, [...(groups.get(key) ?? []), { e, t: Math.max(m, c), ctimeOnly: m < from }]);
    }
    for (const [dir, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      list.sort((a, b) => b.t - a.t);
      const evidence = list.slice(0, LISTED).map(({ e, ctimeOnly }) =>
        phrase('changed.entry', {
          when: ctimeOnly ? phrase('changed.ctime', { ctime: e.ctime, mtime: e.mtime }) : phrase('changed.mtime', { mtime: e.mtime }),
          kind: phrase(`kind.${e.kind}`),
          mode: octal(e.mode),
          uid: e.uid,
          size: e.size,
          path: e.linkTarget !== undefined ? `${e.path} -> ${e.linkTarget}` : e.path,
        }),
      );
      if (list.length > LISTED) evidence.push(phrase('ev.more', { count: list.length - LISTED }));
      const data = { dir, count: list.length, since: since.toISOString(), now: now.toISOString() };
      report({ messageId: 'changed', data, path: dir, time: new Date(list[0].t).toISOString(), evidence });
    }
  },
});
