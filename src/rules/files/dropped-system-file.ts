import { hiddenComponent, isPackageOwned } from '../../analyze/facts-index';
import { pathSpellings } from '../../model/path-name';
import type { FileEntry } from '../../collect/files/file-inventory';
import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { fileEvidence, knownMalwareMatch, parentDir } from '../shared/file-evidence';
import { footholdLinks } from '../shared/footholds';

/** The newest of mtime and ctime at or after since; in /usr/local only mtime counts (unpacked tarballs get a new ctime). */
function changedSince(e: FileEntry, since: Date): string | null {
  const from = since.getTime();
  if (Date.parse(e.mtime) >= from) return e.mtime;
  if (e.role !== 'local-bin' && Date.parse(e.ctime) >= from) return e.ctime;
  return null;
}

export default defineRule({
  meta: {
    id: 'files/dropped-system-file',
    category: 'file_ioc',
    severity: 'medium',
    attack: ['T1543', 'T1036.005'],
    status: 'experimental',
    description:
      'A file no package installed that appeared in /etc, /usr/local/bin, /usr/local/sbin or a systemd unit directory (/usr/lib/systemd/system) since the start of the recent window, and that can run or that persistence starts: medium when it is executable (directly in /etc, or an ELF program deeper in it) or something starts it, high when it is executable and also started by cron, a unit, an init script, rc.local or a profile, or running. Evidence is combined: a recent unowned file alone stays in the files/recent-changes inventory, and in /usr/local/bin, where admins keep their own scripts, a recent script alone is low. ELF programs in bin directories are judged by files/unowned-system-executable; cron tables, init scripts, rc.local and shell profiles by the rules that read their lines.',
    falsePositives: [
      'Scripts and units an admin or configuration management wrote this week outside the package manager; compare with your change log.',
    ],
    references: ['https://attack.mitre.org/techniques/T1543/'],
    uses: ['fileInventory', 'packages'],
    messages: {
      dropped: {
        en: {
          title: 'New unpackaged {what} in {dir}: {path}',
          detail:
            '{path} belongs to no package and changed {time}, inside the recent window (since {since}){why}. Intruders drop their payloads and launchers among system files (/etc/kinsing, /usr/local/bin/<name>, /lib/systemd/system/<name>.service) where they look like part of the system.',
          action:
            'Ask who put it there. Read it (file {path}; head -50 {path}), keep a copy (cp -a {path} /root/evidence/), look for what starts it (grep -rn "{name}" /etc/cron* /var/spool/cron /etc/systemd /lib/systemd /etc/init.d /etc/rc.local /etc/profile*), and remove both if nobody claims it.',
        },
        'zh-CN': {
          title: '{dir} 中新出现不属于软件包的{what}：{path}',
          detail:
            '{path} 不属于任何软件包，修改于 {time}，处于近期窗口内（{since} 之后）{why}。入侵者常把载荷和启动器放在系统文件之间（/etc/kinsing、/usr/local/bin/<名称>、/lib/systemd/system/<名称>.service），让它们看起来像系统的一部分。',
          action:
            '确认是谁放的。查看内容（file {path}；head -50 {path}），保留副本（cp -a {path} /root/evidence/），查找启动它的位置（grep -rn "{name}" /etc/cron* /var/spool/cron /etc/systemd /lib/systemd /etc/init.d /etc/rc.local /etc/profile*），无人认领则一并删除。',
        },
      },
    },
  },
  check({ snapshot, intel, since, now, report }) {
    const allowed = new Set(intel.files.unownedSystemFiles.flatMap(pathSpellings));
    // Cron tables, init scripts, rc.local and shell profiles have rules that read their lines; their recency alone says nothing more.
    const f = snapshot.facts;
    const judgedElsewhere = new Set(
      [
        ...(f.cronJobs ?? []).map((t) => t.file.path),
        ...(f.initScripts?.scripts ?? []).map((x) => x.file.path),
        ...(f.initScripts?.rcLocal ?? []).map((x) => x.file.path),
        ...(f.shellStartup?.files ?? []).map((x) => x.path),
      ].flatMap(pathSpellings),
    );
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.kind !== 'file' || e.size === 0) continue;
      if (e.role !== 'etc' && e.role !== 'unit' && e.role !== 'local-bin') continue;
      if (e.role === 'local-bin' && e.magic === 'elf') continue; // files/unowned-system-executable
      // files/hidden-directory judges hidden places; benign ones (/etc/.git of etckeeper) are not drops either.
      if (e.hidden !== undefined || hiddenComponent(e.path) !== null) continue;
      if (isPackageOwned(snapshot, e.path) !== false || allowed.has(e.path) || judgedElsewhere.has(e.path)) continue;
      if (knownMalwareMatch(intel, e)) continue;
      const time = changedSince(e, since);
      if (time === null) continue;
      // Execute bits on a text file alone are weak (debootstrap leaves /etc/hostname 0755): it must look like a program too.
      const executable = e.magic === 'elf' || e.magic === 'script';
      const links = footholdLinks(snapshot, e.path);
      const started = links.referenced || links.running;
      if (!executable && !started) continue; // one weak signal: files/recent-changes lists it
      // Deeper in /etc (hook and dispatcher directories) admins keep scripts: there a script needs more than recency.
      if (e.role === 'etc' && e.depth > 1 && e.magic !== 'elf' && !started) continue;
      let severity: Severity = executable && started ? 'high' : 'medium';
      if (e.role === 'local-bin' && !started) severity = 'low';
      const what = phrase(e.role === 'unit' ? 'dropped.unit' : executable ? 'dropped.program' : 'dropped.file');
      const reasons: PhraseValue[] = [];
      if (executable) reasons.push(phrase('foothold.executable', { what: kindOf(e) }));
      const why = reasons.length > 0 || started ? phrase('dropped.why', { reasons: [...reasons, ...links.evidence].slice(0, 3) }) : '';
      const name = e.path.slice(e.path.lastIndexOf('/') + 1);
      report({
        messageId: 'dropped',
        severity,
        data: { path: e.path, dir: parentDir(e.path), name, what, time, since: since.toISOString(), why },
        path: e.path,
        time,
        evidence: [
          ...fileEvidence(e),
          phrase('foothold.recent', { time, since: since.toISOString() }),
          phrase('ev.packageOwned', { answer: phrase('answer.no') }),
          ...reasons,
          ...links.evidence,
          phrase('ev.referenceTime', { time: now.toISOString() }),
        ],
      });
    }
  },
});

function kindOf(e: FileEntry): PhraseValue {
  if (e.magic === 'elf') return phrase('kind.elf');
  if (e.magic === 'script') return phrase('kind.script', { shebang: e.shebang ?? '#!' });
  return phrase('unowned.mode', { mode: e.mode.toString(8) });
}
