import { cleanScanner } from '../../../test/helpers/rootkit';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './scanner-hooked';

const DEBIAN_NODE_LIBS = [
  '/usr/lib/x86_64-linux-gnu/libnode.so.108',
  '/usr/lib/x86_64-linux-gnu/libuv.so.1.0.0',
  '/usr/lib/x86_64-linux-gnu/libicuuc.so.72.1',
  '/usr/lib/x86_64-linux-gnu/libnss_systemd.so.2',
  '/usr/lib/x86_64-linux-gnu/gconv/UTF-16.so',
];
const PACKAGES = { manager: 'dpkg' as const, packageCount: 2, files: ['/usr/lib/x86_64-linux-gnu/gconv/UTF-16.so', '/usr/bin/node'] };

testRule(rule, {
  valid: [
    { name: 'nodesource node with glibc only', facts: { scannerIntegrity: cleanScanner() } },
    {
      name: 'distro node linking libnode, ICU, NSS modules and a package-owned gconv module',
      facts: {
        packages: PACKAGES,
        scannerIntegrity: cleanScanner({ mappedExecutable: [...cleanScanner().mappedExecutable, ...DEBIAN_NODE_LIBS] }),
      },
    },
    {
      name: 'native addon under the scanner install dir and LD_LIBRARY_PATH set by a wrapper',
      facts: {
        scannerIntegrity: cleanScanner({
          mappedExecutable: ['/usr/bin/node', '/opt/hostsweep/node_modules/fsevents/build/x.node'],
          loaderEnv: { LD_LIBRARY_PATH: '/opt/lib' },
        }),
      },
    },
    {
      name: "koffi's binary (inode flags), loaded by the scanner itself from outside its install dir",
      facts: {
        scannerIntegrity: cleanScanner({
          mappedExecutable: ['/usr/bin/node', '/usr/lib/node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node'],
          ownNative: ['/usr/lib/node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node'],
        }),
      },
    },
    {
      name: 'empty ld.so.preload that is listed normally',
      facts: {
        scannerIntegrity: cleanScanner({
          preloadFile: { exists: true, listedByReaddir: true, listedByScandir: true, content: '', size: 0, readError: null },
        }),
      },
    },
  ],
  invalid: [
    {
      name: 'preload library from /usr/local/lib mapped into the scanner, preload file hidden from readdir',
      facts: {
        scannerIntegrity: cleanScanner({
          mappedExecutable: [...cleanScanner().mappedExecutable, '/usr/local/lib/libs.so'],
          preloadFile: {
            exists: true,
            listedByReaddir: false,
            listedByScandir: true,
            content: '/usr/local/lib/libs.so\n',
            size: 23,
            readError: null,
          },
        }),
      },
      expect: [
        {
          severity: 'critical',
          path: '/usr/local/lib/libs.so',
          title: /hostsweep itself is hooked: \/usr\/local\/lib\/libs\.so/,
          evidence: /preload source names/,
        },
        {
          severity: 'critical',
          path: '/etc/ld.so.preload',
          title: /hidden from the \/etc listing/,
          evidence: /listed by readdir: false, by scandir: true/,
        },
      ],
    },
    {
      name: 'unowned library in a system dir with an innocent-looking name',
      facts: {
        packages: PACKAGES,
        scannerIntegrity: cleanScanner({ mappedExecutable: ['/usr/bin/node', '/lib/x86_64-linux-gnu/libsystemd-shared.so.9'] }),
      },
      expect: [{ severity: 'critical', path: '/lib/x86_64-linux-gnu/libsystemd-shared.so.9' }],
    },
    {
      name: 'LD_PRELOAD exported by a planted profile script',
      facts: {
        scannerIntegrity: cleanScanner({
          loaderEnv: { LD_PRELOAD: '/var/tmp/1.so' },
          mappedExecutable: ['/usr/bin/node', '/var/tmp/1.so'],
        }),
      },
      expect: [
        { severity: 'critical', path: '/var/tmp/1.so', evidence: /preload source names \/var\/tmp\/1\.so/ },
        { severity: 'high', path: '/var/tmp/1.so', title: /started with LD_PRELOAD set/ },
      ],
    },
  ],
});
