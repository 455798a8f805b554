import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { RootHost } from '../src/host/root-host';
import { FakeRoot } from './helpers/fake-root';

describe('RootHost keeps every read inside the image', () => {
  const root = new FakeRoot();
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-outside-'));
  fs.writeFileSync(path.join(outside, 'secret'), 'ANALYST SECRET');
  root.write('/etc/shadow', 'root:IMAGE-SHADOW:19000:0:99999:7:::\n');
  root.symlink('/etc/crontab', '/etc/shadow');
  root.symlink('/etc/cron.d/rel', '../../../../../../../../etc/shadow');
  root.symlink('/etc/escape', path.join(outside, 'secret'));
  root.symlink('/lib', 'usr/lib');
  root.write('/usr/lib/libx.so', 'LIBX');
  root.symlink('/loop/a', 'b');
  root.symlink('/loop/b', 'a');
  fs.mkdirSync(root.p('/var'), { recursive: true });
  fs.symlinkSync(outside, root.p('/var/out'));
  const host = new RootHost(root.dir);
  after(() => {
    root.remove();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("an absolute symlink to /etc/shadow reads the image's shadow, not the analyst's", () => {
    assert.equal(host.readText('/etc/crontab'), 'root:IMAGE-SHADOW:19000:0:99999:7:::\n');
    assert.equal(host.realpath('/etc/crontab'), '/etc/shadow');
  });

  it('".." cannot climb above the image root', () => {
    assert.equal(host.readText('/etc/cron.d/rel'), 'root:IMAGE-SHADOW:19000:0:99999:7:::\n');
    assert.equal(host.readText('/../../../etc/shadow'), 'root:IMAGE-SHADOW:19000:0:99999:7:::\n');
  });

  it('a symlink naming a real path outside resolves inside the image (and is missing there)', () => {
    assert.equal(host.readText('/etc/escape'), null);
    assert.equal(host.lastError(), 'ENOENT');
    assert.equal(host.readText('/var/out/secret'), null);
    assert.equal(host.readDir('/var/out'), null);
  });

  it('relative directory symlinks inside the image work', () => {
    assert.equal(host.readText('/lib/libx.so'), 'LIBX');
  });

  it('symlink loops are an error, not a hang', () => {
    assert.equal(host.readText('/loop/a'), null);
    assert.equal(host.lastError(), 'ELOOP');
  });

  it('lstat and readlink see the link itself', () => {
    assert.ok(host.lstat('/etc/crontab')?.isSymbolicLink());
    assert.equal(host.readlink('/etc/crontab'), '/etc/shadow');
  });

  it('FIFOs in an image are not read (they would block)', () => {
    const fifo = root.p('/etc/fifo');
    execFileSync('mkfifo', [fifo]);
    assert.equal(host.readText('/etc/fifo'), null);
    assert.equal(host.lastError(), 'ENOTREG');
  });
});
