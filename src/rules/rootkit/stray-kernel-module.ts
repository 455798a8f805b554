import { isPackageOwned } from '../../analyze/facts-index';
import { pathSpellings } from '../../model/path-name';
import { phrase } from '../../i18n/phrases';
import type { PhraseValue } from '../../i18n/phrases';
import { fileEvidence } from '../shared/file-evidence';
import { footholdLinks, underAny } from '../shared/footholds';
import { defineRule } from '../rule';

const fold = (n: string) => n.toLowerCase().replace(/-/g, '_');

export default defineRule({
  meta: {
    id: 'rootkit/stray-kernel-module',
    category: 'kernel_module',
    severity: 'high',
    attack: ['T1547.006', 'T1014'],
    status: 'experimental',
    description:
      'A kernel module object (ELF relocatable with a .modinfo section carrying vermagic=) outside /lib/modules and /usr/lib/modules: in tmp, a hidden directory, a home or /var/lib. LKM rootkits (Diamorphine, Reptile, Skidmap) are built or dropped there and loaded with insmod. High; critical when its name is a known rootkit module (intel rootkit.moduleNames). DKMS build trees and packaged files are left alone. When the running kernel lists a module of the same name, the evidence says it is loaded.',
    falsePositives: [
      'A driver an admin built by hand in their home directory (make in ~/src/driver); DKMS builds under /var/lib/dkms are not reported.',
    ],
    references: ['https://attack.mitre.org/techniques/T1547/006/', 'https://github.com/m0nad/Diamorphine'],
    uses: ['fileInventory'],
    messages: {
      stray: {
        en: {
          title: 'Kernel module outside /lib/modules: {path}',
          detail:
            '{path} is a compiled kernel module (vermagic {vermagic}){known}. Modules belong under /lib/modules/<release>; one sitting in {dir} was dropped or built there to be loaded with insmod, which is how kernel rootkits hide processes, files and connections from every tool on the host.',
          action:
            'Keep a copy (cp -a {path} /root/evidence/; sha256sum {path}), check whether it is loaded (grep -i {name} /proc/modules; ls /sys/module | grep -i {name}; a rootkit may hide both), look for insmod in persistence (grep -rn "insmod\\|modprobe" /etc/rc.local /etc/cron* /etc/systemd /etc/init.d /etc/modules-load.d) and plan a rebuild from trusted media.',
        },
        'zh-CN': {
          title: '/lib/modules 之外的内核模块：{path}',
          detail:
            '{path} 是编译好的内核模块（内核版本标记 {vermagic}）{known}。内核模块应位于 /lib/modules/<版本> 下；出现在 {dir} 中的模块是被投放或在此编译、准备用 insmod 加载的，内核 rootkit 正是这样对本机所有工具隐藏进程、文件和连接。',
          action:
            '保留副本（cp -a {path} /root/evidence/；sha256sum {path}），检查是否已加载（grep -i {name} /proc/modules；ls /sys/module | grep -i {name}；rootkit 可能把两者都隐藏），在持久化位置查找 insmod（grep -rn "insmod\\|modprobe" /etc/rc.local /etc/cron* /etc/systemd /etc/init.d /etc/modules-load.d），并计划用可信介质重建系统。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const known = new Map(intel.rootkit.moduleNames.map((n) => [fold(n), n]));
    for (const e of snapshot.facts.fileInventory?.entries ?? []) {
      if (e.kind !== 'file' || e.magic !== 'elf' || e.elfType !== 'rel' || !e.modinfo) continue;
      if (pathSpellings(e.path).some((p) => underAny(p, intel.rootkit.moduleDirs))) continue;
      if (isPackageOwned(snapshot, e.path) === true || underAny(e.path, intel.files.toolchainPaths)) continue;
      const base = e.path.slice(e.path.lastIndexOf('/') + 1).replace(/\.ko(\.(xz|gz|zst))?$/, '');
      const names = [e.modinfo.name, base].filter((n): n is string => !!n);
      const hit = names.map((n) => known.get(fold(n))).find((n) => n !== undefined);
      const links = footholdLinks(snapshot, e.path);
      // Loaded from here (insmod of a file outside the module tree): the running kernel lists its name.
      const loaded = [...(snapshot.facts.kernelModules?.procModules ?? []), ...(snapshot.facts.kernelModules?.sysModules ?? [])].find((m) =>
        names.some((n) => fold(n) === fold(m.name)),
      );
      const evidence: PhraseValue[] = [
        ...fileEvidence(e),
        phrase('kmod.relocatable', { vermagic: e.modinfo.vermagic }),
        ...(e.modinfo.name ? [phrase('kmod.moduleName', { name: e.modinfo.name })] : []),
        phrase('kmod.outsideTree', { dirs: intel.rootkit.moduleDirs.join(', ') }),
        ...(hit ? [phrase('kmod.knownRootkit', { name: hit })] : []),
        ...(loaded ? [phrase('kmod.loadedAs', { name: loaded.name })] : []),
        ...links.evidence,
      ];
      report({
        messageId: 'stray',
        severity: hit ? 'critical' : 'high',
        data: {
          path: e.path,
          name: e.modinfo.name ?? base,
          vermagic: e.modinfo.vermagic,
          dir: e.path.slice(0, e.path.lastIndexOf('/')) || '/',
          known: hit ? phrase('kmod.knownRootkitClause', { name: hit }) : '',
        },
        path: e.path,
        time: e.mtime,
        evidence,
      });
    }
  },
});
