import {
  loadDirectives,
  type ModuleAutoloadFact,
  type ModuleConfigFile,
  modprobeDirectives,
} from '../../src/collect/hooks/module-autoload';
import { logicalLines } from '../../src/collect/hooks/config-file';
import { MTIME } from './hook-facts';

/** A modules-load.d / modprobe.d file parsed as the moduleAutoload collector parses it. */
export function moduleConfig(path: string, text: string): ModuleConfigFile {
  const kind = /modprobe/.test(path) ? 'modprobe' : 'load';
  const { lines } = logicalLines(text, { comment: kind === 'load' ? /^\s*[#;]/ : /^\s*#/ });
  return { path, mtime: MTIME, kind, directives: kind === 'load' ? loadDirectives(lines) : modprobeDirectives(lines) };
}

export function autoload(
  files: ModuleConfigFile[],
  modules: ModuleAutoloadFact['modules'] = {},
  kernels = ['6.1.0-28-amd64'],
): ModuleAutoloadFact {
  return { files, kernels, modules };
}

export const KDIR = '/lib/modules/6.1.0-28-amd64';

/** Debian-shipped module configs (systemd, kmod, linux-image). */
export const STOCK_MODULE_FILES = [
  ['/lib/modprobe.d/systemd.conf', 'options bonding max_bonds=0\noptions dummy numdummies=0\noptions ifb numifbs=0\n'],
  ['/lib/modprobe.d/aliases.conf', 'alias net-pf-1 unix\nalias binfmt-0000 binfmt_misc\ninstall binfmt-0000 /bin/true\n'],
  ['/etc/modprobe.d/blacklist.conf', 'blacklist evbug\nblacklist usbmouse\n'],
  ['/etc/modprobe.d/alsa-base.conf', 'install snd-pcsp /sbin/modprobe --ignore-install snd-pcsp $CMDLINE_OPTS && /sbin/modprobe snd-seq\n'],
] as const;

export const STOCK_MODULE_PACKAGES = {
  manager: 'dpkg' as const,
  packageCount: 3,
  files: [
    ...STOCK_MODULE_FILES.map(([p]) => p),
    '/sbin/modprobe',
    '/bin/true',
    '/bin/false',
    '/usr/sbin/sysctl',
    '/usr/sbin/ethtool',
    `${KDIR}/kernel/drivers/block/loop.ko`,
    `${KDIR}/kernel/net/bridge/br_netfilter.ko`,
  ],
};
