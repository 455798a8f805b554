import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { compileC, inNamespace, scannerBundle } from './helpers/namespace';

// A planted miner in a fresh PID namespace: clean must stop it first, check it is still the
// same process, then kill it — and collect must have kept its executable before. A small
// parent that waits with WUNTRACED sees the order of events from outside.

const WATCHER = `
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
/* The first SIGCHLD tells what happened first: a stop (CLD_STOPPED) or a kill (CLD_KILLED).
   A second one is merged while the first is pending, so the first is read with sigwaitinfo. */
int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigprocmask(SIG_BLOCK, &set, NULL);
  pid_t child = fork();
  if (child == 0) { sigprocmask(SIG_UNBLOCK, &set, NULL); execv(argv[1], argv + 1); return 127; }
  printf("child %d\\n", child);
  for (;;) {
    siginfo_t info;
    if (sigwaitinfo(&set, &info) < 0) continue;
    if (info.si_code == CLD_STOPPED) printf("stopped %d\\n", info.si_status);
    else if (info.si_code == CLD_CONTINUED) printf("continued\\n");
    else if (info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED) printf("killed %d\\n", info.si_status);
    else if (info.si_code == CLD_EXITED) printf("exited %d\\n", info.si_status);
    int st;
    if (waitpid(child, &st, WNOHANG) == child) {
      if (WIFSIGNALED(st)) printf("reaped: killed %d\\n", WTERMSIG(st));
      return 0;
    }
  }
}
`;

describe('clean on a live system (PID namespace)', () => {
  const skip =
    process.getuid?.() !== 0
      ? 'needs root'
      : spawnSync('sh', ['-c', 'command -v unshare && command -v gcc']).status !== 0
        ? 'needs unshare and gcc'
        : false;

  it('freezes the planted miner, then kills it, after collecting its executable; undo has nothing to revive', { skip }, () => {
    const watcher = compileC('watcher', WATCHER);
    const node = JSON.stringify(process.execPath);
    const cli = `${node} ${JSON.stringify(scannerBundle())}`;
    // Only process rules: the live target is the test machine's own filesystem.
    const script = `
      cp /bin/sleep /tmp/xmrig
      ${JSON.stringify(watcher)} /tmp/xmrig 600 > /tmp/watch.log &
      sleep 0.5
      pid=$(pgrep -x xmrig)
      echo "miner $pid"
      ${cli} clean --state /tmp/state --rule 'process/*' || echo "dry-run exit $?"
      kill -0 $pid && echo "alive after dry run"
      ${cli} clean --yes --state /tmp/state --rule 'process/*' --collect-to /tmp/evidence.tar.gz; echo "clean exit $?"
      sleep 0.3
      cat /tmp/watch.log
      kill -0 $pid 2>/dev/null || echo "miner gone"
      tar tzf /tmp/evidence.tar.gz | grep -E "^(executables/|volatile/proc/$pid/maps|volatile/net/tcp$|manifest.json|scan.json)" | sed "s/$pid/PID/g" | sort
      ${cli} runs --state /tmp/state
      ${cli} undo --state /tmp/state; echo "undo exit $?"
    `;
    const r = inNamespace(script, { timeoutMs: 180_000 });
    const out = r.stdout;
    assert.equal(r.status, 0, `${out}\n${r.stderr}`);
    assert.match(out, /\[a1\] stop, then kill process \d+ \(xmrig\)/);
    assert.match(out, /dry-run exit 1/);
    assert.match(out, /alive after dry run/);
    assert.match(out, /1 applied, 0 failed/);
    assert.match(out, /clean exit 0/);
    // The order the parent saw: stopped by SIGSTOP (19), then killed by SIGKILL (9).
    assert.match(out, /child \d+\nstopped 19\n(killed 9\n)?reaped: killed 9\n/);
    assert.match(out, /miner gone/);
    assert.match(out, /executables\/PID-xmrig\.bin/);
    assert.match(out, /volatile\/proc\/PID\/maps/);
    assert.match(out, /volatile\/net\/tcp\n/);
    assert.match(out, /manifest\.json/);
    assert.match(out, /1 undone, 0 failed/);
    assert.match(out, /undo exit 0/);
  });
});
