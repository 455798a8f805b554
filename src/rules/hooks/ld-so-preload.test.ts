import type { LdConfigFact, PreloadEntry } from '../../collect/hooks/ld-config';
import { configFile, dpkgOwning, MTIME, NO_PACKAGE_DB } from '../../../test/helpers/hook-facts';
import { testRule } from '../../../test/helpers/rule-tester';
import rule from './ld-so-preload';

function ld(text: string, entries: Omit<PreloadEntry, 'line' | 'n'>[]): LdConfigFact {
  const file = configFile('/etc/ld.so.preload', text, MTIME, { continuation: false });
  const lines = file.lines;
  return {
    preload: {
      ...file,
      entries: entries.map((e, i) => ({
        ...e,
        n: lines[Math.min(i, lines.length - 1)].n,
        line: lines[Math.min(i, lines.length - 1)].text,
      })),
    },
    confFiles: ['/etc/ld.so.conf'],
    libraryDirs: [],
  };
}

const LIB_TIME = '2026-11-17T22:00:00.000Z';
const pkgs = dpkgOwning('/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', '/bin/bash');

testRule(rule, {
  valid: [
    {
      name: 'no ld.so.preload at all',
      facts: { ldConfig: { preload: null, confFiles: ['/etc/ld.so.conf'], libraryDirs: [] }, packages: pkgs },
    },
    { name: 'file emptied the usual way (echo "" > /etc/ld.so.preload)', facts: { ldConfig: ld('\n', []), packages: pkgs } },
    { name: 'only a commented-out former entry', facts: { ldConfig: ld('#/usr/local/lib/libs.so\n', []), packages: pkgs } },
  ],
  invalid: [
    {
      name: 'libprocesshider dropped in /usr/local/lib, no package owns it',
      facts: {
        ldConfig: ld('/usr/local/lib/libs.so\n', [
          { library: '/usr/local/lib/libs.so', exists: true, realPath: '/usr/local/lib/libs.so', mtime: LIB_TIME },
        ]),
        packages: pkgs,
      },
      expect: [
        {
          severity: 'critical',
          path: '/etc/ld.so.preload',
          title: /no package owns it/,
          evidence: /^\/etc\/ld\.so\.preload:1: \/usr\/local\/lib\/libs\.so\n[^]*not owned by any installed package$/,
        },
      ],
    },
    {
      name: 'library in /var/tmp (seed 004: /var/tmp/1.so)',
      facts: {
        ldConfig: ld('/var/tmp/1.so\n', [{ library: '/var/tmp/1.so', exists: true, realPath: '/var/tmp/1.so', mtime: LIB_TIME }]),
        packages: NO_PACKAGE_DB,
      },
      expect: [{ severity: 'critical', path: '/etc/ld.so.preload', title: /\/var\/tmp\/1\.so/ }],
    },
    {
      name: 'symlink with an innocent name pointing into a hidden directory',
      facts: {
        ldConfig: ld('/lib/libsystemd-shim.so\n', [
          { library: '/lib/libsystemd-shim.so', exists: true, realPath: '/usr/share/.fonts/x.so', mtime: LIB_TIME },
        ]),
        packages: pkgs,
      },
      expect: [{ severity: 'critical', evidence: /-> \/usr\/share\/\.fonts\/x\.so/ }],
    },
    {
      name: 'packaged library preloaded system-wide is still high',
      facts: {
        ldConfig: ld('/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n', [
          {
            library: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
            exists: true,
            realPath: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
            mtime: LIB_TIME,
          },
        ]),
        packages: pkgs,
      },
      expect: [{ severity: 'high', title: /Library preloaded into every program/ }],
    },
    {
      name: 'unknown ownership (no package database) stays high, not critical',
      facts: {
        ldConfig: ld('/usr/lib/libext.so\n', [
          { library: '/usr/lib/libext.so', exists: true, realPath: '/usr/lib/libext.so', mtime: LIB_TIME },
        ]),
        packages: NO_PACKAGE_DB,
      },
      expect: [{ severity: 'high' }],
    },
    {
      name: 'remnant entry whose library is gone, and two libraries on one line',
      facts: {
        ldConfig: ld('/usr/lib/libgone.so\n', [
          { library: '/usr/lib/libgone.so', exists: false, realPath: null, mtime: null },
          {
            library: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
            exists: true,
            realPath: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
            mtime: LIB_TIME,
          },
        ]),
        packages: pkgs,
      },
      expect: [
        { severity: 'high', title: /library that is gone/, evidence: /does not exist/ },
        { severity: 'high', title: /libjemalloc/ },
      ],
    },
  ],
});
