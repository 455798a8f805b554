import { modulesFact } from '../../../test/helpers/rootkit';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './hidden-kernel-module';

const base = modulesFact();

testRule(rule, {
  valid: [
    { name: 'both views agree', facts: { kernelModules: base } },
    {
      name: 'kernel without module support (no /proc/modules)',
      facts: { kernelModules: modulesFact({ procModules: null, sysModules: [] }) },
    },
    {
      name: 'module still loading when /proc/modules was read',
      facts: {
        kernelModules: modulesFact({
          sysModules: [...(base.sysModules ?? []), { name: 'btrfs', state: 'coming', taint: '' }],
          procModules: [...(base.procModules ?? []), { name: 'btrfs', state: 'Loading', taint: '' }],
        }),
      },
    },
    {
      name: 'offline image: no live views at all',
      facts: { kernelModules: modulesFact({ live: false, procModules: null, sysModules: null }) },
    },
  ],
  invalid: [
    {
      name: 'unlinked from the module list but still in sysfs',
      facts: {
        kernelModules: modulesFact({ sysModules: [...(base.sysModules ?? []), { name: 'diamorphine', state: 'live', taint: 'OE' }] }),
      },
      expect: [
        {
          severity: 'critical',
          path: '/sys/module/diamorphine',
          title: /diamorphine is live in \/sys\/module but missing from \/proc\/modules/,
          evidence: /taint flags: 12288/,
        },
      ],
    },
    {
      name: 'kobject deleted, still in /proc/modules; and a name hidden from the sysfs listing',
      facts: {
        kernelModules: modulesFact({
          procModules: [...(base.procModules ?? []), { name: 'nfs_helper', state: 'Live', taint: 'OE' }],
          hiddenFromSysListing: ['reptile_module'],
        }),
      },
      expect: [
        { severity: 'critical', path: '/sys/module/nfs_helper', title: /in \/proc\/modules but missing from \/sys\/module/ },
        { severity: 'critical', path: '/sys/module/reptile_module', evidence: /ls \/sys\/module: absent/ },
      ],
    },
  ],
});
