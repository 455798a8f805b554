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
const MINER_CONFIG = path.join(import.meta.dirname, 'fixtures/content/miner-config/fires.json');

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

  it('scans a Debian tree from inside a chroot that has no node, with the same findings as the script, content rules included', (t) => {
    if (!fs.existsSync(`${DEBIAN_ROOT}/etc/debian_version`)) {
      if (process.env.CI) assert.fail(`clean Debian tree missing at ${DEBIAN_ROOT}: .ci/run builds it`);
      t.skip(`no clean Debian tree at ${DEBIAN_ROOT}`);
      return;
    }
    assert.ok(!fs.existsSync(`${DEBIAN_ROOT}/usr/bin/node`), 'the tree must have no node');
    // In a private mount namespace: a tmpfs on the tree's /mnt holds the executable, and the tree
    // itself is bound (non-recursively) at /mnt/target as the disk to examine, with a miner's
    // configuration planted in a tmpfs on its /var/tmp. Nothing on disk changes.
    const target = `${DEBIAN_ROOT}/mnt/target`;
    const script = [
      'set -e',
      `mount -t tmpfs hs-sea "${DEBIAN_ROOT}/mnt"`,
      `cp "${bin}" "${DEBIAN_ROOT}/mnt/hostsweep-linux-x64"`,
      `mkdir "${target}"`,
      `mount --bind "${DEBIAN_ROOT}" "${target}"`,
      `mount -t tmpfs hs-sea-plant "${target}/var/tmp"`,
      `mkdir "${target}/var/tmp/.x"`,
      `cp "${MINER_CONFIG}" "${target}/var/tmp/.x/config.json"`,
      // As on a real box: /proc (the executable loads its native helpers through /proc/self/fd).
      `mount -t proc proc "${DEBIAN_ROOT}/proc"`,
      `env -i PATH=/usr/bin:/bin /usr/sbin/chroot "${DEBIAN_ROOT}" /mnt/hostsweep-linux-x64 scan --root /mnt/target --json --sample 0 > "${out}/inside.json" || true`,
      // The bundled script under node, outside the chroot, on the same tree, with this checkout's
      // node_modules for its native parts.
      `NODE_PATH="${path.resolve('node_modules')}" "${process.execPath}" "${path.join(out, 'hostsweep.cjs')}" scan --root "${target}" --json --sample 0 > "${out}/outside.json" || true`,
    ].join('\n');
    execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: 'inherit' });
    const inside = JSON.parse(fs.readFileSync(`${out}/inside.json`, 'utf8'));
    const outside = JSON.parse(fs.readFileSync(`${out}/outside.json`, 'utf8'));
    assert.equal(inside.schema, outside.schema);
    assert.deepEqual(findingKeys(inside), findingKeys(outside));
    assert.deepEqual(inside.stats.rulesSkipped, outside.stats.rulesSkipped);
    assert.ok(inside.stats.rulesRun > 50, 'the whole rule set ran inside the chroot');
    // The YARA-X native module travels inside the executable: the planted configuration is found
    // and quoted.
    const miner = inside.findings.find((f: { path?: string }) => f.path === '/var/tmp/.x/config.json');
    assert.ok(miner, `planted miner configuration not found: ${findingKeys(inside).join('; ')}`);
    assert.ok(
      miner.evidence.some((e: string) => e.startsWith('content rule: miner-config ')),
      miner.evidence.join('\n'),
    );
    assert.match(miner.evidence.join('\n'), /^match \d.*stratum\+tcp:\/\/pool\.example\.net:3333/m);
    // Its native parts (inode flags, content rules) travel inside the executable: nothing was left unchecked.
    assert.equal(inside.complete, true, JSON.stringify(inside.incomplete));
    assert.deepEqual(
      inside.gaps.filter((g: { collector: string }) => ['fileAttributes', 'contentScan'].includes(g.collector)),
      [],
    );
  });

  it('a live scan in a booted chroot of the clean tree: its own native modules are not a hook, nothing loud', (t) => {
    if (!fs.existsSync(`${DEBIAN_ROOT}/etc/debian_version`)) {
      if (process.env.CI) assert.fail(`clean Debian tree missing at ${DEBIAN_ROOT}: .ci/run builds it`);
      t.skip(`no clean Debian tree at ${DEBIAN_ROOT}`);
      return;
    }
    // The executable loads its addons from unnamed files ("/dev/shm/#123 (deleted)" in its memory
    // map): the scanner-integrity check must know them as its own. Live, in fresh PID and mount
    // namespaces, on a throw-away overlay of the clean tree, judged at a fixed time.
    const now = new Date(fs.statSync(`${DEBIAN_ROOT}/etc/shadow`).mtime.getTime() + 90 * 86_400_000).toISOString();
    const w = `${out}/live`;
    const script = [
      'set -e',
      `mkdir -p "${w}" && mount -t tmpfs hs-sea-live "${w}"`,
      `mkdir "${w}/upper" "${w}/work" "${w}/m"`,
      `mount -t overlay overlay -o lowerdir="${DEBIAN_ROOT}",upperdir="${w}/upper",workdir="${w}/work" "${w}/m"`,
      `mkdir -p "${w}/m/srv/hs" "${w}/m/dev/shm" && cp "${bin}" "${w}/m/srv/hs/"`,
      `mount -t proc proc "${w}/m/proc"`,
      `mount -t sysfs sysfs "${w}/m/sys"`,
      `mount -t tmpfs tmpfs "${w}/m/tmp"`,
      `mount -t tmpfs tmpfs "${w}/m/dev/shm"`,
      `env -i PATH=/usr/bin:/bin /usr/sbin/chroot "${w}/m" /bin/sh -c 'sleep 60 & /srv/hs/hostsweep-linux-x64 scan --json --sample 0 --now ${now}' > "${out}/live.json" || true`,
    ].join('\n');
    execFileSync('unshare', ['--fork', '--pid', '--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: 'inherit' });
    const live = JSON.parse(fs.readFileSync(`${out}/live.json`, 'utf8'));
    assert.equal(live.target.kind, 'live');
    assert.deepEqual(
      findingKeys(live).filter((k) => !k.startsWith('info ') && !k.startsWith('low ')),
      [],
    );
    assert.deepEqual(
      live.gaps.filter((g: { collector: string }) => ['fileAttributes', 'contentScan', 'scannerIntegrity'].includes(g.collector)),
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
