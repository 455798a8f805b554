import type { HiddenProcessesFact, HiddenProcessFact } from '../../src/collect/rootkit/hidden-processes';
import { fakeProcess } from './snapshot';

/** A hiddenProcesses fact from a clean sweep; add hidden entries per case. */
export function sweepFact(hidden: HiddenProcessFact[] = []): HiddenProcessesFact {
  return {
    pidMax: 32768,
    signalSweep: { to: 32768, ms: 18, workers: 1 },
    lookupSweep: { to: 32768, ms: 90 },
    listedReaddir: 120,
    listedScandir: 120,
    hidden,
  };
}

export function hiddenEntry(over: Partial<HiddenProcessFact> & { pid: number }): HiddenProcessFact {
  return {
    process: fakeProcess({
      pid: over.pid,
      name: 'kworkerds',
      exe: '/tmp/.x/kworkerds',
      cmdline: ['/tmp/.x/kworkerds', '-o', 'pool:3333'],
      uid: 0,
    }),
    seenBy: ['proc-lookup', 'signal'],
    missingFrom: ['readdir'],
    sockets: [],
    ...over,
  };
}

import type { ScannerIntegrityFact } from '../../src/collect/rootkit/scanner-integrity';

/** The scanner as it looks on a clean Debian host running distro Node. */
export function cleanScanner(over: Partial<ScannerIntegrityFact> = {}): ScannerIntegrityFact {
  return {
    pid: 5000,
    executable: '/usr/bin/node',
    scannerDir: '/opt/hostsweep',
    mappedExecutable: [
      '/usr/bin/node',
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      '/usr/lib/x86_64-linux-gnu/libm.so.6',
      '/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30',
      '/usr/lib/x86_64-linux-gnu/libgcc_s.so.1',
      '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
    ],
    loaderEnv: {},
    preloadFile: { exists: false, listedByReaddir: false, listedByScandir: false, content: null, size: null, readError: null },
    ...over,
  };
}

import type { ExecutableSample } from '../../src/collect/rootkit/packed-executables';

export function execSample(over: Partial<ExecutableSample> & { path: string }): ExecutableSample {
  return {
    readFrom: over.path,
    source: 'tmp',
    pids: [],
    deleted: false,
    sampledBytes: 1_200_000,
    entropy: 6.1,
    magic: null,
    sectionHeaders: 29,
    sha256: 'a'.repeat(64),
    ...over,
  };
}

import type { KernelModulesFact } from '../../src/collect/rootkit/kernel-modules';

/** A live Debian kernel with two packaged modules and one DKMS module loaded. */
export function modulesFact(over: Partial<KernelModulesFact> = {}): KernelModulesFact {
  const loaded = [
    { name: 'ext4', state: 'Live', taint: '' },
    { name: 'nf_tables', state: 'Live', taint: '' },
    { name: 'zfs', state: 'Live', taint: 'POE' },
  ];
  return {
    live: true,
    release: '6.1.0-18-amd64',
    procModules: loaded,
    sysModules: loaded.map((m) => ({ ...m, state: 'live' })),
    hiddenFromSysListing: [],
    tainted: 12288,
    files: [
      { name: 'ext4', path: '/lib/modules/6.1.0-18-amd64/kernel/fs/ext4/ext4.ko', packageOwned: true, dkms: false },
      { name: 'nf_tables', path: '/lib/modules/6.1.0-18-amd64/kernel/net/netfilter/nf_tables.ko', packageOwned: true, dkms: false },
      { name: 'zfs', path: '/lib/modules/6.1.0-18-amd64/updates/dkms/zfs.ko', packageOwned: false, dkms: true },
    ],
    loadedWithoutFile: [],
    bootModules: [{ file: '/etc/modules', name: 'loop' }],
    ...over,
  };
}
