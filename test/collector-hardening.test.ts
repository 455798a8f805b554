import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loginDefsUidMin } from '../src/collect/accounts/account-files';
import { parseSudoersText } from '../src/collect/accounts/sudoers';
import { readLogBytes } from '../src/collect/logs/read-log';
import { configuredRoots } from '../src/collect/logs/web-scripts';
import { checkFile, type CloakedFile } from '../src/collect/rootkit/cloaked-files';
import { LocalHost } from '../src/host/local-host';
import { RootHost } from '../src/host/root-host';
import { FakeRoot } from './helpers/fake-root';

// Regressions found by the hostile-image fuzz test (test/hostile-image.test.ts), one by one.

describe('collector hardening', () => {
  const roots: FakeRoot[] = [];
  after(() => roots.forEach((r) => r.remove()));
  const fresh = () => {
    const r = new FakeRoot();
    roots.push(r);
    return r;
  };

  it('web server configs full of blank lines are read without stalling (timing: npm run bench)', () => {
    const r = fresh().write('/etc/nginx/sites-enabled/default', `${'\n'.repeat(100_000)}  root /srv/site/ ;\n${' \n'.repeat(100_000)}`);
    const value = configuredRoots(new RootHost(r.dir));
    assert.deepEqual(value, ['/srv/site']);
  });

  it('login.defs full of blank lines is read without stalling (timing: npm run bench)', () => {
    const value = loginDefsUidMin(`${'\n'.repeat(100_000)}UID_MIN\n${'\n'.repeat(100_000)}`);
    assert.equal(value, 1000);
    assert.equal(loginDefsUidMin('# x\n  UID_MIN\t\t500  \r\nUID_MIN 600\n'), 500);
  });

  it('a sudoers line with a long blank run is parsed without stalling (timing: npm run bench), and specs keep their meaning', () => {
    const long = `a${' '.repeat(100_000)}b c = ALL\n`;
    const value = parseSudoersText(long, '/etc/sudoers');
    assert.equal(value.entries[0].items[0], 'c');
    const spec = parseSudoersText('alice ,  bob\tALL = (root) NOPASSWD: ALL\nsolo=ALL\n', '/etc/sudoers').entries;
    assert.deepEqual(
      spec.map((e) => [e.scope, e.items]),
      [['alice,bob', ['ALL']]],
    );
  });

  it('a FIFO or device in an image is never opened (opening one already acts on the analyst machine)', async () => {
    const r = fresh().mkdir('/var/log');
    assert.equal(spawnSync('mkfifo', [r.p('/var/log/auth.log')]).status, 0);
    // The writer's open() returns only once someone opens the FIFO for reading.
    const marker = r.p('/opened');
    const writer = spawn('sh', ['-c', `exec 3>"$1"; : > "$2"`, 'sh', r.p('/var/log/auth.log'), marker], { stdio: 'ignore' });
    try {
      const host = new RootHost(r.dir);
      const gaps: string[] = [];
      assert.equal(host.readFile('/var/log/auth.log'), null);
      assert.equal(host.lastError(), 'ENOTREG');
      assert.equal(host.hashFile('/var/log/auth.log', ['sha256']), null);
      assert.equal(
        readLogBytes(host, '/var/log/auth.log', 1024, (p, why) => gaps.push(`${p}: ${why}`)),
        null,
      );
      assert.deepEqual(gaps, ['/var/log/auth.log: not a regular file']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(fs.existsSync(marker), false, 'the FIFO was opened');
      // Live hosts too (the analyst's own files).
      assert.equal(new LocalHost().readFile(r.p('/var/log/auth.log')), null);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(fs.existsSync(marker), false, 'the FIFO was opened by the live host');
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('the live decloaking check survives a symlink loop where a file should be', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-cloak-'));
    try {
      fs.symlinkSync('loop', path.join(dir, 'loop'));
      const out: CloakedFile[] = [];
      checkFile(path.join(dir, 'loop'), out);
      assert.deepEqual(out, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
