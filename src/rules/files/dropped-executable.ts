import { hiddenPlace, isPackageOwned } from '../../analyze/facts-index';
import type { FileEntry } from '../../collect/files/file-inventory';
import { type Phrase, phrase } from '../../i18n/phrases';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { fileEvidence, knownMalwareMatch } from '../shared/file-evidence';
import { footholdLinks, underAny } from '../shared/footholds';

const RAISE: Record<Severity, Severity> = { info: 'low', low: 'medium', medium: 'high', high: 'high', critical: 'critical' };

/** The home's first dot-directory (".cache" in /home/u/.cache/x), or null outside a home. */
function homeDotDir(path: string): string | null {
  const m = /^(?:\/root|\/home\/[^/]+)\/(\.[^/]+)\//.exec(path);
  return m ? m[1] : null;
}

export default defineRule({
  meta: {
    id: 'files/dropped-executable',
    category: 'file_ioc',
    severity: 'medium',
    attack: ['T1564.001', 'T1105'],
    status: 'experimental',
    description:
      "An ELF program no package installed, dropped inside a home's hidden directory (~/.cache/.x/, ~/.config/.kde/bin, /root/.ssh/) or among service state in /var/lib: medium; high when cron, systemd, init scripts, rc.local or a shell profile start it, or it is running. In the dot-directories user tools keep (~/.local, ~/.cache) it is low unless something starts it. Language toolchain caches, container layers and snaps (intel files.toolchainPaths) are left alone.",
    falsePositives: [
      'Tools a user built or downloaded into a hidden directory of their own home; add the directory to files.toolchainPaths with --intel.',
      'Agents installed by hand under /var/lib (backup, monitoring); add their directory to files.toolchainPaths.',
    ],
    references: ['https://attack.mitre.org/techniques/T1564/001/'],
    uses: ['fileInventory'],
    messages: {
      dropped: {
        en: {
          title: 'Program dropped in {where}: {path}',
          detail:
            '{path} is an ELF program that no package installed, {place}. Miners and bots hide their binaries in dot-directories of a home (~/.cache/.x/, ~/.config/.kde/bin) or among service data in /var/lib, where nobody lists files and the package manager does not look.',
          action:
            'Keep a copy (cp -a {path} /root/evidence/; sha256sum {path}), look for a running copy (ls -l /proc/*/exe 2>/dev/null | grep {name}) and what starts it (grep -rn "{name}" /etc/cron* /var/spool/cron /etc/systemd /etc/init.d /etc/rc.local ~/.bashrc ~/.profile), then remove both.',
        },
        'zh-CN': {
          title: '被投放到 {where} 的程序：{path}',
          detail:
            '{path} 是不属于任何软件包的 ELF 程序，{place}。挖矿和木马常把程序藏在用户主目录的点目录（~/.cache/.x/、~/.config/.kde/bin）或 /var/lib 的服务数据之间，那里没人逐个查看文件，包管理器也不会检查。',
          action:
            '先保留副本（cp -a {path} /root/evidence/；sha256sum {path}），查找正在运行的副本（ls -l /proc/*/exe 2>/dev/null | grep {name}）和启动它的位置（grep -rn "{name}" /etc/cron* /var/spool/cron /etc/systemd /etc/init.d /etc/rc.local ~/.bashrc ~/.profile），再一并删除。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.kind !== 'file' || e.magic !== 'elf' || e.elfType === 'rel') continue; // modules: rootkit/stray-kernel-module
      if (e.role !== 'home' && e.role !== 'var-lib') continue;
      if (e.hidden !== undefined) continue; // files/hidden-directory reports hidden directories outside homes
      if (isPackageOwned(snapshot, e.path) === true || underAny(e.path, intel.files.toolchainPaths)) continue;
      if (knownMalwareMatch(intel, e)) continue; // files/known-malware-file
      const judged = judge(e, intel.paths.knownHomeDotDirs);
      if (!judged) continue;
      const links = footholdLinks(snapshot, e.path);
      const severity = links.referenced || links.running ? RAISE[judged.severity] : judged.severity;
      const name = e.path.slice(e.path.lastIndexOf('/') + 1);
      report({
        messageId: 'dropped',
        severity,
        data: { path: e.path, name, where: judged.where, place: judged.place },
        path: e.path,
        time: e.mtime,
        evidence: [...fileEvidence(e), judged.place, ...links.evidence],
      });
    }
  },
});

function judge(e: FileEntry, knownHomeDotDirs: readonly string[]): { severity: Severity; where: string; place: Phrase } | null {
  if (e.role === 'var-lib') return { severity: 'medium', where: '/var/lib', place: phrase('foothold.varLib') };
  const dot = homeDotDir(e.path);
  if (dot === null) return null;
  const hidden = hiddenPlace(e.path, knownHomeDotDirs);
  if (hidden !== null) return { severity: 'medium', where: hidden, place: phrase('foothold.hiddenHome', { dir: hidden }) };
  return { severity: 'low', where: dot, place: phrase('foothold.userToolDir', { dir: dot }) };
}
