import { modulesFact } from '../../../test/helpers/rootkit';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './known-rootkit-module';

testRule(rule, {
  valid: [
    { name: 'ordinary modules, DKMS zfs, loop at boot', facts: { kernelModules: modulesFact() } },
    {
      name: 'a name that only contains a rootkit name',
      facts: {
        kernelModules: modulesFact({
          files: [
            {
              name: 'reptile_sensor_hwmon',
              path: '/lib/modules/6.1.0-18-amd64/extra/reptile_sensor_hwmon.ko',
              packageOwned: false,
              dkms: false,
            },
          ],
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'Diamorphine loaded and its file under /lib/modules',
      facts: {
        kernelModules: modulesFact({
          procModules: [{ name: 'diamorphine', state: 'Live', taint: 'OE' }],
          sysModules: [{ name: 'diamorphine', state: 'live', taint: 'OE' }],
          files: [
            { name: 'diamorphine', path: '/lib/modules/6.1.0-18-amd64/kernel/drivers/diamorphine.ko', packageOwned: false, dkms: false },
          ],
        }),
      },
      expect: [
        { severity: 'critical', path: '/sys/module/diamorphine', title: /Rootkit kernel module diamorphine: loaded/ },
        { severity: 'critical', path: '/lib/modules/6.1.0-18-amd64/kernel/drivers/diamorphine.ko', evidence: /package-owned: false/ },
      ],
    },
    {
      name: 'offline disk: Reptile loaded at boot from /etc/modules-load.d, dash spelling',
      facts: {
        kernelModules: modulesFact({
          live: false,
          procModules: null,
          sysModules: null,
          files: [],
          bootModules: [{ file: '/etc/modules-load.d/reptile.conf', name: 'Reptile' }],
        }),
      },
      expect: [{ severity: 'critical', path: '/etc/modules-load.d/reptile.conf', title: /loaded at every boot/ }],
    },
  ],
});
