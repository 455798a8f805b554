import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { atLeast } from '../src/model/finding';
import { scanFixture as scan } from './helpers/scan-fixture';
import { inNamespace, scanCmd, scanJson } from './helpers/namespace';

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

  it("this machine's own disk, examined as an offline root", () => {
    // In a namespace with empty private temporary dirs: other tests plant fixtures in /tmp meanwhile.
    const result = scanJson(inNamespace(`${scanCmd()} --root / --json --sample 0 || true`));
    assert.deepEqual(loud(result.findings), []);
    assert.equal(result.stats.ruleErrors.length, 0, JSON.stringify(result.stats.ruleErrors));
  });

  it('a fresh PID and network namespace, scanned live', () => {
    const run = inNamespace(`sleep 60 & (sleep 60 | cat) &\n${scanCmd()} --json --sample 0.3`);
    const result = scanJson(run);
    assert.equal(result.target.kind, 'live');
    assert.ok((result.stats.processes ?? 0) >= 3, `sees the namespace's processes (${result.stats.processes})`);
    assert.deepEqual(loud(result.findings), []);
    assert.equal(run.status, 0, `exit code with no high findings: ${run.stderr}`);
  });
});
