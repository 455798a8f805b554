import { modulesFact } from '../../../test/helpers/rootkit';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './unowned-kernel-module';

const base = modulesFact();

testRule(rule, {
  valid: [
    { name: 'packaged and DKMS-built modules', facts: { kernelModules: base } },
    {
      name: 'unknown ownership (no package database) is not "unowned"',
      facts: {
        kernelModules: modulesFact({
          files: [{ name: 'e1000e', path: '/lib/modules/6.1.0-18-amd64/kernel/e1000e.ko', packageOwned: null, dkms: false }],
        }),
      },
    },
    {
      name: 'live: an unowned .ko on disk that is not loaded',
      facts: {
        kernelModules: modulesFact({
          files: [
            ...base.files,
            { name: 'old_driver', path: '/lib/modules/6.1.0-18-amd64/extra/old_driver.ko', packageOwned: false, dkms: false },
          ],
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'hand-installed module loaded in the running kernel',
      facts: {
        kernelModules: modulesFact({
          procModules: [...(base.procModules ?? []), { name: 'netlink_diag2', state: 'Live', taint: 'OE' }],
          sysModules: [...(base.sysModules ?? []), { name: 'netlink_diag2', state: 'live', taint: 'OE' }],
          files: [
            ...base.files,
            { name: 'netlink_diag2', path: '/lib/modules/6.1.0-18-amd64/kernel/net/netlink_diag2.ko', packageOwned: false, dkms: false },
          ],
        }),
      },
      expect: [
        {
          severity: 'medium',
          path: '/lib/modules/6.1.0-18-amd64/kernel/net/netlink_diag2.ko',
          evidence: /loaded in the running kernel as netlink_diag2/,
        },
      ],
    },
    {
      name: 'loaded with insmod from outside /lib/modules',
      facts: { kernelModules: modulesFact({ loadedWithoutFile: ['vmw_hid'] }) },
      expect: [{ severity: 'high', path: '/sys/module/vmw_hid', title: /vmw_hid is loaded but has no file/ }],
    },
    {
      name: 'offline: unowned non-DKMS module file',
      facts: {
        kernelModules: modulesFact({
          live: false,
          procModules: null,
          sysModules: null,
          files: [{ name: 'xt_conn', path: '/lib/modules/5.10.0-28-amd64/extra/xt_conn.ko', packageOwned: false, dkms: false }],
        }),
      },
      expect: [{ severity: 'low', path: '/lib/modules/5.10.0-28-amd64/extra/xt_conn.ko' }],
    },
  ],
});
