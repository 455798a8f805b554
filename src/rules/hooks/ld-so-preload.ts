import { type PhraseValue, phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { lineEvidence, owned, suspiciousPlace } from './hook-paths';

const PRELOAD = '/etc/ld.so.preload';

export default defineRule({
  meta: {
    id: 'hooks/ld-so-preload',
    category: 'ld_preload',
    severity: 'high',
    attack: ['T1574.006'],
    status: 'stable',
    description:
      '/etc/ld.so.preload forces a library into every dynamically linked program, root daemons included. It is empty on normal servers; userland rootkits (libprocesshider, Azazel, Jynx, Vlany) and miners use it to hide their processes and files from ps, top, ls and netstat.',
    falsePositives: [
      'A rare, deliberate workaround (a packaged malloc or compatibility library preloaded system-wide); the library is then owned by a package and the finding stays high, not critical.',
    ],
    references: ['https://attack.mitre.org/techniques/T1574/006/', 'https://man7.org/linux/man-pages/man8/ld.so.8.html'],
    uses: ['ldConfig'],
    messages: {
      entry: {
        en: {
          title: 'Library preloaded into every program: {library}',
          detail:
            '/etc/ld.so.preload line {line} makes every program load {library}. Servers almost never need this; a preloaded library can hide processes, files and connections from the tools you are using right now.',
          action:
            'Confirm who installed it (dpkg -S {library}; rpm -qf {library}). If nobody expects it: copy it for analysis (cp -a {library} /root/evidence/), comment out the line (chattr -ia /etc/ld.so.preload; sed -i "{line}s/^/#/" /etc/ld.so.preload), then re-check ps/top output against this scan.',
        },
        'zh-CN': {
          title: '有库被预加载进所有程序：{library}',
          detail:
            '/etc/ld.so.preload 第 {line} 行让所有程序都加载 {library}。服务器几乎从不需要这样做；被预加载的库可以对你正在使用的工具隐藏进程、文件和连接。',
          action:
            '先确认来源（dpkg -S {library}；rpm -qf {library}）。如无人知情：复制留证（cp -a {library} /root/evidence/），注释掉该行（chattr -ia /etc/ld.so.preload; sed -i "{line}s/^/#/" /etc/ld.so.preload），再把 ps/top 的输出与本次扫描结果对比。',
        },
      },
      unowned: {
        en: {
          title: 'Rootkit-style preload: {library} is forced into every program and no package owns it',
          detail:
            '/etc/ld.so.preload line {line} loads {library}, which no installed package provides. This is how userland rootkits and miners hide themselves: while it is loaded, ps, top, ls and netstat on this host cannot be trusted.',
          action:
            'Treat the host as compromised. Copy the library first (cp -a {library} /root/evidence/; sha256sum {library}), then disable it: chattr -ia /etc/ld.so.preload {library}; sed -i "{line}s/^/#/" /etc/ld.so.preload. Re-run ps/top/netstat afterwards (or use this tool, which reads /proc directly) to see what it was hiding.',
        },
        'zh-CN': {
          title: 'Rootkit 式预加载：{library} 被注入所有程序，且不属于任何软件包',
          detail:
            '/etc/ld.so.preload 第 {line} 行加载了 {library}，没有任何已安装软件包提供该文件。用户态 rootkit 和挖矿木马正是这样隐藏自己：只要它还在加载，本机的 ps、top、ls、netstat 都不可信。',
          action:
            '按已失陷处理。先留证（cp -a {library} /root/evidence/；sha256sum {library}），再停用：chattr -ia /etc/ld.so.preload {library}; sed -i "{line}s/^/#/" /etc/ld.so.preload。之后重新运行 ps/top/netstat（或本工具，它直接读取 /proc），看它之前隐藏了什么。',
        },
      },
      place: {
        en: {
          title: 'Library from {library} is preloaded into every program',
          detail:
            '/etc/ld.so.preload line {line} loads a library from a temporary or hidden directory. No legitimate package installs there; this is a rootkit or miner hook that hides processes and files from the usual tools.',
          action:
            'Treat the host as compromised. Copy it first (cp -a {library} /root/evidence/; sha256sum {library}), then disable it: chattr -ia /etc/ld.so.preload {library}; sed -i "{line}s/^/#/" /etc/ld.so.preload. Then look for what it was hiding (processes, cron entries, files with the same name).',
        },
        'zh-CN': {
          title: '来自 {library} 的库被预加载进所有程序',
          detail:
            '/etc/ld.so.preload 第 {line} 行从临时目录或隐藏目录加载库。正常软件包不会安装到这些位置；这是 rootkit 或挖矿木马的钩子，用来对常用工具隐藏进程和文件。',
          action:
            '按已失陷处理。先留证（cp -a {library} /root/evidence/；sha256sum {library}），再停用：chattr -ia /etc/ld.so.preload {library}; sed -i "{line}s/^/#/" /etc/ld.so.preload。然后排查它隐藏的内容（进程、cron 项、同名文件）。',
        },
      },
      missing: {
        en: {
          title: '/etc/ld.so.preload names a library that is gone: {library}',
          detail:
            'Line {line} preloads {library}, which does not exist. Packages do not leave such entries; it is usually the remnant of a rootkit someone half-removed (or one that hides its own file). Every program start prints a loader error, and re-dropping the file re-arms the hook.',
          action:
            'Check that the file is really absent from a trusted view (this scan; ls -la from a rescue system), then remove the line: chattr -ia /etc/ld.so.preload; sed -i "{line}s/^/#/" /etc/ld.so.preload. Look for the dropper that put it there (cron, systemd units, shell start-up files).',
        },
        'zh-CN': {
          title: '/etc/ld.so.preload 指向一个已不存在的库：{library}',
          detail:
            '第 {line} 行预加载的 {library} 不存在。软件包不会留下这种条目；它通常是被清理了一半的 rootkit 残留（或隐藏了自身文件的 rootkit）。每次启动程序都会报加载错误，一旦文件被重新投放钩子就会再次生效。',
          action:
            '先从可信视角确认文件确实不存在（本扫描；救援系统中 ls -la），然后删除该行：chattr -ia /etc/ld.so.preload; sed -i "{line}s/^/#/" /etc/ld.so.preload。再查找投放它的源头（cron、systemd 单元、shell 启动文件）。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const preload = snapshot.facts.ldConfig?.preload;
    if (!preload) return;
    for (const e of preload.entries) {
      const evidence: PhraseValue[] = [lineEvidence(PRELOAD, e.n, e.line)];
      const data = { library: e.library, line: e.n };
      const base = { path: PRELOAD, time: preload.mtime ?? undefined, data };
      if (!e.exists) {
        report({ ...base, messageId: 'missing', evidence: [...evidence, phrase('file.missing', { path: e.library })] });
        continue;
      }
      const real = e.realPath ?? e.library;
      evidence.push(phrase('file.modified', { path: real === e.library ? e.library : `${e.library} -> ${real}`, mtime: e.mtime ?? '?' }));
      if (suspiciousPlace(e.library, intel) || suspiciousPlace(real, intel)) {
        report({ ...base, messageId: 'place', severity: 'critical', evidence });
        continue;
      }
      const isOwned = owned(snapshot, e.library) || owned(snapshot, real);
      const unknown = owned(snapshot, e.library) === null;
      if (!isOwned && !unknown) {
        report({
          ...base,
          messageId: 'unowned',
          severity: 'critical',
          evidence: [...evidence, phrase('file.unowned', { path: e.library })],
        });
        continue;
      }
      report({ ...base, messageId: 'entry', evidence });
    }
  },
});
