import { andList, type Phrase, phrase } from '../../i18n/phrases';
import { baseName } from '../../model/path-name';
import { isPackageOwned, pathSpellings } from '../../analyze/facts-index';
import type { FileEntry } from '../../collect/files/file-inventory';
import type { Severity } from '../../model/finding';
import { looksRandom } from '../process/random-name';
import { defineRule } from '../rule';
import { fileEvidence, isExecutableLike, knownMalwareMatch, parentDir } from './file-evidence';

function recent(e: FileEntry, since: Date): boolean {
  return Date.parse(e.mtime) >= since.getTime() || Date.parse(e.ctime) >= since.getTime();
}

export default defineRule({
  meta: {
    id: 'files/unowned-system-executable',
    category: 'integrity',
    severity: 'medium',
    attack: ['T1036.005', 'T1554'],
    status: 'stable',
    description:
      'A program or library at the top of /bin, /sbin, /usr/bin, /usr/sbin or the library directories that no package installed (medium; high when it is an ELF changed in the recent window or its name looks random, XOR.DDoS style). In /usr/local/bin only random names and recent ELF programs are reported, since admins install there.',
    falsePositives: [
      'Programs copied in by hand or by configuration management outside the package manager; reinstall them as packages or allow-list them.',
      'Files created by maintainer scripts and dpkg-divert are recognised; other package managers (pip --prefix /usr, make install into /usr) are not.',
    ],
    references: ['https://attack.mitre.org/techniques/T1036/005/'],
    uses: ['fileInventory', 'packages'],
    messages: {
      system: {
        en: {
          title: 'Program in {dir} that no package installed: {path}',
          detail:
            '{path} ({kind}) sits among the system programs but belongs to no package{why}. Bots copy themselves next to real tools (/usr/bin/<random>, /usr/sbin/sshd-<x>) so that ls shows nothing odd.',
          action:
            'Check it: dpkg -S {path} or rpm -qf {path} (expect "no path found" or "not owned"); ls -l --time-style=full-iso {path}; sha256sum {path}; strings {path} | head -50. If nobody installed it on purpose, keep a copy in /root/evidence/, look for what starts it (grep -r "{name}" /etc/init.d /etc/systemd /etc/cron* /etc/rc.local), then remove both.',
        },
        'zh-CN': {
          title: '{dir} 中有不属于任何软件包的程序：{path}',
          detail:
            '{path}（{kind}）位于系统程序目录，却不属于任何软件包{why}。木马常把自己复制到真实工具旁边（/usr/bin/<随机名>、/usr/sbin/sshd-<x>），让 ls 看不出异常。',
          action:
            '核查：dpkg -S {path} 或 rpm -qf {path}（应显示找不到）；ls -l --time-style=full-iso {path}；sha256sum {path}；strings {path} | head -50。若无人有意安装：复制到 /root/evidence/，查找启动它的位置（grep -r "{name}" /etc/init.d /etc/systemd /etc/cron* /etc/rc.local），再一并删除。',
        },
      },
      local: {
        en: {
          title: 'New program in {dir}: {path}',
          detail:
            '{path} ({kind}) belongs to no package{why}. /usr/local is where admins install their own tools, and also where miners are dropped (seed: /usr/local/bin/xmrig).',
          action:
            'Ask who installed it; check sha256sum {path} and strings {path} | grep -iE "stratum|pool|xmr" ; keep a copy in /root/evidence/ and remove it if nobody claims it.',
        },
        'zh-CN': {
          title: '{dir} 中有新程序：{path}',
          detail:
            '{path}（{kind}）不属于任何软件包{why}。/usr/local 是管理员安装自用工具的地方，也是挖矿程序常被投放的位置（案例：/usr/local/bin/xmrig）。',
          action:
            '确认是谁安装的；检查 sha256sum {path} 以及 strings {path} | grep -iE "stratum|pool|xmr"；保留副本到 /root/evidence/，无人认领则删除。',
        },
      },
    },
  },
  check({ snapshot, intel, since, report, now }) {
    const diverted = new Set((snapshot.facts.packageIntegrity?.diversions ?? []).flatMap((d) => pathSpellings(d.to)));
    const allowed = new Set(intel.files.unownedSystemFiles.flatMap(pathSpellings));
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.depth !== 1 || !(e.role === 'bin' || e.role === 'lib' || e.role === 'local-bin')) continue;
      // Libraries are 0644: at the top of a lib directory only ELF files count.
      if (e.role === 'lib' ? e.magic !== 'elf' || e.kind !== 'file' : !isExecutableLike(e)) continue;
      if (isPackageOwned(snapshot, e.path) !== false || diverted.has(e.path) || allowed.has(e.path)) continue;
      if (knownMalwareMatch(intel, e)) continue; // files/known-malware-file reports it as critical
      const name = baseName(e.path);
      const random = looksRandom(name);
      // In /usr/local admins unpack release tarballs, which keep the old mtime and get a new ctime: only a new mtime counts there.
      const fresh = e.magic === 'elf' && (e.role === 'local-bin' ? Date.parse(e.mtime) >= since.getTime() : recent(e, since));
      const reasons: Phrase[] = [];
      if (random) reasons.push(phrase('unowned.randomName'));
      if (fresh) reasons.push(phrase('unowned.changed', { time: e.mtime > e.ctime ? e.mtime : e.ctime, since: since.toISOString() }));
      let severity: Severity = random || fresh ? 'high' : 'medium';
      if (e.role === 'local-bin') {
        if (!random && !fresh) continue;
        severity = random ? 'high' : 'medium';
      }
      const kind =
        e.magic === 'elf'
          ? 'ELF'
          : e.magic === 'script'
            ? phrase('unowned.script', { shebang: e.shebang ?? '#!' })
            : phrase('unowned.mode', { mode: e.mode.toString(8) });
      const why = reasons.length > 0 ? phrase('unowned.and', { reasons: andList(reasons) }) : '';
      const data = { path: e.path, dir: parentDir(e.path), name, kind, why };
      const evidence = [...fileEvidence(e), phrase('ev.referenceTime', { time: now.toISOString() })];
      report({ messageId: e.role === 'local-bin' ? 'local' : 'system', severity, data, path: e.path, time: e.mtime, evidence });
    }
  },
});
