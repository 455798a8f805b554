import { testRule } from '../../../test/helpers/rule-tester';
import { DPKG } from '../../../test/helpers/snapshot';
import { fakeElf, inventory } from '../../../test/helpers/file-entry';
import rule from './stray-kernel-module';

const mod = (path: string, over = {}) =>
  fakeElf({
    path,
    role: 'tmp',
    mode: 0o644,
    elfType: 'rel',
    modinfo: { vermagic: '6.1.0-26-amd64 SMP preempt mod_unload modversions' },
    ...over,
  });

testRule(rule, {
  valid: [
    {
      name: 'modules in the module tree, DKMS builds, packaged objects and plain object files',
      facts: {
        packages: { ...DPKG, files: [...DPKG.files, '/usr/share/vbox/vboxdrv.ko'] },
        fileInventory: inventory(
          mod('/lib/modules/6.1.0-26-amd64/kernel/fs/ext4/ext4.ko', { role: 'lib' }),
          mod('/usr/lib/modules/6.1.0-26-amd64/updates/dkms/zfs.ko', { role: 'lib' }),
          mod('/var/lib/dkms/zfs/2.1.11/6.1.0-26-amd64/x86_64/module/zfs.ko', { role: 'var-lib' }),
          mod('/usr/share/vbox/vboxdrv.ko', { role: 'top' }),
          fakeElf({ path: '/tmp/build/main.o', role: 'tmp', elfType: 'rel' }),
          fakeElf({ path: '/tmp/prog', role: 'tmp', elfType: 'exec' }),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a module object in /tmp is high, a renamed Diamorphine in a home dot-directory critical',
      facts: {
        packages: DPKG,
        kernelModules: {
          live: true,
          release: '6.1.0-26-amd64',
          procModules: [{ name: 'hid', state: 'Live', taint: 'OE' }],
          sysModules: null,
          hiddenFromSysListing: [],
          tainted: 12288,
          files: [],
          loadedWithoutFile: ['hid'],
          bootModules: [],
        },
        fileInventory: inventory(
          mod('/tmp/.ICE/hid.ko'),
          mod('/root/.cache/.x/data', {
            role: 'home',
            modinfo: { vermagic: '5.10.0-28-amd64 SMP mod_unload', name: 'diamorphine' },
          }),
        ),
      },
      expect: [
        {
          severity: 'critical',
          path: '/root/.cache/.x/data',
          title: /Kernel module outside \/lib\/modules/,
          evidence: /known rootkit module diamorphine/,
        },
        { severity: 'high', path: '/tmp/.ICE/hid.ko', evidence: /vermagic=6\.1\.0-26-amd64 SMP[^]*loaded in the running kernel as hid/ },
      ],
    },
  ],
});
