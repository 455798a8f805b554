import { type PhraseValue, phrase } from '../../i18n/phrases';
import type { FileEntry } from '../../collect/files/file-inventory';
import { matchCommand } from '../../analyze/command-patterns';
import type { Intel } from '../../intel/intel';
import type { Severity } from '../../model/finding';
import { defineRule } from '../rule';
import { isHiddenName } from '../../collect/files/walk';
import { fileEvidence, knownMalwareMatch, tmpRootOf } from './file-evidence';

interface Hit {
  entry: FileEntry;
  severity: Severity;
  messageId: 'elf' | 'dependency-elf' | 'script' | 'dropper' | 'exec-bit';
  patterns: string;
}

// More hits than this below one /tmp child become one finding: an unpacked tool tree is one thing to look at.
const GROUP_AT = 4;

/** The first directory below the temporary directory ("/tmp/build" for /tmp/build/a/b): what an admin would remove as one. */
function subtreeOf(path: string): string {
  const root = tmpRootOf(path);
  const rest = path.slice(root.length + 1);
  const first = rest.split('/')[0];
  return rest.includes('/') ? `${root}/${first}` : path;
}

function classify(e: FileEntry, intel: Intel): Hit | null {
  const below = e.path.slice(tmpRootOf(e.path).length + 1).split('/');
  // /tmp/x.sh, /tmp/a/x.sh and anything under a hidden /tmp/.x are where droppers write; /tmp/project/.ci/run is a project's own.
  const shallow = e.depth <= 2 || isHiddenName(below[0]);
  if (e.magic === 'elf') {
    const tree = below.slice(0, -1).find((c) => intel.files.dependencyTreeDirs.includes(c));
    if (tree) return { entry: e, severity: 'low', messageId: 'dependency-elf', patterns: tree };
    return { entry: e, severity: 'high', messageId: 'elf', patterns: '' };
  }
  if (e.magic === 'script') {
    const found = e.head ? matchCommand(intel, e.head.split('\n').join(' ; ')) : [];
    const bad = found.filter((m) => m.severity === 'critical' || m.severity === 'high');
    if (bad.length > 0) return { entry: e, severity: 'high', messageId: 'dropper', patterns: bad.map((m) => m.id).join(', ') };
    return shallow ? { entry: e, severity: 'medium', messageId: 'script', patterns: '' } : null;
  }
  if ((e.mode & 0o111) !== 0 && shallow && e.size > 0) return { entry: e, severity: 'low', messageId: 'exec-bit', patterns: '' };
  return null;
}

const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

export default defineRule({
  meta: {
    id: 'files/executable-in-temp',
    category: 'file_ioc',
    severity: 'high',
    attack: ['T1105', 'T1036.005'],
    status: 'stable',
    description:
      'ELF programs and scripts in /tmp, /var/tmp and /dev/shm (any user can write there; droppers download payloads there). ELF → high, scripts near the top or in hidden directories → medium, scripts that download and run code → high.',
    falsePositives: [
      'Build trees and installers unpacked in /tmp (pip, go, node_modules, vendor installers): many hits below one directory are reported as one finding; delete the tree or allow-list it.',
      'Test programs compiled into /tmp by developers.',
    ],
    references: ['https://attack.mitre.org/techniques/T1105/'],
    uses: ['fileInventory'],
    messages: {
      elf: {
        en: {
          title: 'ELF program in {dir}: {path}',
          detail:
            'A compiled program sits in a world-writable temporary directory. Miner and bot droppers (wget -O /tmp/x; chmod +x /tmp/x; /tmp/x) put their payloads exactly there; legitimate software is installed elsewhere.',
          action:
            'Keep evidence: cp -a {path} /root/evidence/; sha256sum {path}. Check whether it runs (ls -l /proc/*/exe 2>/dev/null | grep "{path}"), look up the hash, and find what dropped it (grep -r "{name}" /etc/cron* /var/spool/cron ~/.bash_history).',
        },
        'zh-CN': {
          title: '{dir} 中有 ELF 程序：{path}',
          detail:
            '一个编译好的程序位于任何人可写的临时目录。挖矿和木马投放脚本（wget -O /tmp/x; chmod +x /tmp/x; /tmp/x）正是把载荷放在这里，正常软件不会安装在此。',
          action:
            '保留证据：cp -a {path} /root/evidence/；sha256sum {path}。确认是否在运行（ls -l /proc/*/exe 2>/dev/null | grep "{path}"），查询哈希，并查找投放它的来源（grep -r "{name}" /etc/cron* /var/spool/cron ~/.bash_history）。',
        },
      },
      'dependency-elf': {
        en: {
          title: 'Native helper inside a {patterns} tree in {dir}: {path}',
          detail:
            'An ELF program sits inside a language package tree ({patterns}) unpacked in a temporary directory: usually a build or CI checkout (esbuild, ripgrep, native modules), rarely a hiding place.',
          action:
            'Confirm the tree is yours (ls -la {path}; who created the top directory?) and delete it when done; otherwise keep a copy (cp -a {path} /root/evidence/) and check sha256sum {path}.',
        },
        'zh-CN': {
          title: '{dir} 中 {patterns} 目录树里的原生程序：{path}',
          detail:
            '一个 ELF 程序位于临时目录中解压的语言依赖目录（{patterns}）里：通常是构建或 CI 检出（esbuild、ripgrep、原生模块），很少被用作藏身处。',
          action:
            '确认该目录树是自己人创建的（ls -la {path}，看顶层目录由谁创建），用完即删；否则保留副本（cp -a {path} /root/evidence/）并核对 sha256sum {path}。',
        },
      },
      script: {
        en: {
          title: 'Script in {dir}: {path}',
          detail:
            'A script ({shebang}) sits in a world-writable temporary directory, where download-and-run droppers keep their installers. It does not contain an obvious download-and-execute line, so it may be an admin helper.',
          action:
            'Read it before running anything: cat -A {path} | head -50. If you do not know it, keep a copy (cp -a {path} /root/evidence/) and check cron and history for who runs it (grep -r "{name}" /etc/cron* /var/spool/cron ~/.bash_history).',
        },
        'zh-CN': {
          title: '{dir} 中有脚本：{path}',
          detail:
            '一个脚本（{shebang}）位于任何人可写的临时目录，下载执行型投放脚本常把安装器放在这里。脚本中没有明显的下载执行语句，也可能是管理员的辅助脚本。',
          action:
            '先查看内容，不要执行：cat -A {path} | head -50。如不认识，保留副本（cp -a {path} /root/evidence/），并在 cron 和历史命令中查找谁在运行它（grep -r "{name}" /etc/cron* /var/spool/cron ~/.bash_history）。',
        },
      },
      dropper: {
        en: {
          title: 'Downloader script in {dir}: {path}',
          detail:
            'The script contains commands that fetch and run code ({patterns}). That is what miner installers (m.sh, ldr.sh) look like.',
          action:
            'Keep a copy (cp -a {path} /root/evidence/), read the URLs it fetches (grep -Eo "https?://[^ \\"]+" {path}) and block them, then find the cron line or service that runs it (grep -r "{name}" /etc/cron* /var/spool/cron /etc/systemd).',
        },
        'zh-CN': {
          title: '{dir} 中有下载执行脚本：{path}',
          detail: '该脚本包含下载并执行代码的命令（{patterns}），挖矿安装脚本（m.sh、ldr.sh）就是这种样子。',
          action:
            '保留副本（cp -a {path} /root/evidence/），查看其下载地址（grep -Eo "https?://[^ \\"]+" {path}）并封禁，再找到运行它的 cron 或服务（grep -r "{name}" /etc/cron* /var/spool/cron /etc/systemd）。',
        },
      },
      'exec-bit': {
        en: {
          title: 'Executable file in {dir}: {path}',
          detail:
            'The file has the execute bit but is neither ELF nor a #! script (packed payload, or a harmless file with loose permissions).',
          action: 'Identify it: file {path}; head -c 256 {path} | xxd. Remove it if nobody on the team knows it.',
        },
        'zh-CN': {
          title: '{dir} 中有可执行文件：{path}',
          detail: '该文件带有执行权限，但既不是 ELF 也不是 #! 脚本（可能是加壳载荷，也可能只是权限设置宽松的普通文件）。',
          action: '识别文件类型：file {path}；head -c 256 {path} | xxd。若团队中无人认识，删除之。',
        },
      },
      many: {
        en: {
          title: '{count} programs or scripts below {path}',
          detail:
            'The directory tree in a temporary directory holds {count} executables ({kinds}). Unpacked installers and build trees look like this, and so does a dropped toolkit.',
          action:
            'See what it is: ls -laR {path} | head -100. If nobody on the team unpacked it, keep a copy (tar czf /root/evidence/tmp-tree.tgz {path}) and look for running programs from it (ls -l /proc/*/exe 2>/dev/null | grep "{path}").',
        },
        'zh-CN': {
          title: '{path} 下有 {count} 个程序或脚本',
          detail: '临时目录中的该目录树包含 {count} 个可执行文件（{kinds}）。解压的安装包、编译目录是这样，被投放的工具包也是这样。',
          action:
            '查看其内容：ls -laR {path} | head -100。若无人解压过它，先打包留证（tar czf /root/evidence/tmp-tree.tgz {path}），再查找从这里运行的进程（ls -l /proc/*/exe 2>/dev/null | grep "{path}"）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const groups = new Map<string, Hit[]>();
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.role !== 'tmp' || e.kind !== 'file') continue;
      if (knownMalwareMatch(intel, e)) continue; // files/known-malware-file reports it as critical
      const hit = classify(e, intel);
      if (!hit) continue;
      const key = subtreeOf(e.path);
      groups.set(key, [...(groups.get(key) ?? []), hit]);
    }
    for (const [subtree, hits] of groups) {
      if (hits.length >= GROUP_AT) {
        const top = hits.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
        const kinds = [...new Set(hits.map((h) => h.messageId))].map((k) => phrase(`tmpkind.${k}`));
        const evidence = hits.slice(0, 20).map(
          (h): PhraseValue =>
            phrase('tmp.hit', {
              severity: phrase(`sev.${h.severity}`),
              path: h.entry.path,
              kind: phrase(`tmpkind.${h.messageId}`),
              hash: h.entry.sha256 ? `, sha256 ${h.entry.sha256}` : '',
            }),
        );
        if (hits.length > 20) evidence.push(phrase('ev.more', { count: hits.length - 20 }));
        report({ messageId: 'many', severity: top.severity, data: { path: subtree, count: hits.length, kinds }, path: subtree, evidence });
        continue;
      }
      for (const h of hits) {
        const e = h.entry;
        const data = {
          path: e.path,
          dir: tmpRootOf(e.path),
          name: e.path.slice(e.path.lastIndexOf('/') + 1),
          shebang: e.shebang ?? '#!',
          patterns: h.patterns,
        };
        const evidence = fileEvidence(e);
        if (e.hidden) evidence.push(phrase('ev.hiddenDir', { dir: e.hidden }));
        if (h.patterns) evidence.push(phrase('ev.matchedList', { what: h.patterns }));
        report({ messageId: h.messageId, severity: h.severity, data, path: e.path, time: e.mtime, evidence });
      }
    }
  },
});
