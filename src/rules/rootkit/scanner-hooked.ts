import { andList, phrase } from '../../i18n/phrases';
import { isPackageOwned } from '../../analyze/facts-index';
import type { Snapshot } from '../../model/facts';
import type { Intel } from '../../intel/intel';
import { defineRule } from '../rule';

// What hooked-scanner findings mean for everything else, said once in both languages.
const CONSEQUENCE_EN =
  'Every process, file and socket hostsweep reads on this host passes through that code, so anything that relies on directory listings or libc may be filtered. hostsweep cross-checks with lookups a listing hook cannot fake (PID sweep, stat by name), but for a complete picture scan the disk offline.';
const CONSEQUENCE_ZH =
  'hostsweep 在本机读取的每个进程、文件和连接都要经过这段代码，依赖目录列举或 libc 的结果都可能被过滤。hostsweep 已用列举劫持无法伪造的方式交叉核对（PID 遍历、按名 stat），但要得到完整结论，请离线扫描磁盘。';

function ownLibrary(snapshot: Snapshot, intel: Intel, lib: string, scannerDir: string, executable: string): boolean {
  if (lib === executable || lib.startsWith(`${scannerDir}/`)) return true;
  if (!intel.rootkit.systemLibDirs.some((d) => lib.startsWith(d))) return false;
  const base = lib.slice(lib.lastIndexOf('/') + 1);
  if (intel.rootkit.scannerLibraries.some((p) => new RegExp(p).test(base))) return true;
  return isPackageOwned(snapshot, lib) === true;
}

export default defineRule({
  meta: {
    id: 'rootkit/scanner-hooked',
    category: 'rootkit',
    severity: 'critical',
    attack: ['T1574.006', 'T1014'],
    status: 'stable',
    description:
      "hostsweep's own process is hooked: a shared object that Node never loads by itself is mapped into it (via /etc/ld.so.preload or LD_PRELOAD), or /etc/ld.so.preload exists when looked up by name but is hidden from the /etc listing.",
    falsePositives: [
      'An analyst who runs hostsweep under a deliberate LD_PRELOAD (e.g. a memory debugger or libfaketime) — run it without one.',
      'Security agents that preload a monitoring library on every process; add an allow-list entry for its path.',
    ],
    references: ['https://attack.mitre.org/techniques/T1574/006/'],
    uses: ['scannerIntegrity'],
    messages: {
      mapped: {
        en: {
          title: 'hostsweep itself is hooked: {lib} is loaded into the scanner',
          detail:
            'The scanner (pid {pid}) has {lib} mapped as code{why}. Node never loads it on its own: the dynamic loader injected it. ' +
            CONSEQUENCE_EN,
          action:
            'Copy {lib} as evidence (cp --preserve=all {lib} /root/evidence/), read /etc/ld.so.preload by path (cat /etc/ld.so.preload), then boot trusted media and run hostsweep scan --root on the mounted disk.',
        },
        'zh-CN': {
          title: 'hostsweep 自身已被劫持：扫描器加载了 {lib}',
          detail: '扫描器（PID {pid}）把 {lib} 作为代码映射进了内存{why}。Node 自身从不加载它，是动态链接器注入的。' + CONSEQUENCE_ZH,
          action:
            '复制 {lib} 留证（cp --preserve=all {lib} /root/evidence/），按路径读取 /etc/ld.so.preload（cat /etc/ld.so.preload），然后用可信介质启动，对挂载的磁盘运行 hostsweep scan --root。',
        },
      },
      'preload-hidden': {
        en: {
          title: '/etc/ld.so.preload exists but is hidden from the /etc listing',
          detail:
            'Looking the file up by name finds it ({size} bytes{content}), but listing /etc via {listings} does not show it. Hiding its own preload file is what a user-space rootkit does; ls -la /etc shows nothing to an admin. ' +
            CONSEQUENCE_EN,
          action:
            'Read it by path: cat /etc/ld.so.preload. Copy every library it names as evidence, then empty it from trusted media (or run: > /etc/ld.so.preload after chattr -ia /etc/ld.so.preload) and re-scan.',
        },
        'zh-CN': {
          title: '/etc/ld.so.preload 存在，但在 /etc 列表中被隐藏',
          detail:
            '按文件名查找能找到它（{size} 字节{content}），但通过 {listings} 列出 /etc 时却看不到。隐藏自己的预加载文件正是用户态 rootkit 的做法，管理员用 ls -la /etc 看不到任何东西。' +
            CONSEQUENCE_ZH,
          action:
            '按路径读取：cat /etc/ld.so.preload。把其中列出的每个库复制留证，再从可信介质清空它（或先 chattr -ia /etc/ld.so.preload 再执行 > /etc/ld.so.preload），然后重新扫描。',
        },
      },
      env: {
        en: {
          title: 'hostsweep was started with {key} set: {value}',
          detail:
            "The loader variable {key} in the scanner's own environment makes every program started from this shell load {value}. Attackers plant it in /etc/profile, ~/.bashrc or /etc/environment. " +
            CONSEQUENCE_EN,
          action:
            'Find where it is set: grep -rn {key} /etc/profile /etc/profile.d /etc/environment /etc/bash.bashrc ~/.bashrc ~/.profile; then re-run hostsweep with env -u {key}.',
        },
        'zh-CN': {
          title: 'hostsweep 启动时设置了 {key}：{value}',
          detail:
            '扫描器自身环境中的加载器变量 {key} 会让从该 shell 启动的每个程序都加载 {value}。攻击者常把它写进 /etc/profile、~/.bashrc 或 /etc/environment。' +
            CONSEQUENCE_ZH,
          action:
            '查找设置位置：grep -rn {key} /etc/profile /etc/profile.d /etc/environment /etc/bash.bashrc ~/.bashrc ~/.profile；然后用 env -u {key} 重新运行 hostsweep。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const s = snapshot.facts.scannerIntegrity;
    if (!s) return;
    const preloadNames = new Set((s.preloadFile.content ?? '').split(/[\s:]+/).filter((x) => x.startsWith('/')));
    for (const [key, value] of Object.entries(s.loaderEnv)) {
      if (key === 'LD_LIBRARY_PATH') continue; // set by many wrappers; only matters if a library from it is mapped, reported below
      for (const v of value.split(/[\s:]+/)) if (v) preloadNames.add(v);
      report({
        messageId: 'env',
        data: { key, value },
        severity: 'high',
        path: value.split(/[\s:]+/)[0] || undefined,
        evidence: [`${key}=${value}`],
      });
    }
    for (const lib of s.mappedExecutable) {
      const named = preloadNames.has(lib);
      if (!named && (s.ownNative?.includes(lib) || ownLibrary(snapshot, intel, lib, s.scannerDir, s.executable))) continue;
      const why = named ? phrase('hooked.named') : '';
      report({
        messageId: 'mapped',
        data: { lib, pid: s.pid, why },
        path: lib,
        evidence: [
          phrase('hooked.maps', { pid: s.pid, lib }),
          phrase('hooked.binary', { exe: s.executable }),
          ...(named ? [phrase('hooked.sourceNames', { lib })] : []),
        ],
      });
    }
    const f = s.preloadFile;
    const hiddenFrom = [
      f.listedByReaddir === false ? 'readdir() (ls, find)' : null,
      f.listedByScandir === false ? 'scandir()' : null,
    ].filter((x): x is string => x !== null);
    if (f.exists && hiddenFrom.length > 0) {
      const content =
        f.content === null
          ? phrase('hooked.unreadable', { error: f.readError ?? phrase('answer.unknown') })
          : phrase('hooked.content', { content: f.content.trim().split('\n').slice(0, 3).join(' ') || phrase('answer.empty') });
      report({
        messageId: 'preload-hidden',
        data: { size: f.size ?? 0, content, listings: andList(hiddenFrom) },
        path: '/etc/ld.so.preload',
        evidence: [
          phrase('hooked.stat', { size: f.size ?? '?' }),
          phrase('hooked.listed', { readdir: String(f.listedByReaddir), scandir: String(f.listedByScandir) }),
          ...(f.content ? [phrase('hooked.contentLine', { content: f.content.slice(0, 500) })] : []),
        ],
      });
    }
  },
});
