import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Finding } from '../src/model/finding';
import { compileC, inNamespace, REPO, scanCmd, scanJson } from './helpers/namespace';
import { NEEDS_ROOT } from './helpers/privilege';
import fs from 'node:fs';

// Each scenario runs in fresh PID, mount and network namespaces with private temporary dirs: the planted
// processes, files and traffic exist only there.

let standin = '';
/** Other tests and other work share the cores, so a spinning stand-in may get only a few percent of
 * a CPU: the threshold is lowered the way a user would, with an intel file, to a bound no spinner
 * misses however loaded the machine, and that sleeping processes (0 %) never reach. */
let cpuIntel = '';
/** Flood thresholds a loaded machine's flooder still reaches (the defaults are for real uplinks). */
let floodIntel = '';

function rulesFor(findings: Finding[], pid: number): string[] {
  return findings
    .filter((f) => f.pid === pid)
    .map((f) => f.rule)
    .sort();
}

function pidFrom(stdout: string, label: string): number {
  const m = new RegExp(`^${label}=(\\d+)$`, 'm').exec(stdout);
  assert.ok(m, `script did not print ${label}=PID`);
  return Number(m[1]);
}

describe('live scenarios (namespaces)', { skip: NEEDS_ROOT }, () => {
  before(() => {
    standin = compileC('standin', fs.readFileSync(path.join(REPO, 'test/fixtures/c/standin.c'), 'utf8'), ['-pthread']);
    cpuIntel = path.join(path.dirname(standin), 'cpu-threshold.yaml');
    fs.writeFileSync(cpuIntel, 'thresholds:\n  highCpuPercent: 1\n');
    floodIntel = path.join(path.dirname(standin), 'flood-threshold.yaml');
    fs.writeFileSync(floodIntel, 'thresholds:\n  floodPacketsPerSec: 100\n  floodBytesPerSec: 50000\n');
  });

  it('a renamed miner started from /tmp, deleted, connected to a fake pool on 3333', () => {
    const run = inNamespace(`
      ${standin} listen 3333 &
      cp ${standin} /tmp/xmrig && chmod +x /tmp/xmrig
      /tmp/xmrig spin 127.0.0.1 3333 --donate-level 1 -o stratum+tcp://127.0.0.1:3333 &
      echo MINER=$!
      sleep 0.3; rm /tmp/xmrig
      ${scanCmd()} --json --sample 1 --intel ${cpuIntel} || true`);
    const r = scanJson(run);
    const miner = pidFrom(run.stdout, 'MINER');
    const rules = rulesFor(r.findings, miner);
    for (const rule of [
      'process/known-miner-name',
      'process/miner-arguments',
      'process/deleted-executable',
      'process/exe-in-temp-dir',
      'process/high-cpu-unowned',
      'network/pool-connection',
    ]) {
      assert.ok(rules.includes(rule), `${rule} not found; got ${rules.join(', ')}`);
    }
    const pool = r.findings.find((f) => f.rule === 'network/pool-connection' && f.pid === miner);
    assert.equal(pool?.severity, 'critical');
    assert.match(pool?.evidence.join('\n') ?? '', /-> 127\.0\.0\.1:3333 ESTABLISHED/);
    const cpu = r.findings.find((f) => f.rule === 'process/high-cpu-unowned' && f.pid === miner);
    assert.ok(cpu?.process?.chain.endsWith(`xmrig(${miner})`), `parent chain: ${cpu?.process?.chain}`);
    assert.ok(cpu?.process?.startedAt, 'start time');
    assert.equal(r.top.cpu[0]?.pid, miner, 'the miner tops the CPU list');
    assert.ok(r.top.cpu[0].cpuPercent > 1, `cpu ${r.top.cpu[0].cpuPercent}`);
    assert.equal(run.status, 0, 'the namespace script itself succeeded');
  });

  it('a user process posing as [kthreadd]', () => {
    const run = inNamespace(`
      mkdir /tmp/.k && cp ${standin} /tmp/.k/kthreadd
      /tmp/.k/kthreadd kthread & echo FAKE=$!
      sleep 0.2
      ps -o comm=,args= -p $(cat /proc/$!/stat | cut -d' ' -f1) >&2 || true
      ${scanCmd()} --json --sample 0 || true`);
    const r = scanJson(run);
    const fake = pidFrom(run.stdout, 'FAKE');
    const f = r.findings.find((x) => x.rule === 'process/fake-kernel-thread' && x.pid === fake);
    assert.ok(f, `no fake-kernel-thread finding: ${JSON.stringify(r.findings.map((x) => x.rule))}`);
    assert.equal(f.severity, 'critical');
    assert.match(f.title, /"\[kthreadd\]"/);
    assert.equal(f.process?.exe, '/tmp/.k/kthreadd');
    assert.ok(rulesFor(r.findings, fake).includes('process/exe-in-hidden-dir'));
  });

  it('a process with LD_PRELOAD in its environment', () => {
    const lib = compileC('libinert.so', 'int hostsweep_inert(void) { return 0; }\n', ['-shared', '-fPIC']);
    const run = inNamespace(`
      cp ${lib} /tmp/libinert.so
      LD_PRELOAD=/tmp/libinert.so ${standin} sleep & echo PRELOADED=$!
      sleep 0.2
      ${scanCmd()} --json --sample 0 || true`);
    const r = scanJson(run);
    const pid = pidFrom(run.stdout, 'PRELOADED');
    const env = r.findings.find((x) => x.rule === 'process/loader-environment' && x.pid === pid);
    assert.equal(env?.severity, 'high');
    assert.equal(env?.path, '/tmp/libinert.so');
    const mapped = r.findings.find((x) => x.rule === 'process/suspicious-mapped-library' && x.pid === pid);
    assert.equal(mapped?.path, '/tmp/libinert.so');
  });

  it('a busy program in a chroot is judged by its own root, not the host package database', () => {
    // /opt is a private tmpfs here: an unpackaged spinner there is a finding, the same file
    // spinning inside a chroot (a container's view) is not.
    const run = inNamespace(`
      mount -t tmpfs tmpfs /opt && mount -t tmpfs tmpfs /mnt && mkdir -p /opt/app /mnt/r/srv /mnt/r/usr
      cp ${standin} /opt/app/worker && cp ${standin} /mnt/r/srv/worker
      mount --bind /usr /mnt/r/usr && ln -s usr/lib /mnt/r/lib && ln -s usr/lib64 /mnt/r/lib64 && ln -s usr/bin /mnt/r/bin
      ${standin} listen 3333 &
      /opt/app/worker spin 127.0.0.1 3333 & echo HOSTSIDE=$!
      chroot /mnt/r /srv/worker spin 127.0.0.1 3333 & echo CONTAINED=$!
      sleep 0.3
      ${scanCmd()} --json --sample 1 --intel ${cpuIntel} || true`);
    const r = scanJson(run);
    const hostSide = pidFrom(run.stdout, 'HOSTSIDE');
    const contained = pidFrom(run.stdout, 'CONTAINED');
    assert.ok(
      r.top.cpu.some((p) => p.pid === contained),
      `the chrooted spinner is measured: ${JSON.stringify(r.top.cpu)}`,
    );
    assert.ok(
      rulesFor(r.findings, hostSide).includes('process/high-cpu-unowned'),
      `host-side spinner: ${rulesFor(r.findings, hostSide).join(', ')}`,
    );
    assert.deepEqual(
      rulesFor(r.findings, contained).filter((x) => x === 'process/high-cpu-unowned' || x === 'process/name-mismatch'),
      [],
    );
  });

  it('an interrupted scan leaves no tracing instance recording behind, however early it is stopped', () => {
    // tracefs instances are global to the kernel: count only this PID namespace's (its inode is in
    // the name), so scans of tests running alongside are not mistaken for leaks.
    const run = inNamespace(`
      mount -t tracefs nodev /sys/kernel/tracing
      ls /sys/kernel/tracing/instances > /tmp/before
      NS=$(readlink /proc/self/ns/pid | tr -dc 0-9)
      mine() { ls /sys/kernel/tracing/instances | grep -vxFf /tmp/before | grep "^hostsweep_$NS""_"; }
      for delay in 0 0.01 0.02 0.05 0.1 0.2 0.3 0.5; do
        ${scanCmd()} --json --sample 20 > /dev/null 2>&1 &
        sleep $delay; kill -TERM $!; wait $! || true
      done
      ${scanCmd()} --json --sample 20 > /dev/null &
      for i in $(seq 200); do mine >/dev/null && break; sleep 0.1; done
      echo "DURING=$(mine | tr '\\n' ' ')"
      kill -TERM $!; wait $! || true
      echo "AFTER=$(mine | tr '\\n' ' ')"`);
    assert.match(run.stdout, /^DURING=hostsweep_\d+_\d+_[0-9a-f]{8} $/m, run.stderr);
    assert.match(run.stdout, /^AFTER=$/m);
  });

  it('a scan killed outright leaves an instance that the next scan removes', () => {
    const run = inNamespace(`
      mount -t tracefs nodev /sys/kernel/tracing
      ls /sys/kernel/tracing/instances > /tmp/before
      NS=$(readlink /proc/self/ns/pid | tr -dc 0-9)
      mine() { ls /sys/kernel/tracing/instances | grep -vxFf /tmp/before | grep "^hostsweep_$NS""_"; }
      ${scanCmd()} --json --sample 20 > /dev/null &
      for i in $(seq 200); do mine >/dev/null && break; sleep 0.1; done
      kill -KILL $!; wait $! || true
      echo "KILLED=$(mine | tr '\\n' ' ')"
      ${scanCmd()} --json --sample 1 > /dev/null || true
      echo "AFTER=$(mine | tr '\\n' ' ')"`);
    assert.match(run.stdout, /^KILLED=hostsweep_\d+_\d+_[0-9a-f]{8} $/m, run.stderr);
    assert.match(run.stdout, /^AFTER=$/m);
  });

  for (const method of ['estimate', 'tracefs'] as const) {
    it(`a UDP flood to a peer namespace is named top sender (${method})`, () => {
      const mountTrace = method === 'tracefs' ? 'mount -t tracefs nodev /sys/kernel/tracing' : '';
      const run = inNamespace(`
        ${mountTrace}
        mount -t tmpfs tmpfs /run && mkdir -p /run/netns
        ip netns add hsw-peer
        ip link add hsw0 type veth peer name hsw1 netns hsw-peer
        ip addr add 10.199.0.1/24 dev hsw0 && ip link set hsw0 up
        ip netns exec hsw-peer ip addr add 10.199.0.2/24 dev hsw1
        ip netns exec hsw-peer ip link set hsw1 up
        ${standin} udpidle & echo IDLE=$!
        ${standin} idleserver 8000 & echo SERVER=$!
        # Longer than any scan on a loaded machine; the namespace's end stops it.
        ${standin} udpflood 10.199.0.2 9 600 & echo FLOOD=$!
        sleep 0.3
        ${scanCmd()} --json --sample 1 --intel ${floodIntel} ${method === 'estimate' ? '--no-trace' : ''} || true
        ip netns del hsw-peer`);
      const r = scanJson(run);
      const flood = pidFrom(run.stdout, 'FLOOD');
      assert.equal(r.stats.trafficMethod, method);
      // tracefs sees the whole kernel's packets, other work's floods included: judge this
      // namespace's senders (the stand-ins it started) among themselves.
      const mine = r.top.senders.filter((x) => x.name === 'standin');
      const top = mine[0];
      assert.ok(top, `no senders measured: ${run.stderr}`);
      assert.equal(top.pid, flood, `top sender ${JSON.stringify(r.top.senders)}`);
      const ours = mine.reduce((sum, x) => sum + x.share, 0);
      assert.ok(top.share / ours > 0.9, `share ${top.share} of ${ours}`);
      // Packets per second depend on how busy the machine is: only that the flood was seen counts.
      assert.ok(top.packetsPerSec > 0, `pps ${top.packetsPerSec}`);
      const bystanders = [pidFrom(run.stdout, 'IDLE'), pidFrom(run.stdout, 'SERVER')];
      for (const bystander of bystanders) {
        assert.equal(
          mine.some((x) => x.pid === bystander),
          false,
          `a process that sent nothing is named a sender: ${JSON.stringify(r.top.senders)}`,
        );
      }
      const floods = r.findings.filter((f) => f.rule === 'network/egress-flood');
      assert.equal(floods.filter((f) => bystanders.includes(f.pid ?? -1)).length, 0, 'a bystander is accused');
      if (method === 'estimate') {
        // Only this namespace's traffic is split in estimate mode, so the flooder's share is its own.
        assert.equal(floods.find((f) => f.pid === flood)?.severity, 'high');
      }
    });
  }

  it('traffic whose sender is gone is left unattributed, never blamed on an idle server (estimate)', () => {
    // The flood ends (its process exits) inside the sampling window; the idle server keeps polling.
    // Before, the estimate split the window's egress by CPU time among socket holders and named the
    // idle server as sender of 100 % of it.
    const run = inNamespace(`
      mount -t tmpfs tmpfs /run && mkdir -p /run/netns
      ip netns add hsw-gone
      ip link add hsg0 type veth peer name hsg1 netns hsw-gone
      ip addr add 10.198.0.1/24 dev hsg0 && ip link set hsg0 up
      ip netns exec hsw-gone ip addr add 10.198.0.2/24 dev hsg1
      ip netns exec hsw-gone ip link set hsg1 up
      ${standin} idleserver 8000 & echo SERVER=$!
      ( ${standin} udpflood 10.198.0.2 9 1 ) &
      ${scanCmd()} --json --sample 4 --no-trace || true
      ip netns del hsw-gone`);
    const r = scanJson(run);
    const server = pidFrom(run.stdout, 'SERVER');
    assert.ok(r.stats.trafficMethod === 'estimate' || r.stats.trafficMethod === 'none', `method ${r.stats.trafficMethod}`);
    assert.equal(
      r.top.senders.some((x) => x.pid === server),
      false,
      `the idle server is named a sender: ${JSON.stringify(r.top.senders)}`,
    );
    assert.equal(
      r.findings.some((f) => f.rule === 'network/egress-flood' && f.pid === server),
      false,
    );
  });
});
