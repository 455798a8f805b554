import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pkg from '../package.json';

// The file an operator copies onto a compromised box: it must run where there is no Node and
// no node_modules, and find exactly what the bundled script finds.

const DEBIAN_ROOT = process.env.HOSTSWEEP_DEBIAN_ROOT ?? '/var/cache/hostsweep/debian-root';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-sea-'));
const bin = path.join(out, 'hostsweep-linux-x64');

before(() => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet', '--outdir', out], { stdio: 'inherit' });
});
after(() => fs.rmSync(out, { recursive: true, force: true }));

function findingKeys(doc: { findings: { rule: string; severity: string; path?: string }[] }): string[] {
  return doc.findings.map((f) => `${f.severity} ${f.rule} ${f.path ?? ''}`).sort();
}

describe('single executable', () => {
  it('ships with a sha256 file that matches it', () => {
    const [sum, name] = fs.readFileSync(`${bin}.sha256`, 'utf8').trim().split(/\s+/);
    assert.equal(name, 'hostsweep-linux-x64');
    assert.equal(sum, createHash('sha256').update(fs.readFileSync(bin)).digest('hex'));
    assert.equal(fs.statSync(bin).mode & 0o111, 0o111);
  });

  it('prints its version with no Node on PATH', () => {
    const r = spawnSync(bin, ['--version'], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('stops quietly when its output pipe closes early', () => {
    const r = spawnSync('/bin/sh', ['-c', `"${bin}" rules | head -n 1`], { encoding: 'utf8' });
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.equal(r.stderr, '');
  });

  it('scans a clean Debian tree from inside a chroot that has no node, with the same findings as the script', (t) => {
    if (!fs.existsSync(`${DEBIAN_ROOT}/etc/debian_version`)) {
      if (process.env.CI) assert.fail(`clean Debian tree missing at ${DEBIAN_ROOT}: .ci/run builds it`);
      t.skip(`no clean Debian tree at ${DEBIAN_ROOT}`);
      return;
    }
    assert.ok(!fs.existsSync(`${DEBIAN_ROOT}/usr/bin/node`), 'the tree must have no node');
    // In a private mount namespace: a tmpfs on the tree's /mnt holds the executable, and the tree
    // itself is bound (non-recursively) at /mnt/target as the disk to examine. Nothing on disk changes.
    const script = [
      'set -e',
      `mount -t tmpfs hs-sea "${DEBIAN_ROOT}/mnt"`,
      `cp "${bin}" "${DEBIAN_ROOT}/mnt/hostsweep-linux-x64"`,
      `mkdir "${DEBIAN_ROOT}/mnt/target"`,
      `mount --bind "${DEBIAN_ROOT}" "${DEBIAN_ROOT}/mnt/target"`,
      // As on a real box: /proc (the executable loads its native helper through /proc/self/fd).
      `mount -t proc proc "${DEBIAN_ROOT}/proc"`,
      `env -i PATH=/usr/bin:/bin /usr/sbin/chroot "${DEBIAN_ROOT}" /mnt/hostsweep-linux-x64 scan --root /mnt/target --json --sample 0 || true`,
    ].join('\n');
    const inside = JSON.parse(
      execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    );
    const script2 = spawnSync(
      process.execPath,
      [path.join(out, 'hostsweep.cjs'), 'scan', '--root', DEBIAN_ROOT, '--json', '--sample', '0'],
      {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      },
    );
    const outside = JSON.parse(script2.stdout);
    assert.equal(inside.schema, outside.schema);
    assert.deepEqual(findingKeys(inside), findingKeys(outside));
    assert.deepEqual(inside.stats.rulesSkipped, outside.stats.rulesSkipped);
    assert.ok(inside.stats.rulesRun > 50, 'the whole rule set ran inside the chroot');
    // Its native part (inode flags) travels inside the executable: nothing was left unchecked.
    assert.equal(inside.complete, true, JSON.stringify(inside.incomplete));
    assert.deepEqual(
      inside.gaps.filter((g: { collector: string }) => g.collector === 'fileAttributes'),
      [],
    );
  });

  it('its wrapper explains an old C library instead of a bare loader error', () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-getconf-'));
    try {
      fs.writeFileSync(path.join(fake, 'getconf'), '#!/bin/sh\necho "glibc 2.17"\n', { mode: 0o755 });
      const r = spawnSync('/bin/sh', [path.join(out, 'hostsweep'), 'scan'], { env: { PATH: `${fake}:/usr/bin:/bin` }, encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /glibc 2\.17.*needs glibc 2\.28/);
      assert.match(r.stderr, /hostsweep scan --root \/mnt\/disk/);
      const ok = spawnSync('/bin/sh', [path.join(out, 'hostsweep'), '--version'], { encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout.trim(), pkg.version);
    } finally {
      fs.rmSync(fake, { recursive: true, force: true });
    }
  });
});
