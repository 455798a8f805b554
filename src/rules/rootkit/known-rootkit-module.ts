import { phrase } from '../../i18n/phrases';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'rootkit/known-rootkit-module',
    category: 'rootkit',
    severity: 'critical',
    attack: ['T1014', 'T1547.006'],
    status: 'stable',
    description:
      'A kernel module named like a public rootkit (Diamorphine, Reptile, Suterusu, adore-ng, KoviD… in intel/rootkit.json): loaded, present as a .ko file, or listed to load at boot.',
    falsePositives: ['Security research or training machines that build these rootkits on purpose.'],
    references: ['https://attack.mitre.org/techniques/T1014/'],
    uses: ['kernelModules'],
    messages: {
      module: {
        en: {
          title: 'Rootkit kernel module {name}: {where}',
          detail:
            '{name} is the name of a public Linux kernel rootkit ({where}: {path}). These modules hide processes, files and ports from every tool on the host and give attackers root on a signal.',
          action:
            'Treat the host as fully compromised: keep a copy of {path} as evidence, capture memory if possible, then rebuild from trusted media. Until then, judge the host only from an offline scan (hostsweep scan --root).',
        },
        'zh-CN': {
          title: 'Rootkit 内核模块 {name}：{where}',
          detail:
            '{name} 是公开的 Linux 内核 rootkit 名称（{where}：{path}）。这类模块会向本机所有工具隐藏进程、文件和端口，并让攻击者通过信号直接获得 root。',
          action:
            '按完全失陷处理：保留 {path} 作为证据，条件允许先抓取内存，然后用可信介质重建系统。在此之前，只根据离线扫描（hostsweep scan --root）判断主机状态。',
        },
      },
    },
  },
  check({ snapshot, intel, report }) {
    const k = snapshot.facts.kernelModules;
    if (!k) return;
    const known = new Set(intel.rootkit.moduleNames.map((n) => n.toLowerCase().replace(/-/g, '_')));
    const isKnown = (name: string) => known.has(name.toLowerCase().replace(/-/g, '_'));
    const reported = new Set<string>();
    const once = (key: string) => !reported.has(key) && reported.add(key) !== undefined;
    const loaded = [
      ...(k.procModules ?? []),
      ...(k.sysModules ?? []),
      ...k.hiddenFromSysListing.map((name) => ({ name, state: 'hidden', taint: '' })),
    ];
    for (const m of loaded) {
      if (!isKnown(m.name) || !once(`loaded:${m.name}`)) continue;
      report({
        messageId: 'module',
        data: { name: m.name, where: phrase('kmod.whereLoaded'), path: `/sys/module/${m.name}` },
        path: `/sys/module/${m.name}`,
        evidence: [phrase('kmod.loadedState', { name: m.name, state: m.state })],
      });
    }
    for (const f of k.files) {
      if (!isKnown(f.name) || !once(`file:${f.path}`)) continue;
      report({
        messageId: 'module',
        data: { name: f.name, where: phrase('kmod.whereFile'), path: f.path },
        path: f.path,
        evidence: [
          phrase('kmod.fileOwned', {
            path: f.path,
            answer: f.packageOwned === null || f.packageOwned === undefined ? phrase('answer.unknown') : String(f.packageOwned),
          }),
        ],
      });
    }
    for (const b of k.bootModules) {
      if (!isKnown(b.name) || !once(`boot:${b.file}:${b.name}`)) continue;
      report({
        messageId: 'module',
        data: { name: b.name, where: phrase('kmod.whereBoot'), path: b.file },
        path: b.file,
        evidence: [`${b.file}: ${b.name}`],
      });
    }
  },
});
