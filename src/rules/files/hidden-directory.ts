import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { FileEntry } from '../../collect/files/file-inventory';
import { isPackageOwned } from '../../analyze/facts-index';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { isExecutableLike, knownMalwareMatch } from './file-evidence';

/** Names chosen to be overlooked in ls output: "...", ". ", " ", "  x". */
export function oddName(name: string): boolean {
  if (name === '.' || name === '..') return false;
  return /^[\s.]+$/.test(name) || /^\s|\s$/.test(name);
}

/** "/usr/lib/.x" for "/usr/lib/.x/a/b": the hidden directory itself. */
function hiddenRoot(e: FileEntry): string {
  const parts = e.path.split('/');
  const i = parts.indexOf(e.hidden ?? '');
  return i < 0 ? e.path : parts.slice(0, i + 1).join('/');
}

const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

export default defineRule({
  meta: {
    id: 'files/hidden-directory',
    category: 'file_ioc',
    severity: 'high',
    attack: ['T1564.001'],
    status: 'stable',
    description:
      'Programs that no package installed, inside hidden directories of system places (/usr/lib/.x/, /etc/.cache/, /bin/.../) — ELF high, scripts medium — and directories named to be overlooked ("...", ". ", names with leading or trailing spaces) anywhere, temporary directories included.',
    falsePositives: [
      "Vendor tools that keep helpers in a dot-directory under /usr/lib or /opt (e.g. an SDK's .install directory); allow-list the directory. Dot-directories made by ordinary software (.git, .build-id) are ignored (intel files.benignHiddenDirs).",
    ],
    references: ['https://attack.mitre.org/techniques/T1564/001/'],
    uses: ['fileInventory'],
    messages: {
      programs: {
        en: {
          title: '{count} program(s) in hidden directory {dir}',
          detail:
            'A dot- or blank-named directory in a system location holds programs no package installed ({files}). Rootkits and bots keep their payloads in such directories because ls hides them and they look like caches.',
          action:
            'Look inside: ls -laR "{dir}". Keep a copy (tar czf /root/evidence/hidden.tgz "{dir}"), hash the programs (sha256sum "{dir}"/*), check whether any runs (ls -l /proc/*/exe 2>/dev/null | grep -F "{dir}"), then remove the directory and whatever starts it.',
        },
        'zh-CN': {
          title: '隐藏目录 {dir} 中有 {count} 个程序',
          detail:
            '系统目录中一个以点或空白命名的目录里存放着不属于任何软件包的程序（{files}）。Rootkit 和木马常把载荷放在这种目录中，因为 ls 默认不显示，看起来又像缓存。',
          action:
            '查看内容：ls -laR "{dir}"。保留副本（tar czf /root/evidence/hidden.tgz "{dir}"），计算程序哈希（sha256sum "{dir}"/*），确认是否有程序在运行（ls -l /proc/*/exe 2>/dev/null | grep -F "{dir}"），再删除该目录及启动它的配置。',
        },
      },
      'odd-name': {
        en: {
          title: 'Directory named to be overlooked: "{dir}"',
          detail:
            'The name consists only of dots or spaces, or starts or ends with a space. No software makes such directories; people make them so that ls -a output looks normal ("..." next to "..").',
          action:
            'List it with visible names: ls -la "{parent}" | cat -A; then ls -laR "{dir}". Keep a copy (tar czf /root/evidence/odd-dir.tgz "{dir}") before removing it.',
        },
        'zh-CN': {
          title: '刻意难以察觉的目录名："{dir}"',
          detail:
            '该目录名只由点或空格组成，或以空格开头/结尾。正常软件不会创建这种目录；这是为了让 ls -a 的输出看起来正常（"..." 紧挨着 ".."）。',
          action:
            '用可见字符列出：ls -la "{parent}" | cat -A；再 ls -laR "{dir}"。删除前先保留副本（tar czf /root/evidence/odd-dir.tgz "{dir}"）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const groups = new Map<string, { severity: Severity; files: FileEntry[] }>();
    const odd = new Set<string>();
    // The walker already skips the built-in benign names; this honours names added with --intel.
    const benign = new Set(intel.files.benignHiddenDirs);
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.hidden === undefined || benign.has(e.hidden)) continue;
      const root = hiddenRoot(e);
      if (oddName(e.hidden)) odd.add(root);
      if (e.role === 'tmp' || !isExecutableLike(e) || e.size === 0) continue; // programs in tmp: files/executable-in-temp
      if (isPackageOwned(snapshot, e.path) === true || knownMalwareMatch(intel, e)) continue;
      const severity: Severity = e.magic === 'elf' ? 'high' : e.magic === 'script' ? 'medium' : 'low';
      const g = groups.get(root) ?? { severity, files: [] };
      if (RANK[severity] > RANK[g.severity]) g.severity = severity;
      g.files.push(e);
      groups.set(root, g);
    }
    for (const [dir, g] of groups) {
      const evidence = g.files.slice(0, 20).map(
        (e): PhraseValue =>
          phrase('hidden.file', {
            kind: phrase(e.magic ? `kind.${e.magic}` : 'kind.file', { shebang: e.shebang ?? '#!' }),
            mode: e.mode.toString(8),
            size: e.size,
            mtime: e.mtime,
            path: e.path,
            hash: e.sha256 ? ` sha256 ${e.sha256}` : '',
          }),
      );
      if (g.files.length > 20) evidence.push(phrase('ev.more', { count: g.files.length - 20 }));
      const files =
        g.files
          .slice(0, 3)
          .map((e) => e.path.slice(dir.length + 1))
          .join(', ') + (g.files.length > 3 ? ', …' : '');
      report({
        messageId: 'programs',
        severity: oddName(dir.slice(dir.lastIndexOf('/') + 1)) && g.severity !== 'high' ? 'high' : g.severity,
        data: { dir, count: g.files.length, files },
        path: dir,
        evidence,
      });
    }
    for (const dir of odd) {
      if (groups.has(dir)) continue;
      const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
      report({
        messageId: 'odd-name',
        severity: 'medium',
        data: { dir, parent },
        path: dir,
        evidence: [phrase('ev.directory', { dir: JSON.stringify(dir) })],
      });
    }
  },
});
