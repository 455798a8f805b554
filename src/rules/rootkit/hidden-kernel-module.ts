import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

const LIVE = /^(live|Live)$/;

export default defineRule({
  meta: {
    id: 'rootkit/hidden-kernel-module',
    category: 'rootkit',
    severity: 'critical',
    attack: ['T1014', 'T1547.006'],
    status: 'stable',
    description:
      'A loaded kernel module that one kernel view shows and another does not: live in /sys/module but absent from /proc/modules (or the reverse), or reachable at /sys/module/<name> yet missing from its listing. Kernel rootkits (Diamorphine, Reptile) unlink themselves from the module list.',
    falsePositives: ['A module loading or unloading during the scan (only modules in the Live state on both sides are compared).'],
    references: ['https://attack.mitre.org/techniques/T1014/', 'https://github.com/m0nad/Diamorphine'],
    uses: ['kernelModules'],
    messages: {
      hidden: {
        en: {
          title: 'Hidden kernel module: {name} is {where}',
          detail:
            'The kernel module {name} is {where}. A module does not vanish from one kernel list by itself: rootkits unlink their module to hide from lsmod while it keeps hooking system calls. Nothing this host reports about processes, files or sockets can be trusted.',
          action:
            'Do not try to unload it here. Capture memory if you can (LiME/avml), then power off, boot trusted media and scan the disk: hostsweep scan --root /mnt/disk. Plan a reinstall.',
        },
        'zh-CN': {
          title: '隐藏的内核模块：{name}（{where}）',
          detail:
            '内核模块 {name}：{where}。模块不会自己从某个内核列表中消失：rootkit 会把自己的模块摘链以躲过 lsmod，同时继续劫持系统调用。此主机上关于进程、文件、连接的任何结果都不可信。',
          action:
            '不要在本机尝试卸载。条件允许先抓取内存（LiME/avml），然后关机，用可信介质启动并扫描磁盘：hostsweep scan --root /mnt/disk。准备重装系统。',
        },
      },
    },
  },
  check({ snapshot, report }) {
    const k = snapshot.facts.kernelModules;
    if (!k || !k.live) return;
    const tainted = k.tainted === null ? [] : [phrase('kmod.taint', { flags: k.tainted })];
    if (k.procModules && k.sysModules) {
      const proc = new Map(k.procModules.map((m) => [m.name, m]));
      const sys = new Map(k.sysModules.map((m) => [m.name, m]));
      for (const m of k.sysModules) {
        if (!LIVE.test(m.state) || proc.has(m.name)) continue;
        const where = phrase('kmod.liveNotListed');
        report({
          messageId: 'hidden',
          data: { name: m.name, where },
          path: `/sys/module/${m.name}`,
          evidence: [`/sys/module/${m.name}/initstate: ${m.state}`, phrase('kmod.notInProc'), ...tainted],
        });
      }
      for (const m of k.procModules) {
        if (!LIVE.test(m.state) || sys.has(m.name)) continue;
        const where = phrase('kmod.procNotSys');
        report({
          messageId: 'hidden',
          data: { name: m.name, where },
          path: `/sys/module/${m.name}`,
          evidence: [`/proc/modules: ${m.name} ${m.state} ${m.taint}`.trim(), phrase('kmod.noSysEntry'), ...tainted],
        });
      }
    }
    for (const name of k.hiddenFromSysListing) {
      const where = phrase('kmod.hiddenFromListing');
      report({
        messageId: 'hidden',
        data: { name, where },
        path: `/sys/module/${name}`,
        evidence: [phrase('kmod.statExists', { name }), phrase('kmod.lsAbsent'), ...tainted],
      });
    }
  },
});
