import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ScanResult } from '../src/model/scan-result';
import { FakeRoot } from './helpers/fake-root';
import { inNamespace, scanJson, scannerBundle } from './helpers/namespace';

// The verdict contract: 0 complete and clean, 1 findings at or above --fail-on, 2 the command
// failed, 3 incomplete and nothing found. A scan that could not look never says "clean".

function hostsweep(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [scannerBundle(), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('an honest verdict', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-verdict-'));
  const clean = new FakeRoot().base().write('/etc/hosts', '127.0.0.1 localhost\n');
  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
    clean.remove();
  });

  it('a complete scan of a clean root exits 0 and says complete in the JSON document', () => {
    const r = hostsweep(['scan', '--root', clean.dir, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as ScanResult;
    assert.equal(doc.complete, true);
    assert.deepEqual(doc.incomplete, []);
  });

  it('an empty directory given as --root is an error naming what is missing, not "No findings"', () => {
    const empty = fs.mkdtempSync(path.join(work, 'empty-'));
    const r = hostsweep(['scan', '--root', empty]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /does not look like a Linux root file system: missing etc\/, usr\/ or bin\//);
    assert.equal(r.stdout, '');
    const zh = hostsweep(['scan', '--root', empty, '--lang', 'zh-CN']);
    assert.equal(zh.status, 2);
    assert.match(zh.stderr, /不是 Linux 根文件系统：缺少 etc\/、usr\/ 或 bin\//);
    fs.mkdirSync(path.join(empty, 'etc'));
    assert.match(hostsweep(['scan', '--root', empty]).stderr, /missing usr\/ or bin\/\./);
  });

  it('--force scans a root that does not look like Linux, and the verdict is incomplete (3), said first', () => {
    const empty = fs.mkdtempSync(path.join(work, 'forced-'));
    const r = hostsweep(['scan', '--root', empty, '--force']);
    assert.equal(r.status, 3, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[2], /^INCOMPLETE: this scan could not look everywhere/);
    assert.match(r.stdout, /Files or directories that could not be read \(\d+\): \/etc\/passwd/);
    assert.doesNotMatch(r.stdout, /No findings/);
    const doc = JSON.parse(hostsweep(['scan', '--root', empty, '--force', '--json']).stdout) as ScanResult;
    assert.equal(doc.complete, false);
    assert.ok(
      doc.incomplete.some((x) => x.kind === 'unreadable' && x.where.includes('/etc/passwd')),
      JSON.stringify(doc.incomplete),
    );
    const zh = hostsweep(['scan', '--root', empty, '--force', '--lang', 'zh-CN']);
    assert.equal(zh.status, 3);
    assert.match(zh.stdout.split('\n')[2], /^扫描不完整/);
  });

  it('analyze with rules that crash on wrong-typed facts exits 3 and names the rules before anything else', () => {
    const snap = path.join(work, 'good.json');
    assert.equal(hostsweep(['scan', '--root', clean.dir, '--snapshot', snap]).status, 0);
    const doc = JSON.parse(fs.readFileSync(snap, 'utf8'));
    for (const k of Object.keys(doc.facts)) doc.facts[k] = 42;
    const bad = path.join(work, 'wrong-types.json');
    fs.writeFileSync(bad, JSON.stringify(doc));
    const r = hostsweep(['analyze', bad]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout.split('\n')[3], /^ {2}! Rules that crashed \(\d+\): \w+\//);
    const json = JSON.parse(hostsweep(['analyze', bad, '--json']).stdout) as ScanResult;
    assert.ok(json.stats.ruleErrors.length > 0);
    assert.equal(json.complete, false);
    assert.equal(json.incomplete[0].kind, 'rule-crashed');
    assert.equal(json.incomplete[0].count, json.stats.ruleErrors.length);
    assert.equal(json.gaps[0].kind, 'rule-crashed', 'crashed rules are ranked before cosmetic gaps');
    assert.equal(json.gaps.at(-1)?.kind, 'not-applicable');
  });

  it('a live scan as an unprivileged user is incomplete: never exit 0, "not root" said first', () => {
    const node = JSON.stringify(process.execPath);
    const run = inNamespace(`sleep 30 &
      cp ${scannerBundle()} /tmp/hostsweep.cjs && chmod 644 /tmp/hostsweep.cjs
      set +e
      setpriv --reuid=65534 --regid=65534 --clear-groups ${node} /tmp/hostsweep.cjs scan --json --sample 0 --no-trace > /tmp/scan.json
      echo "json-exit=$?"
      setpriv --reuid=65534 --regid=65534 --clear-groups ${node} /tmp/hostsweep.cjs scan --sample 0 --no-trace --min-severity info
      echo "text-exit=$?"
      cat /tmp/scan.json`);
    const doc = scanJson(run);
    const exit = Number(/json-exit=(\d+)/.exec(run.stdout)?.[1]);
    assert.equal(doc.complete, false);
    assert.equal(doc.incomplete[0].kind, 'not-root');
    // Whatever the host's own files hold, the code is 1 (a finding) or 3 (incomplete), never 0.
    assert.equal(exit, doc.findings.some((f) => ['critical', 'high'].includes(f.severity)) ? 1 : 3);
    const text = run.stdout.slice(run.stdout.indexOf('json-exit='));
    const banner = text.indexOf('INCOMPLETE:');
    assert.ok(banner > 0, text.slice(0, 500));
    assert.match(text.slice(banner), /^INCOMPLETE:.*\n {2}! Not run as root/);
    const firstFinding = text.search(/\[(CRITICAL|HIGH|MEDIUM|LOW|INFO)\]/);
    assert.ok(firstFinding < 0 || firstFinding > banner, 'the banner comes before any finding');
  });

  it('--help lists the exit codes, in the language asked for', () => {
    const en = hostsweep(['scan', '--help']);
    assert.equal(en.status, 0);
    assert.match(en.stdout, /Exit codes:\n {2}0 {2}complete.*\n {2}1 .*\n {2}2 .*\n {2}3 {2}incomplete/);
    assert.match(hostsweep(['analyze', '--help', '--lang', 'zh-CN']).stdout, /退出码：\n {2}0 /);
    assert.match(hostsweep(['--help']).stdout, /3 {2}incomplete/);
  });
});

describe('outputs never clobber, never follow links', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-outputs-'));
  const root = new FakeRoot().base().write('/etc/hosts', '127.0.0.1 localhost\n');
  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
    root.remove();
  });

  it('-o onto a symlink is refused before scanning (exit 2) and the link target is untouched', () => {
    const target = path.join(work, 'precious');
    fs.writeFileSync(target, 'keep me\n');
    const link = path.join(work, 'report.json');
    fs.symlinkSync(target, link);
    for (const force of [[], ['--force']]) {
      const r = hostsweep(['scan', '--root', root.dir, '-o', link, ...force]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /report\.json is a symbolic link; refusing to write through it/);
      assert.equal(r.stdout, '', 'nothing scanned');
    }
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep me\n');
    const snap = hostsweep(['scan', '--root', root.dir, '--snapshot', link]);
    assert.equal(snap.status, 2);
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep me\n');
    assert.match(hostsweep(['scan', '--root', root.dir, '-o', link, '--lang', 'zh-CN']).stderr, /是符号链接，拒绝通过它写入/);
  });

  it('an existing -o file is kept unless --force, which replaces it whole', () => {
    const out = path.join(work, 'scan.json');
    fs.writeFileSync(out, 'an earlier report\n');
    const r = hostsweep(['scan', '--root', root.dir, '-o', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /scan\.json already exists; use --force to replace it/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'an earlier report\n');
    assert.equal(hostsweep(['scan', '--root', root.dir, '-o', out, '--force']).status, 0);
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).schema, 'hostsweep/scan@1');
    assert.deepEqual(
      fs.readdirSync(work).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
  });

  it('-o into a FIFO or a missing directory is refused at once', () => {
    const fifo = path.join(work, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const r = hostsweep(['scan', '--root', root.dir, '-o', fifo, '--force']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /fifo is not a regular file/);
    assert.match(
      hostsweep(['scan', '--root', root.dir, '-o', path.join(work, 'nope', 'x.json')]).stderr,
      /directory of .*x\.json does not exist/,
    );
    const snap = path.join(work, 'for-analyze.json');
    assert.equal(hostsweep(['scan', '--root', root.dir, '--snapshot', snap]).status, 0);
    assert.equal(hostsweep(['analyze', snap, '-o', fifo]).status, 2);
  });

  it('--evidence refuses a symlink and puts a second run into its own subdirectory', () => {
    const dir = path.join(work, 'evidence');
    fs.mkdirSync(dir);
    const link = path.join(work, 'evidence-link');
    fs.symlinkSync(dir, link);
    const refused = hostsweep(['scan', '--root', root.dir, '--evidence', link]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /evidence-link is a symbolic link/);
    assert.equal(hostsweep(['scan', '--root', root.dir, '--evidence', dir]).status, 0);
    assert.ok(fs.existsSync(path.join(dir, 'manifest.json')));
    const first = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const second = hostsweep(['scan', '--root', root.dir, '--evidence', dir]);
    assert.equal(second.status, 0);
    const runs = fs.readdirSync(dir).filter((n) => n.startsWith('run-'));
    assert.equal(runs.length, 1);
    assert.ok(fs.existsSync(path.join(dir, runs[0], 'manifest.json')));
    assert.match(second.stderr, new RegExp(`copied to .*${runs[0]}`));
    assert.equal(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), first, 'the first run is untouched');
  });
});
