import { andList, phrase } from '../../i18n/phrases';
import { commandLine, userName } from '../../analyze/facts-index';
import { defineRule } from '../rule';

const LISTING_NAMES = { readdir: 'readdir() (ps, top, ls)', scandir: 'scandir()' } as const;

export default defineRule({
  meta: {
    id: 'rootkit/hidden-process',
    category: 'hidden_process',
    severity: 'critical',
    attack: ['T1014', 'T1564', 'T1574.006'],
    status: 'stable',
    description:
      'A process that answers kill(pid, 0) or a /proc/<pid> lookup but is missing from the /proc directory listing on two passes with an unchanged start time: hidden by a readdir hook (ld.so.preload / LD_PRELOAD) or a kernel rootkit.',
    falsePositives: [
      'None known: processes born or exiting during the scan are re-listed and their start times compared before anything is reported.',
    ],
    references: ['https://attack.mitre.org/techniques/T1014/', 'https://github.com/gianlucaborello/libprocesshider'],
    uses: ['hiddenProcesses'],
    messages: {
      hidden: {
        en: {
          title: 'Hidden process: {name} (pid {pid}) is invisible to ps/top',
          detail:
            'The process exists (found by {how}) but the /proc listing via {listings} leaves it out. Only a rootkit does that: a library in /etc/ld.so.preload or LD_PRELOAD hooking readdir(), or a kernel module filtering getdents. Executable {exe}, started {started}.',
          action:
            "Do not trust ps/top/netstat on this host. Freeze it (kill -STOP {pid}), copy /proc/{pid}/exe and /proc/{pid}/maps, then find the hider: cat /etc/ld.so.preload (by path, not ls), check /proc/modules, and review this scan's rootkit findings.",
        },
        'zh-CN': {
          title: '隐藏进程：{name}（PID {pid}）在 ps/top 中不可见',
          detail:
            '该进程确实存在（通过 {how} 发现），但经由 {listings} 列出 /proc 时被略去。只有 rootkit 会这样做：/etc/ld.so.preload 或 LD_PRELOAD 中的库劫持了 readdir()，或内核模块过滤了 getdents。可执行文件 {exe}，启动于 {started}。',
          action:
            '不要再信任本机的 ps/top/netstat。先冻结进程（kill -STOP {pid}），复制 /proc/{pid}/exe 和 /proc/{pid}/maps，再找出隐藏者：按路径 cat /etc/ld.so.preload（不要用 ls），检查 /proc/modules，并查看本次扫描的 rootkit 类结果。',
        },
      },
      unreadable: {
        en: {
          title: 'Hidden process: pid {pid} exists but cannot be listed or read',
          detail:
            'PID {pid} answers {how} but is missing from the /proc listing via {listings}, and its /proc files cannot be read. A kernel rootkit that filters /proc is the usual cause.',
          action:
            'Assume a kernel-level rootkit: take a memory image if you can, then reboot from trusted media and examine the disk offline (hostsweep scan --root /mnt/disk).',
        },
        'zh-CN': {
          title: '隐藏进程：PID {pid} 存在，但既列不出也读不到',
          detail:
            'PID {pid} 能通过 {how} 探测到，但经由 {listings} 列出 /proc 时缺失，且其 /proc 文件无法读取。常见原因是内核级 rootkit 过滤了 /proc。',
          action: '按内核级 rootkit 处理：条件允许先做内存镜像，然后从可信介质启动，离线检查磁盘（hostsweep scan --root /mnt/disk）。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    for (const h of snapshot.facts.hiddenProcesses?.hidden ?? []) {
      const how = h.seenBy.join(', ');
      const listings = andList(h.missingFrom.map((l) => LISTING_NAMES[l]));
      const views = phrase('hiddenProc.views', { how, missing: h.missingFrom.join(', ') });
      const p = h.process;
      if (!p) {
        report({ messageId: 'unreadable', data: { pid: h.pid, how, listings }, pid: h.pid, evidence: [`pid ${h.pid}`, views] });
        continue;
      }
      const exe = p.exe === null ? phrase('proc.noExe') : p.exeDeleted ? phrase('proc.deletedExe', { exe: p.exe }) : p.exe;
      const user = userName(snapshot, p.uid);
      report({
        messageId: 'hidden',
        data: { name: p.name, pid: p.pid, how, listings, exe, started: p.startedAt ?? phrase('answer.unknown') },
        pid: p.pid,
        path: p.exe ?? undefined,
        user,
        time: p.startedAt ?? undefined,
        evidence: [
          phrase('hiddenProc.line', {
            pid: p.pid,
            ppid: p.ppid,
            name: p.name,
            exe,
            user,
            started: p.startedAt ?? phrase('answer.unknown'),
          }),
          phrase('proc.cmdline', { cmdline: commandLine(p) }),
          views,
          ...h.sockets.map((s) => phrase('hiddenProc.socket', { socket: s })),
          ...Object.entries(p.loaderEnv).map(([k, v]) => `env ${k}=${v}`),
        ],
      });
    }
  },
});
