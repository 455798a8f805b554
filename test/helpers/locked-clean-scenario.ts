// Run by test/clean-locked.test.ts inside a private mount namespace (unshare --mount): builds the
// planted tree on a fresh ext4 image (so chattr +i/+a and xattrs are real), locks payloads the
// way intruders do, runs `hostsweep clean --yes` and `hostsweep undo` through the CLI bundle given
// as argv[2], and prints one JSON line with what it saw.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openFindings } from '../../src/respond/clean';
import { loadLibc } from '../../src/host/libc';
import { getFlags, getXattrs } from '../../src/respond/file-metadata';
import { scan } from '../../src/scan';
import { FakeRoot } from './fake-root';
import { NOW, plantFootholds } from './footholds';
import { manifestDiff, treeManifest } from './tree-manifest';

async function main() {
  const bundle = process.argv[2];
  await loadLibc();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-ext4-'));
  const img = path.join(work, 'root.img');
  const mnt = path.join(work, 'mnt');
  fs.mkdirSync(mnt);
  execFileSync('truncate', ['-s', '64M', img]);
  execFileSync('mkfs.ext4', ['-q', '-F', img]);
  execFileSync('mount', ['-o', 'loop', img, mnt]);
  const out: Record<string, unknown> = {};
  try {
    process.env.TMPDIR = mnt;
    const root = new FakeRoot();
    plantFootholds(root);
    // The intruder's locks and marks: immutable payloads and init script, an append-only keys
    // file, a locked payload directory, and extended attributes on a payload.
    execFileSync('/usr/bin/chattr', [
      '+i',
      root.p('/usr/bin/srstomucra'),
      root.p('/etc/init.d/srstomucra'),
      root.p('/usr/lib/.cache/kworkerd'),
    ]);
    execFileSync('/usr/bin/chattr', ['+a', root.p('/var/www/.ssh/authorized_keys')]);
    execFileSync('/usr/bin/setfattr', ['-n', 'user.origin', '-v', 'dropper', root.p('/tmp/.x/xmrig')]);
    execFileSync('/usr/bin/chattr', ['+i', root.p('/tmp/.x/xmrig')]);
    execFileSync('/usr/bin/chattr', ['+i', root.p('/tmp/.x')]);
    execFileSync('/usr/bin/chattr', ['+i', root.p('/etc/crontab')]);
    out.flagsBefore = {
      srstomucra: getFlags(root.p('/usr/bin/srstomucra')),
      keys: getFlags(root.p('/var/www/.ssh/authorized_keys')),
      xmrigDir: getFlags(root.p('/tmp/.x')),
      xattrs: getXattrs(root.p('/tmp/.x/xmrig')),
    };
    const before = treeManifest(root.dir, (rel) => rel === 'lost+found');
    const state = path.join(work, 'state');
    // Replaced flag, xattr and time tools first in PATH: each leaves a mark and fails if ever run.
    const fakeBin = path.join(work, 'fake-bin');
    fs.mkdirSync(fakeBin);
    for (const tool of ['chattr', 'lsattr', 'getfattr', 'setfattr', 'touch'])
      fs.writeFileSync(path.join(fakeBin, tool), `#!/bin/sh\necho ran > ${fakeBin}/ran-${tool}\nexit 1\n`, { mode: 0o755 });
    const env = { ...process.env, NO_COLOR: '1', PATH: `${fakeBin}:${process.env.PATH}` };
    const run = (args: string[]) => spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env, timeout: 300_000 });
    const t0 = performance.now();
    const clean = run([
      'clean',
      '--root',
      root.dir,
      '--yes',
      '--state',
      state,
      '--now',
      NOW.toISOString(),
      '--collect-to',
      path.join(work, 'evidence.tar.gz'),
    ]);
    out.cleanMs = Math.round(performance.now() - t0);
    out.cleanStatus = clean.status;
    out.cleanOut = clean.stdout.slice(-3000) + clean.stderr.slice(-2000);
    out.archiveBytes = fs.existsSync(path.join(work, 'evidence.tar.gz')) ? fs.statSync(path.join(work, 'evidence.tar.gz')).size : 0;
    out.gone = ['/usr/bin/srstomucra', '/tmp/.x/xmrig', '/etc/init.d/srstomucra', '/usr/lib/.cache/kworkerd'].filter(
      (p) => !fs.existsSync(root.p(p)),
    );
    out.keysAfter = fs.readFileSync(root.p('/var/www/.ssh/authorized_keys'), 'utf8');
    out.crontabFlagsAfter = getFlags(root.p('/etc/crontab'));
    out.xmrigDirFlagsAfter = getFlags(root.p('/tmp/.x'));
    const again = await scan({ root: root.dir, now: NOW, sampleMs: 0 });
    out.remaining = openFindings(again.result.findings, 'medium').map((f) => `${f.severity} ${f.rule} ${f.path ?? ''}`);
    const t1 = performance.now();
    const undo = run(['undo', '--root', root.dir, '--state', state]);
    out.undoMs = Math.round(performance.now() - t1);
    out.undoStatus = undo.status;
    out.undoOut = undo.stdout.slice(-2000) + undo.stderr.slice(-2000);
    out.diff = manifestDiff(
      before,
      treeManifest(root.dir, (rel) => rel === 'lost+found'),
    );
    out.entries = before.size;
    out.fakeToolsRun = fs.readdirSync(fakeBin).filter((n) => n.startsWith('ran-'));
  } finally {
    spawnSync('/usr/bin/chattr', ['-R', '-ia', mnt]);
    spawnSync('umount', [mnt]);
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();
