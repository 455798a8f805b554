import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Proc } from './proc-tree';
import { findSessions, ttyName } from './sessions';

const PTS3 = (136 << 8) | 3;
const PTS5 = (136 << 8) | 5;

function proc(pid: number, ppid: number, comm: string, session: number, ttyNr: number, uid: number): Proc {
  return { pid, ppid, comm, state: 'S', startTicks: pid, session, ttyNr, uid, kernel: false, exe: null };
}

describe('findSessions', () => {
  const procs = new Map(
    [
      proc(1, 0, 'systemd', 1, 0, 0),
      proc(500, 1, 'sshd', 500, 0, 0),
      proc(600, 500, 'bash', 600, PTS3, 1001), // intruder on pts/3
      proc(610, 600, 'xmrig', 600, PTS3, 1001),
      proc(700, 500, 'bash', 700, PTS5, 0), // the operator on pts/5
      proc(710, 700, 'hostsweep', 700, PTS5, 0),
      proc(800, 1, 'cron-job', 800, 0, 1001), // the intruder's daemon without a terminal
      proc(900, 500, 'bash', 900, 0, 1001), // the intruder's `ssh host bash -i`: a login without a terminal
    ].map((p) => [p.pid, p]),
  );

  it('finds a whole session by terminal', () => {
    const { found, own } = findSessions({ ttyNr: PTS3 }, procs, 710);
    assert.equal(own, false);
    assert.deepEqual(
      found.map((s) => [s.sid, s.procs.map((p) => p.pid)]),
      [[600, [600, 610]]],
    );
  });

  it('finds the login sessions of a user, with or without a terminal, not their daemons', () => {
    const { found } = findSessions({ uid: 1001 }, procs, 710);
    assert.deepEqual(found.map((s) => s.sid).sort(), [600, 900]);
  });

  it('never returns the operator’s own session', () => {
    const byTty = findSessions({ ttyNr: PTS5 }, procs, 710);
    assert.deepEqual(byTty, { found: [], own: true });
    const byUser = findSessions({ uid: 0 }, procs, 710);
    assert.equal(byUser.own, true);
    assert.ok(!byUser.found.some((s) => s.sid === 700));
  });

  it('names terminals as who(1) does', () => {
    assert.equal(ttyName(PTS3), 'pts/3');
    assert.equal(ttyName((137 << 8) | 4), 'pts/260');
    assert.equal(ttyName((4 << 8) | 1), 'tty1');
    assert.equal(ttyName(0), '-');
  });
});
