import type { ProcessFact } from '../../src/collect/processes';
import type { SocketFact } from '../../src/collect/sockets';
import type { Facts, Snapshot } from '../../src/model/facts';

/** A snapshot built from facts alone, for rule fixtures. */
export function fakeSnapshot(facts: Partial<Facts>, referenceTime = '2026-11-20T12:00:00.000Z'): Snapshot {
  return {
    schema: 'hostsweep/snapshot@1',
    target: { kind: 'live', root: '/', hostname: 'fixture' },
    collectedAt: referenceTime,
    referenceTime,
    facts,
    gaps: [],
  };
}

let nextPid = 1000;

/** A well-behaved packaged process; override what the case is about. */
export function fakeProcess(over: Partial<ProcessFact> = {}): ProcessFact {
  const pid = over.pid ?? nextPid++;
  return {
    pid,
    ppid: 1,
    name: 'nginx',
    cmdline: ['nginx: worker process'],
    exe: '/usr/sbin/nginx',
    exeDeleted: false,
    exeMemfd: false,
    uid: 33,
    state: 'S',
    kernelThread: false,
    threads: 1,
    rssKb: 4096,
    cpuTicks: 10,
    startedAt: '2026-11-20T11:00:00.000Z',
    cwd: '/',
    loaderEnv: {},
    maps: [
      { path: '/usr/sbin/nginx', deleted: false, executable: true },
      { path: '/usr/lib/x86_64-linux-gnu/libc.so.6', deleted: false, executable: true },
    ],
    stdio: ['/dev/null', '/dev/null', '/dev/null'],
    socketInodes: [],
    netns: 'net:[4026531840]',
    foreignRoot: false,
    ...over,
  };
}

export function fakeSocket(over: Partial<SocketFact> = {}): SocketFact {
  return {
    proto: 'tcp',
    local: '10.0.0.5',
    localPort: 40000,
    remote: '0.0.0.0',
    remotePort: 0,
    state: 'ESTABLISHED',
    txQueue: 0,
    rxQueue: 0,
    uid: 0,
    inode: 1,
    pids: [],
    netns: 'net:[4026531840]',
    ...over,
  };
}

export const INIT = fakeProcess({ pid: 1, ppid: 0, name: 'systemd', cmdline: ['/sbin/init'], exe: '/usr/lib/systemd/systemd', uid: 0 });

/** Package database that owns the usual system paths. */
export const DPKG = {
  manager: 'dpkg' as const,
  packageCount: 3,
  files: [
    '/usr/sbin/nginx',
    '/usr/lib/systemd/systemd',
    '/lib/x86_64-linux-gnu/libc.so.6',
    '/bin/bash',
    '/usr/bin/python3.11',
    '/usr/sbin/sshd',
    '/usr/bin/rsync',
  ],
};
