import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { atLeast } from '../src/model/finding';
import { scanFixture as scan } from './helpers/scan-fixture';
import { inNamespace, REPO, scanJson, scannerBundle } from './helpers/namespace';
import { NEEDS_ROOT } from './helpers/privilege';

// False alarms are bugs: clean systems must produce nothing at medium or above.

const DEBIAN_ROOT = process.env.HOSTSWEEP_DEBIAN_ROOT ?? '/var/cache/hostsweep/debian-root';

function loud(findings: { severity: Parameters<typeof atLeast>[0]; rule: string; title: string }[]) {
  return findings.filter((f) => atLeast(f.severity, 'medium')).map((f) => `${f.severity} ${f.rule}: ${f.title}`);
}

describe('clean systems stay silent', () => {
  it('a clean debootstrapped Debian tree (offline)', async (t) => {
    if (!fs.existsSync(`${DEBIAN_ROOT}/etc/debian_version`)) {
      if (process.env.CI) assert.fail(`clean Debian tree missing at ${DEBIAN_ROOT}: .ci/run builds it`);
      t.skip(`no clean Debian tree at ${DEBIAN_ROOT} (run .ci/run or set HOSTSWEEP_DEBIAN_ROOT)`);
      return;
    }
    const { result } = await scan({ root: DEBIAN_ROOT });
    assert.deepEqual(loud(result.findings), []);
    assert.equal(result.stats.ruleErrors.length, 0, JSON.stringify(result.stats.ruleErrors));
    assert.ok(result.stats.rulesSkipped.includes('process/known-miner-name'), 'process rules cannot run offline');
    assert.ok(
      result.gaps.some((g) => g.collector === 'processes' && /offline/.test(g.reason)),
      'processes reported as not available, not clean',
    );
  });

  it('the clean Debian tree booted live in fresh namespaces, judged at a fixed time', { skip: NEEDS_ROOT }, (t) => {
    // The scan runs live (its own /proc and /sys, processes and sockets) inside a chroot onto a throw-away
    // overlay of the clean tree: it sees the tree's accounts, packages and logs, never this
    // machine's, and --now pins "recent" to a date after the tree was built, not to the clock.
    if (!fs.existsSync(`${DEBIAN_ROOT}/etc/debian_version`)) {
      if (process.env.CI) assert.fail(`clean Debian tree missing at ${DEBIAN_ROOT}: .ci/run builds it`);
      t.skip(`no clean Debian tree at ${DEBIAN_ROOT}`);
      return;
    }
    const built = fs.statSync(`${DEBIAN_ROOT}/etc/shadow`).mtime;
    const now = new Date(built.getTime() + 90 * 86_400_000).toISOString();
    // The scanner's node, bundle and packages are mounted under /srv/hs, away from the tree's own
    // program directories (a node binary in its /usr/bin would rightly be an unowned program).
    const bundle = scannerBundle();
    const binds: [string, string][] = [
      [process.execPath, '/srv/hs/node'],
      [path.dirname(bundle), '/srv/hs/bundle'],
      [path.join(REPO, 'node_modules'), '/srv/hs/node_modules'],
    ];
    const run = inNamespace(`
      W=$(mktemp -d)
      mkdir -p $W/upper $W/work $W/m
      mount -t overlay overlay -o lowerdir=${DEBIAN_ROOT},upperdir=$W/upper,workdir=$W/work $W/m
      mkdir -p $W/m/srv/hs/bundle $W/m/srv/hs/node_modules && touch $W/m/srv/hs/node
      ${binds.map(([from, to]) => `mount --bind ${JSON.stringify(from)} $W/m${to}`).join('; ')}
      mount -t proc proc $W/m/proc
      mount -t sysfs sysfs $W/m/sys
      mount -t tmpfs tmpfs $W/m/tmp
      chroot $W/m /bin/sh -c 'sleep 60 & (sleep 60 | cat) & NODE_PATH=/srv/hs/node_modules /srv/hs/node /srv/hs/bundle/${path.basename(bundle)} scan --json --sample 0.3 --now ${now}'
    `);
    const result = scanJson(run);
    assert.equal(result.target.kind, 'live');
    assert.ok((result.stats.processes ?? 0) >= 3, `sees the namespace's processes (${result.stats.processes})`);
    assert.deepEqual(loud(result.findings), []);
    assert.equal(result.stats.ruleErrors.length, 0, JSON.stringify(result.stats.ruleErrors));
    assert.equal(run.status, 0, `exit code with no high findings: ${run.stderr}`);
  });
});
