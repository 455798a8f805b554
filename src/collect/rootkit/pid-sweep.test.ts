import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { describe, it } from 'node:test';
import { procLookup, readPidMax, signalReaches, sweepPids } from './pid-sweep';

describe('pid sweep', () => {
  it('finds this process and its parent by signal and by /proc lookup', () => {
    const top = Math.max(process.pid, process.ppid) + 10;
    for (const method of ['signal', 'proc-lookup'] as const) {
      const r = sweepPids(method, 1, top);
      assert.ok(r.pids.includes(process.pid), `${method} finds ${process.pid}`);
      assert.ok(r.pids.includes(process.ppid), `${method} finds the parent`);
      assert.deepEqual(
        r.pids,
        [...r.pids].sort((a, b) => a - b),
      );
    }
    assert.equal(signalReaches(process.pid), true);
    assert.equal(procLookup(process.pid), true);
  });

  it('gives the same answer split across worker threads as on one thread', () => {
    // Above the parallel threshold. Other processes come and go meanwhile: compare on those that
    // existed before and after both sweeps.
    const listed = () =>
      new Set(
        fs
          .readdirSync('/proc')
          .filter((n) => /^\d+$/.test(n))
          .map(Number),
      );
    const before = listed();
    const parallel = sweepPids('signal', 1, 300_000, { maxWorkers: 2 });
    const single = sweepPids('signal', 1, 300_000, { maxWorkers: 1 });
    const after = listed();
    const stable = [...before].filter((p) => after.has(p) && p <= 300_000);
    assert.ok(stable.length > 0);
    if (os.availableParallelism() > 1) assert.equal(parallel.workers, 2);
    assert.deepEqual(
      stable.filter((p) => !parallel.pids.includes(p)),
      [],
    );
    assert.deepEqual(
      stable.filter((p) => !single.pids.includes(p)),
      [],
    );
  });

  it('reads pid_max defensively', () => {
    assert.equal(readPidMax('32768\n'), 32768);
    assert.equal(readPidMax('4194304'), 4194304);
    assert.equal(readPidMax(null), 4194304);
    assert.equal(readPidMax('garbage\0'), 4194304);
    assert.equal(readPidMax('99999999'), 4194304);
  });
});
