import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'rootkit/unowned-kernel-module',
    category: 'kernel_module',
    severity: 'medium',
    attack: ['T1547.006'],
    status: 'experimental',
    description:
      'A loaded kernel module whose .ko file no package installed and DKMS did not build, or that has no file under /lib/modules/<release> at all (loaded with insmod from elsewhere); offline, unowned non-DKMS .ko files under /lib/modules.',
    falsePositives: ['Vendor drivers installed by hand with make install (storage, NIC, GPU drivers outside DKMS).'],
    references: ['https://attack.mitre.org/techniques/T1547/006/'],
    uses: ['kernelModules'],
    messages: {
      unowned: {
        en: {
          title: 'Kernel module {name} comes from no package: {path}',
          detail:
            'The module file {path} was not installed by the package manager and was not built by DKMS (see the evidence for whether it is loaded). Kernel rootkits are installed exactly like this, as a hand-copied .ko file.',
          action:
            'Check where it came from: ls -l --time-style=full-iso {path}; modinfo {path}; strings {path} | grep -i -E "hide|hook|kallsyms". If nobody installed it on purpose, keep a copy and rebuild the host.',
        },
        'zh-CN': {
          title: '内核模块 {name} 不属于任何软件包：{path}',
          detail:
            '模块文件 {path} 既不是包管理器安装的，也不是 DKMS 编译的（是否已加载见证据）。内核 rootkit 正是以手工拷贝 .ko 文件的方式安装的。',
          action:
            '查明来源：ls -l --time-style=full-iso {path}；modinfo {path}；strings {path} | grep -i -E "hide|hook|kallsyms"。若无人有意安装，保留副本并重建主机。',
        },
      },
      'no-file': {
        en: {
          title: 'Kernel module {name} is loaded but has no file under /lib/modules',
          detail:
            'The running kernel has {name} loaded, yet no {name}.ko exists in /lib/modules/{release}. It was loaded with insmod from some other place (often /tmp, then deleted).',
          action:
            'Look for its origin: grep -rn {name} /etc/modules /etc/modules-load.d /etc/rc.local /etc/cron* /etc/systemd; journalctl -k | grep -i {name}. Capture memory before rebooting.',
        },
        'zh-CN': {
          title: '内核模块 {name} 已加载，但 /lib/modules 下没有对应文件',
          detail:
            '运行中的内核加载了 {name}，但 /lib/modules/{release} 中不存在 {name}.ko。它是用 insmod 从别处加载的（常见做法是放在 /tmp 加载后删除）。',
          action:
            '追查来源：grep -rn {name} /etc/modules /etc/modules-load.d /etc/rc.local /etc/cron* /etc/systemd；journalctl -k | grep -i {name}。重启前先抓取内存。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const k = snapshot.facts.kernelModules;
    if (!k) return;
    const known = new Set(intel.rootkit.moduleNames.map((n) => n.toLowerCase().replace(/-/g, '_')));
    const loaded = new Set([...(k.procModules ?? []), ...(k.sysModules ?? [])].map((m) => m.name));
    for (const f of k.files) {
      if (f.packageOwned !== false || f.dkms || known.has(f.name.toLowerCase())) continue; // known names: known-rootkit-module
      const isLoaded = k.live && loaded.has(f.name);
      if (k.live && !isLoaded) continue;
      report({
        messageId: 'unowned',
        data: { name: f.name, path: f.path },
        severity: isLoaded ? 'medium' : 'low',
        path: f.path,
        evidence: [
          phrase('kmod.unownedNoDkms', { path: f.path, dkms: `/var/lib/dkms/${f.name}` }),
          isLoaded ? phrase('kmod.loadedAs', { name: f.name }) : phrase('kmod.onDiskOnly'),
        ],
      });
    }
    for (const name of k.loadedWithoutFile) {
      if (known.has(name.toLowerCase())) continue;
      report({
        messageId: 'no-file',
        data: { name, release: k.release ?? phrase('answer.unknown') },
        severity: 'high',
        path: `/sys/module/${name}`,
        evidence: [
          phrase('kmod.loaded', { name }),
          phrase('kmod.noKoFile', { file: `${name}.ko`, dir: `/lib/modules/${k.release ?? '?'}` }),
        ],
      });
    }
  },
});
