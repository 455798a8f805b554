import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FreezeRefused, planFreeze } from './freeze';
import type { Proc } from './proc-tree';

function table(rows: [pid: number, ppid: number, comm: string, exe?: string][]): Map<number, Proc> {
  return new Map(
    rows.map(([pid, ppid, comm, exe]) => [
      pid,
      { pid, ppid, comm, state: 'S', startTicks: pid * 10, session: pid, ttyNr: 0, uid: 0, kernel: false, exe: exe ?? `/tmp/.x/${comm}` },
    ]),
  );
}

describe('planFreeze', () => {
  const procs = table([
    [1, 0, 'systemd', '/usr/lib/systemd/systemd'],
    [300, 1, 'sshd', '/usr/sbin/sshd'],
    [310, 300, 'bash', '/usr/bin/bash'], // the operator's shell
    [320, 310, 'hostsweep', '/usr/bin/node'],
    [400, 1, 'kworkerds'], // dropper loop
    [410, 400, 'watchdog'],
    [420, 410, 'xmrig'],
    [430, 420, 'xmrig-helper'],
    [440, 430, 'sh'],
  ]);

  it('stops the target, its descendants and ancestors up to PID 1, top first', () => {
    const plan = planFreeze(420, procs, 320);
    assert.deepEqual(
      plan.procs.map((p) => [p.pid, p.role]),
      [
        [400, 'ancestor'],
        [410, 'ancestor'],
        [420, 'target'],
        [430, 'descendant'],
        [440, 'descendant'],
      ],
    );
    assert.equal(plan.procs[2].startTicks, 4200);
    assert.deepEqual(plan.stoppedAt, { pid: 1, comm: 'systemd', reason: 'init' });
  });

  it('stops the walk at a real service manager, but not at a trojan that only calls itself one', () => {
    const real = table([
      [1, 0, 'systemd', '/usr/lib/systemd/systemd'],
      [50, 1, 'supervisord', '/usr/bin/supervisord'],
      [60, 50, 'miner'],
    ]);
    assert.deepEqual(planFreeze(60, real, 999).stoppedAt, { pid: 50, comm: 'supervisord', reason: 'service-manager' });
    const fake = table([
      [1, 0, 'systemd', '/usr/lib/systemd/systemd'],
      [50, 1, 'sshd', '/tmp/.ICE-unix/sshd'],
      [60, 50, 'miner'],
    ]);
    assert.deepEqual(
      planFreeze(60, fake, 999).procs.map((p) => p.pid),
      [50, 60],
    );
    const deleted = table([
      [1, 0, 'systemd', '/usr/lib/systemd/systemd'],
      [50, 1, 'systemd', '/usr/bin/systemd (deleted)'],
      [60, 50, 'miner'],
    ]);
    assert.deepEqual(
      planFreeze(60, deleted, 999).procs.map((p) => p.pid),
      [50, 60],
    );
  });

  it('never freezes the operator’s own session, sshd, PID 1 or a missing process', () => {
    const reason = (pid: number) => {
      try {
        planFreeze(pid, procs, 320);
        return 'planned';
      } catch (e) {
        assert.ok(e instanceof FreezeRefused);
        return e.reason;
      }
    };
    assert.equal(reason(310), 'operator');
    assert.equal(reason(320), 'operator');
    assert.equal(reason(300), 'operator');
    assert.equal(reason(1), 'init');
    assert.equal(reason(9999), 'missing');
    // An ancestor chain that reaches the operator's session stops there.
    const nested = table([
      [1, 0, 'systemd', '/usr/lib/systemd/systemd'],
      [310, 1, 'bash', '/usr/bin/bash'],
      [320, 310, 'hostsweep', '/usr/bin/node'],
      [330, 310, 'miner'],
    ]);
    assert.deepEqual(planFreeze(330, nested, 320).stoppedAt, { pid: 310, comm: 'bash', reason: 'operator' });
  });
});
