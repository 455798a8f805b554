import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';
import { lineEvidence, owned } from './hook-paths';

/** Load lines in these files are already judged by rootkit/known-rootkit-module. */
const COVERED_BY_ROOTKIT_RULE = /^\/etc\/(?:modules|modules-load\.d\/[^/]+\.conf)$/;
/** DKMS and vendor builds land here without a package owning the .ko. */
const LOCAL_BUILD = /\/(?:updates|extra)\//;

export default defineRule({
  meta: {
    id: 'hooks/module-autoload-config',
    category: 'kernel_module',
    severity: 'critical',
    attack: ['T1547.006'],
    status: 'stable',
    description:
      'Kernel module autoload configuration (modules-load.d, /etc/modules, modprobe.d) that names a known rootkit module, or an unpackaged config file that loads a module no package ships (its .ko is unpackaged outside DKMS, or missing from modules.dep and not built in).',
    falsePositives: [
      'Out-of-tree drivers installed by hand (not via DKMS or a package) and loaded from a hand-written modules-load.d file.',
    ],
    references: ['https://attack.mitre.org/techniques/T1547/006/', 'https://man7.org/linux/man-pages/man5/modules-load.d.5.html'],
    uses: ['moduleAutoload'],
    messages: {
      rootkit: {
        en: {
          title: 'Module autoload config names rootkit module {module} ({file})',
          detail:
            '{file} line {line} refers to {module}, the name of a public Linux kernel rootkit. Once loaded it hides processes, files and ports from every tool on the host.',
          action:
            'Treat the host as fully compromised: keep {file} and any {module}.ko as evidence (find / -xdev -name "{module}*.ko*"), capture memory if possible, and rebuild from trusted media; judge the host only from an offline scan until then.',
        },
        'zh-CN': {
          title: '模块自动加载配置引用了 rootkit 模块 {module}（{file}）',
          detail:
            '{file} 第 {line} 行引用了 {module}，这是公开的 Linux 内核 rootkit 名称。一旦加载，它会向本机所有工具隐藏进程、文件和端口。',
          action:
            '按完全失陷处理：保留 {file} 及任何 {module}.ko 作为证据（find / -xdev -name "{module}*.ko*"），条件允许先抓取内存，然后用可信介质重建；在此之前只依据离线扫描判断主机状态。',
        },
      },
      unpackaged: {
        en: {
          title: 'Unpackaged config loads module {module} at boot, and no package ships it ({file})',
          detail:
            '{file} line {line} loads {module} at every boot. Neither the config nor the module file ({where}) comes from a package or DKMS; that is how kernel rootkits make themselves persistent.',
          action:
            'Check the module (modinfo {module}; sha256sum of its .ko) and who built it. If nobody on the team did, keep copies as evidence, comment the line out (sed -i "{line}s/^/#/" {file}) and rebuild the host rather than trusting it.',
        },
        'zh-CN': {
          title: '非软件包配置在开机时加载模块 {module}，且没有软件包提供该模块（{file}）',
          detail:
            '{file} 第 {line} 行在每次开机时加载 {module}。该配置和模块文件（{where}）都不来自软件包或 DKMS；内核 rootkit 正是这样实现持久化的。',
          action:
            '检查该模块（modinfo {module}；其 .ko 的 sha256sum）以及由谁编译。若团队中无人知情，保留副本留证，注释该行（sed -i "{line}s/^/#/" {file}），并重建主机而不是继续信任它。',
        },
      },
      missing: {
        en: {
          title: 'Unpackaged config loads unknown module {module} at boot ({file})',
          detail:
            '{file} line {line} asks for {module} at every boot, but no installed kernel has such a module (not in modules.dep, not built in). It may be a leftover, or a rootkit module hidden or deleted after loading.',
          action:
            'Check whether it is loaded now (lsmod | grep {module}; cat /proc/modules) and search for the file (find / -xdev -name "{module}*.ko*"). Comment the line out if nobody needs it: sed -i "{line}s/^/#/" {file}.',
        },
        'zh-CN': {
          title: '非软件包配置在开机时加载未知模块 {module}（{file}）',
          detail:
            '{file} 第 {line} 行要求每次开机加载 {module}，但已安装的内核中没有该模块（不在 modules.dep 中，也不是内建模块）。它可能是残留，也可能是加载后被隐藏或删除的 rootkit 模块。',
          action:
            '检查它当前是否已加载（lsmod | grep {module}；cat /proc/modules）并搜索文件（find / -xdev -name "{module}*.ko*"）。若无人需要，注释该行：sed -i "{line}s/^/#/" {file}。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const fact = snapshot.facts.moduleAutoload;
    if (!fact) return;
    const rootkits = new Set(intel.rootkit.moduleNames.map((n) => n.toLowerCase().replace(/-/g, '_')));
    for (const file of fact.files) {
      const fileOwned = owned(snapshot, file.path);
      for (const d of file.directives) {
        const base = { path: file.path, time: file.mtime ?? undefined, evidence: [lineEvidence(file.path, d.n, d.text)] };
        if (rootkits.has(d.module.toLowerCase())) {
          if (d.directive === 'load' && COVERED_BY_ROOTKIT_RULE.test(file.path)) continue;
          report({ ...base, messageId: 'rootkit', data: { module: d.module, file: file.path, line: d.n } });
          continue;
        }
        if (d.directive !== 'load' || fileOwned !== false || fact.kernels.length === 0) continue;
        const known = fact.modules[d.module];
        if (!known || known.builtin) continue;
        if (known.files.length === 0) {
          report({ ...base, messageId: 'missing', severity: 'medium', data: { module: d.module, file: file.path, line: d.n } });
          continue;
        }
        if (known.files.some((f) => owned(snapshot, f) !== false || LOCAL_BUILD.test(f))) continue;
        report({
          ...base,
          messageId: 'unpackaged',
          severity: 'high',
          data: { module: d.module, file: file.path, line: d.n, where: known.files.join(', ') },
          evidence: [...base.evidence, ...known.files.map((f) => phrase('file.unowned', { path: f }))],
        });
      }
    }
  },
});
