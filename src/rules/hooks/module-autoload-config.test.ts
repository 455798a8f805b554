import { autoload, KDIR, moduleConfig, STOCK_MODULE_FILES, STOCK_MODULE_PACKAGES } from '../../../test/helpers/module-config';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './module-autoload-config';

const stock = STOCK_MODULE_FILES.map(([p, t]) => moduleConfig(p, t));
const k8s = moduleConfig('/etc/modules-load.d/k8s.conf', 'overlay\nbr_netfilter\n');

testRule(rule, {
  valid: [
    {
      name: 'stock configs and a hand-written k8s.conf loading packaged and built-in modules',
      facts: {
        moduleAutoload: autoload([...stock, k8s], {
          overlay: { files: [], builtin: true },
          br_netfilter: { files: [`${KDIR}/kernel/net/bridge/br_netfilter.ko`], builtin: false },
        }),
        packages: STOCK_MODULE_PACKAGES,
      },
    },
    {
      name: 'DKMS-built module loaded from a hand-written file',
      facts: {
        moduleAutoload: autoload([moduleConfig('/etc/modules-load.d/zfs.conf', 'zfs\n')], {
          zfs: { files: [`${KDIR}/updates/dkms/zfs.ko`], builtin: false },
        }),
        packages: STOCK_MODULE_PACKAGES,
      },
    },
    {
      name: 'no kernel installed in the image (container): cannot tell, stays silent',
      facts: {
        moduleAutoload: autoload([moduleConfig('/etc/modules-load.d/x.conf', 'vboxdrv\n')], { vboxdrv: { files: [], builtin: false } }, []),
        packages: STOCK_MODULE_PACKAGES,
      },
    },
    {
      name: 'rootkit name in /etc/modules-load.d is left to rootkit/known-rootkit-module',
      facts: {
        moduleAutoload: autoload([moduleConfig('/etc/modules-load.d/r.conf', 'reptile\n')], { reptile: { files: [], builtin: false } }),
        packages: STOCK_MODULE_PACKAGES,
      },
    },
  ],
  invalid: [
    {
      name: 'Diamorphine loaded from /usr/lib/modules-load.d and aliased in modprobe.d',
      facts: {
        moduleAutoload: autoload(
          [
            moduleConfig('/usr/lib/modules-load.d/kmod-extra.conf', 'diamorphine\n'),
            moduleConfig('/etc/modprobe.d/sound.conf', 'alias snd-card-9 diamorphine\n'),
          ],
          { diamorphine: { files: [], builtin: false } },
        ),
        packages: STOCK_MODULE_PACKAGES,
      },
      expect: [
        { severity: 'critical', path: '/usr/lib/modules-load.d/kmod-extra.conf', title: /rootkit module diamorphine/ },
        { severity: 'critical', path: '/etc/modprobe.d/sound.conf', evidence: /sound\.conf:1: alias snd-card-9 diamorphine/ },
      ],
    },
    {
      name: 'hand-installed unpackaged .ko loaded at boot',
      facts: {
        moduleAutoload: autoload([moduleConfig('/etc/modules-load.d/netfilter.conf', 'nf_sys\n')], {
          nf_sys: { files: [`${KDIR}/kernel/net/nf_sys.ko`], builtin: false },
        }),
        packages: STOCK_MODULE_PACKAGES,
      },
      expect: [{ severity: 'high', path: '/etc/modules-load.d/netfilter.conf', evidence: /nf_sys\.ko: not owned/ }],
    },
    {
      name: 'module that exists in no installed kernel',
      facts: {
        moduleAutoload: autoload([moduleConfig('/etc/modules', 'loop\nsysmon_helper\n')], {
          loop: { files: [`${KDIR}/kernel/drivers/block/loop.ko`], builtin: false },
          sysmon_helper: { files: [], builtin: false },
        }),
        packages: STOCK_MODULE_PACKAGES,
      },
      expect: [{ severity: 'medium', path: '/etc/modules', evidence: /^\/etc\/modules:2: sysmon_helper$/ }],
    },
  ],
});
