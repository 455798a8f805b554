import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inNamespace, scannerBundle } from './helpers/namespace';

// `contain --freeze` against a watchdog that restarts its CPU-burning worker, in a PID namespace:
// freezing the worker stops the watchdog too (it would respawn it), CPU time stops growing,
// nothing new appears, and `undo` resumes both.

const HOSTSWEEP = `${JSON.stringify(process.execPath)} ${JSON.stringify(scannerBundle())}`;

function parse(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^(\w+)=(.*)$/gm)) out[m[1]] = m[2];
  return out;
}

describe('contain --freeze', () => {
  it('stops a respawning worker and its watchdog, then undo resumes both', () => {
    const run = inNamespace(
      `
state() { awk '{print $3}' /proc/$1/stat; }
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
bash -c 'while true; do bash -c "while :; do :; done" & echo $! > /tmp/worker.pid; wait; done' &
WD=$!
while [ ! -s /tmp/worker.pid ]; do sleep 0.05; done
W=$(cat /tmp/worker.pid)
sleep 0.3
echo "before=$(state $W)$(state $WD)"
kill -0 $W
${HOSTSWEEP} contain --freeze $W --state /tmp/st > /tmp/dry.txt
echo "dry=$(state $W)"
${HOSTSWEEP} contain --freeze $W --yes --state /tmp/st > /tmp/apply.txt
echo "applyrc=$?"
echo "collected=$(grep -o 'Evidence collected first: .*' /tmp/apply.txt)"
echo "archive=$(tar tzf /tmp/st/collect/*.tar.gz | grep -c .)"
echo "latency=$(grep -o 'in [0-9]* ms' /tmp/apply.txt | head -1)"
echo "frozen=$(state $W)$(state $WD)"
c1=$(cpu $W); sleep 0.5; c2=$(cpu $W)
echo "cpu=$c1,$c2"
echo "procs=$(ls /proc | grep -c '^[0-9]')"
# killing the frozen worker must not bring a new one: its watchdog is frozen too
kill -9 $W; sleep 0.5
echo "respawned=$([ "$(cat /tmp/worker.pid)" = "$W" ] && echo no || echo yes)"
echo "wdstate=$(state $WD)"
${HOSTSWEEP} undo --state /tmp/st > /tmp/undo.txt
echo "undorc=$?"
sleep 0.5
W2=$(cat /tmp/worker.pid)
echo "after=$(state $WD)"
echo "newworker=$([ "$W2" != "$W" ] && echo yes || echo no)"
c3=$(cpu $W2); sleep 0.5; c4=$(cpu $W2)
echo "cpu2=$c3,$c4"
echo "refuse=$(${HOSTSWEEP} contain --freeze 1 --state /tmp/st 2>&1 >/dev/null | tr -d "\\n"; echo " rc=\${PIPESTATUS[0]}")"
echo "dryout=$(tr '\\n' '|' < /tmp/dry.txt)"
kill -9 $WD 2>/dev/null || true
`,
      // The evidence scan before the freeze reads the whole tree: slow on a loaded machine.
      { timeoutMs: 240_000 },
    );
    const r = parse(run.stdout);
    assert.match(r.before ?? '', /^R[RS]$/, run.stdout + run.stderr);
    assert.equal(r.dry, 'R', 'a dry run changes nothing');
    assert.match(r.dryout, /Freeze \(SIGSTOP\) PID \d+ \(bash\) with 1 related processes/);
    assert.match(r.dryout, /ancestors up to PID 1 \(bash, PID 1\) are left running/);
    assert.equal(r.applyrc, '0');
    assert.match(
      r.collected ?? '',
      /Evidence collected first: \/tmp\/st\/collect\/.*\.tar\.gz/,
      'evidence is collected before anything changes',
    );
    assert.ok(Number(r.archive) > 1, 'the evidence archive has members');
    assert.equal(r.frozen, 'TT', 'worker and watchdog are stopped');
    const [c1, c2] = r.cpu.split(',').map(Number);
    assert.equal(c1, c2, 'a frozen worker uses no CPU');
    assert.equal(r.respawned, 'no');
    assert.equal(r.wdstate, 'T');
    assert.equal(r.undorc, '0');
    assert.match(r.after, /^[RS]$/, 'the watchdog runs again');
    assert.equal(r.newworker, 'yes', 'the resumed watchdog restarts its (killed) worker');
    const [c3, c4] = r.cpu2.split(',').map(Number);
    assert.ok(c4 > c3, 'CPU time grows again after undo');
    assert.match(r.refuse, /cannot freeze PID 1: PID 1 rc=2$/);
    console.log(`# freeze latency: ${r.latency}`);
  });

  it('undo resumes what an apply killed half-way had already stopped', () => {
    const run = inNamespace(
      `
state() { awk '{print $3}' /proc/$1/stat; }
bash -c 'while true; do bash -c "while :; do :; done" & echo $! > /tmp/worker.pid; wait; done' &
WD=$!
while [ ! -s /tmp/worker.pid ]; do sleep 0.05; done
W=$(cat /tmp/worker.pid)
HOSTSWEEP_FAULT=a1:stopped-1 ${HOSTSWEEP} contain --freeze $W --yes --no-collect --state /tmp/st > /dev/null || echo "killed=$?"
echo "mid=$(state $WD)$(state $W)"
${HOSTSWEEP} undo --state /tmp/st > /tmp/undo.txt
echo "undorc=$?"
echo "after=$(state $WD)$(state $W)"
kill -9 $WD $W 2>/dev/null || true
`,
      { timeoutMs: 60_000 },
    );
    const r = parse(run.stdout);
    assert.equal(r.killed, '137', run.stdout + run.stderr);
    assert.equal(r.mid, 'TR', 'the watchdog (first) was stopped, the worker not yet');
    assert.equal(r.undorc, '0');
    assert.match(r.after, /^[RS]R$/, 'the watchdog runs again');
  });
});
