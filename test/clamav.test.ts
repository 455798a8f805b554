import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clamavGapReasonZh } from '../src/i18n/clamav-text';
import type { Finding } from '../src/model/finding';
import type { ScanResult } from '../src/model/scan-result';
import { scan } from '../src/scan';
import { FakeRoot } from './helpers/fake-root';
import { inNamespace, scanCmd, scanJson, scannerBundle } from './helpers/namespace';

// --clamav with the real ClamAV (apt: clamav clamav-daemon) and signature databases made here:
// there is no network for freshclam, and a test must not depend on the host's databases.
// clamscan runs with -d on them; clamd is a private daemon with its own socket and config.

const CLAMSCAN = '/usr/bin/clamscan';
const CLAMD = '/usr/sbin/clamd';

// Assembled at run time so this source file is not itself an antivirus test file.
const EICAR = `X5O!P%@AP[4\\PZX54(P^)7CC)7}$${'EICAR-STANDARD-ANTIVIRUS'}-TEST-FILE!$H+H*`;
const MINER = Buffer.from('\x7fELF hostsweep clamav hash fixture: a miner build\n'.repeat(20));
const MARKER = 'HOSTSWEEP-CLAMAV-TROJAN-MARKER';

const md5 = (b: Buffer | string) => crypto.createHash('md5').update(b).digest('hex');

/** A signature directory: a hash signature (.hdb) of the miner and EICAR, a body signature (.ndb) of the marker. */
function makeDatabase(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'hostsweep-test.hdb'),
    `${md5(MINER)}:${MINER.length}:Unix.Coinminer.HostsweepHash-1\n${md5(EICAR)}:${EICAR.length}:Win.Test.EICAR_HDB-1\n`,
  );
  fs.writeFileSync(path.join(dir, 'hostsweep-test.ndb'), `Unix.Trojan.HostsweepTest-1:0:*:${Buffer.from(MARKER).toString('hex')}\n`);
}

function baseRoot(r: FakeRoot): FakeRoot {
  return r.write('/etc/os-release', 'ID=debian\n').write('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n').mkdir('/usr/bin');
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), `hostsweep-clamav-${process.pid}-`));
const db = path.join(work, 'db');
makeDatabase(db);
const emptyDb = path.join(work, 'empty-db');
fs.mkdirSync(emptyDb);
// Outside the root: a link in the root points here, and ClamAV must never read it.
const outside = path.join(work, 'outside');
fs.mkdirSync(outside);
fs.writeFileSync(path.join(outside, 'payload.sh'), `#!/bin/sh\necho ${MARKER}\n`);

const r = baseRoot(new FakeRoot(`hostsweep-clamav-root-${process.pid}-`));
r.write('/tmp/.x/kworkerds', MINER, { mode: 0o755 })
  .write('/var/tmp/.s/run.sh', `#!/bin/sh\n# ${MARKER}\nexec /tmp/.x/kworkerds\n`, { mode: 0o755 })
  .write('/home/web/downloads/eicar.com', EICAR)
  // Silent: clean files in the same places.
  .write('/tmp/notes.txt', 'build notes: nothing here\n')
  .write('/opt/app/run.sh', '#!/bin/sh\nexec /opt/app/bin/server\n', { mode: 0o755 })
  // Silent: outside the content scan's file set (ClamAV is given the list, it walks nothing).
  .write('/mnt/backup/old-run.sh', `#!/bin/sh\necho ${MARKER}\n`)
  // A program larger than the test clamd's StreamMaxLength: clamd refuses it, which must be a gap.
  // (A large file that cannot run is data the content scan does not read, so ClamAV never sees it.)
  .write('/opt/data/archive.bin', Buffer.alloc(3 * 1024 * 1024, 'a'), { mode: 0o755 });
fs.symlinkSync(path.join(outside, 'payload.sh'), r.p('/tmp/link-out.sh'));
fs.symlinkSync(outside, r.p('/opt/linked-dir'));

const clean = baseRoot(new FakeRoot(`hostsweep-clamav-clean-${process.pid}-`)).write('/opt/app/run.sh', '#!/bin/sh\necho ok\n');

after(() => {
  fs.rmSync(clean.dir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(r.dir, { recursive: true, force: true });
});

const clamavFindings = (res: ScanResult) => res.findings.filter((f) => f.rule === 'files/clamav-detection');
const detections = (res: ScanResult) => clamavFindings(res).filter((f) => f.severity !== 'info');
const byPath = (list: Finding[]): Record<string, Finding> => Object.fromEntries(list.map((f) => [f.path ?? '', f]));

/** What every engine must report on the planted root. */
function assertPlanted(res: ScanResult, engine: 'clamd' | 'clamscan') {
  const found = byPath(detections(res));
  assert.deepEqual(Object.keys(found).sort(), ['/home/web/downloads/eicar.com', '/tmp/.x/kworkerds', '/var/tmp/.s/run.sh']);
  const trojan = found['/var/tmp/.s/run.sh'];
  assert.equal(trojan.severity, 'critical');
  assert.match(trojan.title, /ClamAV detected Unix\.Trojan\.HostsweepTest-1/);
  assert.match(
    trojan.evidence.join('\n'),
    /ClamAV signature: "Unix\.Trojan\.HostsweepTest-1(\.UNOFFICIAL)?" \(family backdoor-trojan: critical\)/,
  );
  assert.equal(found['/tmp/.x/kworkerds'].severity, 'high');
  assert.match(found['/tmp/.x/kworkerds'].evidence.join('\n'), /Unix\.Coinminer\.HostsweepHash-1/);
  assert.equal(found['/home/web/downloads/eicar.com'].severity, 'low');
  for (const f of Object.values(found)) {
    // The finding names the signature database it was scanned with.
    assert.match(f.evidence.join('\n'), new RegExp(`ClamAV \\d+\\.\\d+\\.\\d+ \\(${engine} `));
    assert.match(f.evidence.join('\n'), /hostsweep-test\.hdb, hostsweep-test\.ndb/);
  }
  const info = clamavFindings(res).filter((f) => f.severity === 'info');
  assert.equal(info.length, 1);
  assert.match(info[0].title, /ClamAV scanned \d+ file\(s\), 3 detection\(s\)/);
}

describe('--clamav with clamscan and a signature directory (offline root)', () => {
  let res: ScanResult;
  before(async () => {
    res = (await scan({ root: r.dir, sampleMs: 0, clamav: { databaseDir: db, clamdConfs: [] } })).result;
  });

  it('maps detections to findings with the signature quoted and severity by family', () => {
    assertPlanted(res, 'clamscan');
    assert.deepEqual(
      res.gaps.filter((g) => g.collector === 'clamav'),
      [],
    );
  });

  it('stays silent on clean files, files outside the content file set, and links out of the root', () => {
    const paths = detections(res).map((f) => f.path);
    for (const p of ['/tmp/notes.txt', '/opt/app/run.sh', '/mnt/backup/old-run.sh', '/tmp/link-out.sh']) assert.ok(!paths.includes(p), p);
    assert.ok(!paths.some((p) => p?.startsWith('/opt/linked-dir')), paths.join(' '));
    assert.ok(!paths.some((p) => p?.includes(outside)), paths.join(' '));
  });

  it('without --clamav nothing runs and no ClamAV finding or gap appears', async () => {
    const plain = (await scan({ root: r.dir, sampleMs: 0 })).result;
    assert.deepEqual(clamavFindings(plain), []);
    assert.deepEqual(
      plain.gaps.filter((g) => g.collector === 'clamav'),
      [],
    );
  });
});

/** Whether a clamd answers zPING on this socket now. */
function pong(socket: string): Promise<boolean> {
  return new Promise((done) => {
    const c = net.createConnection(socket);
    let got = '';
    const finish = (ok: boolean) => {
      c.destroy();
      done(ok);
    };
    c.setTimeout(2000, () => finish(false));
    c.on('error', () => finish(false));
    c.on('connect', () => c.write('zPING\0'));
    c.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('PONG')) finish(true);
    });
    c.on('end', () => finish(got.includes('PONG')));
  });
}

describe('--clamav with a running clamd', () => {
  let dir: string;
  let socket: string;
  let clamd: ChildProcess;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `hostsweep-clamd-${process.pid}-`));
    socket = path.join(dir, 'clamd.sock');
    fs.writeFileSync(
      path.join(dir, 'clamd.conf'),
      [
        `LocalSocket ${socket}`,
        `DatabaseDirectory ${db}`,
        'Foreground yes',
        'StreamMaxLength 2M',
        `TemporaryDirectory ${dir}`,
        'LogFile /dev/null',
        '',
      ].join('\n'),
    );
    clamd = spawn(CLAMD, ['-c', path.join(dir, 'clamd.conf')], { stdio: 'ignore' });
    // The socket file appears when clamd binds it, before it answers: wait for PONG, no fixed wait.
    let ready = false;
    for (let i = 0; i < 600 && !ready; i++) {
      ready = await pong(socket);
      if (!ready) await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.ok(ready, 'clamd did not answer PING');
  });
  after(() => {
    clamd?.kill('SIGTERM');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is preferred, found through clamd.conf LocalSocket, and reports what clamscan reports', async () => {
    const res = (await scan({ root: r.dir, sampleMs: 0, clamav: { clamdConfs: [path.join(dir, 'clamd.conf')], clamscanPaths: [] } }))
      .result;
    assertPlanted(res, 'clamd');
    const info = clamavFindings(res).find((f) => f.severity === 'info');
    assert.ok(info?.evidence.some((e) => e.includes(`clamd ${socket}`)));
    // The file over clamd's stream limit was not judged: a gap naming it, the scan incomplete.
    const gaps = res.gaps.filter((g) => g.collector === 'clamav');
    assert.equal(gaps.length, 1, JSON.stringify(gaps));
    assert.equal(gaps[0].path, '/opt/data/archive.bin');
    assert.equal(gaps[0].reason, "1 file(s) not scanned by ClamAV (clamd): larger than clamd's StreamMaxLength (clamd.conf)");
    assert.match(clamavGapReasonZh(gaps[0].reason) ?? '', /超过 clamd 的 StreamMaxLength 上限/);
    assert.equal(res.complete, false);
  });

  it('runs out of its time budget into a gap that makes the scan incomplete', async () => {
    const res = (await scan({ root: r.dir, sampleMs: 0, clamav: { clamdSocket: socket, clamdConfs: [], ms: 0 } })).result;
    const gap = res.gaps.find((g) => g.collector === 'clamav');
    assert.ok(gap, JSON.stringify(res.gaps));
    assert.match(gap.reason, /^ClamAV \(clamd\) stopped at its time budget of 0 s: \d+ file\(s\) were not scanned by ClamAV$/);
    assert.equal(gap.kind, 'skipped');
    assert.equal(res.complete, false);
    assert.match(clamavGapReasonZh(gap.reason) ?? '', /^ClamAV（clamd）在 0 秒的时间上限处停止/);
  });
});

describe('--clamav when ClamAV cannot run', () => {
  it('no clamd and no clamscan: a gap, the scan incomplete', async () => {
    const res = (await scan({ root: clean.dir, sampleMs: 0, clamav: { clamdConfs: [], clamscanPaths: [] } })).result;
    const gap = res.gaps.find((g) => g.collector === 'clamav');
    assert.equal(gap?.reason, 'ClamAV not run: neither a clamd socket nor clamscan was found (install clamav)');
    assert.equal(gap?.kind, 'collector-failed');
    assert.equal(res.complete, false);
    assert.deepEqual(clamavFindings(res), []);
    assert.equal(clamavGapReasonZh(gap.reason), '未运行 ClamAV：既没有找到 clamd 套接字，也没有找到 clamscan（请安装 clamav）');
  });

  it('a signature directory without databases: clamscan fails, and its error is the gap', async () => {
    const res = (await scan({ root: clean.dir, sampleMs: 0, clamav: { databaseDir: emptyDb, clamdConfs: [] } })).result;
    const gap = res.gaps.find((g) => g.collector === 'clamav');
    assert.match(gap?.reason ?? '', /^ClamAV \(clamscan\) failed \(exit 2\): .*No supported database files found/);
    assert.equal(res.complete, false);
    assert.match(clamavGapReasonZh(gap?.reason ?? '') ?? '', /^ClamAV（clamscan）执行失败（退出码 2）：/);
  });

  it('clamscan out of its time budget: killed, a gap, the scan incomplete', async () => {
    const res = (await scan({ root: r.dir, sampleMs: 0, clamav: { databaseDir: db, clamdConfs: [], ms: 0 } })).result;
    const gap = res.gaps.find((g) => g.collector === 'clamav');
    assert.match(gap?.reason ?? '', /^ClamAV \(clamscan\) stopped at its time budget of 0 s: \d+ file\(s\) were not scanned by ClamAV$/);
    assert.equal(res.complete, false);
  });

  it('a clamd socket that does not answer, given by the user: a gap naming it', async () => {
    const res = (await scan({ root: clean.dir, sampleMs: 0, clamav: { clamdSocket: path.join(work, 'no.sock'), clamdConfs: [] } })).result;
    const gap = res.gaps.find((g) => g.collector === 'clamav');
    assert.match(gap?.reason ?? '', /^ClamAV not run: clamd at .*no\.sock did not answer \(connect ENOENT/);
    assert.equal(res.complete, false);
  });
});

describe('hostsweep scan --clamav (CLI)', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [scannerBundle(), 'scan', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });

  it('--clamav-db on an offline root: findings, exit 1', () => {
    const run = cli('--root', r.dir, '--clamav-db', db, '--json');
    assert.equal(run.status, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as ScanResult;
    assertPlanted(doc, 'clamscan');
  });

  it('a saved snapshot keeps the ClamAV verdicts: analyze reports them again', () => {
    const snap = path.join(work, 'facts.json');
    const run = cli('--root', r.dir, '--clamav-db', db, '--snapshot', snap, '--json');
    assert.equal(run.status, 1, run.stderr);
    const analyze = spawnSync(process.execPath, [scannerBundle(), 'analyze', snap, '--json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    assert.equal(analyze.status, 1, analyze.stderr);
    assertPlanted(JSON.parse(analyze.stdout) as ScanResult, 'clamscan');
  });

  it('ClamAV failing on a clean root: exit 3, the reason in the JSON gaps', () => {
    const run = cli('--root', clean.dir, '--clamav-db', emptyDb, '--json');
    assert.equal(run.status, 3, run.stderr);
    const doc = JSON.parse(run.stdout) as ScanResult;
    assert.ok(doc.gaps.some((g) => g.collector === 'clamav' && /clamscan\) failed/.test(g.reason)));
  });

  it('--clamav-db that is not a directory: a usage error in the user language, exit 2', () => {
    const en = cli('--root', clean.dir, '--clamav-db', path.join(work, 'missing'));
    assert.equal(en.status, 2);
    assert.match(en.stderr, /--clamav-db .*missing is not a directory/);
    const zh = cli('--root', clean.dir, '--clamav-db', path.join(work, 'missing'), '--lang', 'zh-CN');
    assert.equal(zh.status, 2);
    assert.match(zh.stderr, /不是目录/);
  });

  it('the flags are in --help', () => {
    const help = cli('--help').stdout;
    for (const flag of ['--clamav ', '--clamav-db <dir>', '--clamd-socket <path>', '--clamav-timeout <seconds>'])
      assert.ok(help.includes(flag), flag);
  });
});

describe('hostsweep scan --clamav on a live system (fresh namespaces, a private clamd)', () => {
  it('streams the content file set to clamd and reports the planted script', () => {
    const hex = Buffer.from(MARKER).toString('hex');
    // /mnt is a private tmpfs inside the namespace: the daemon's files are neither on the host nor in the scanned areas.
    const run = inNamespace(
      `mount -t tmpfs tmpfs /mnt
# The host's home and software directories are not this test's business: empty inside the namespace.
for d in /root /home /srv /opt /usr/local /var/www; do if [ -d $d ]; then mount -t tmpfs tmpfs $d; fi; done
mkdir /mnt/db
echo 'Unix.Trojan.HostsweepTest-1:0:*:${hex}' > /mnt/db/t.ndb
printf 'LocalSocket /mnt/clamd.sock\nDatabaseDirectory /mnt/db\nForeground yes\nLogFile /dev/null\nTemporaryDirectory /mnt\n' > /mnt/clamd.conf
/usr/sbin/clamd -c /mnt/clamd.conf &
# The socket file appears before clamd answers: wait for PONG.
cat > /mnt/ping.cjs <<'JS'
const net = require('node:net');
let tries = 0;
(function ping() {
  const c = net.createConnection('/mnt/clamd.sock');
  const retry = () => { c.destroy(); if (++tries > 600) process.exit(1); setTimeout(ping, 100); };
  c.on('connect', () => c.write('zPING\\0'));
  c.on('data', (d) => { if (String(d).includes('PONG')) process.exit(0); });
  c.on('error', retry);
})();
JS
${JSON.stringify(process.execPath)} /mnt/ping.cjs || echo 'clamd did not answer PING'
mkdir -p /tmp/.x
printf '#!/bin/sh\n# ${MARKER}\nsleep 1000\n' > /tmp/.x/run.sh
chmod 755 /tmp/.x/run.sh
${scanCmd()} --sample 0 --clamd-socket /mnt/clamd.sock --clamav-timeout 300 --json || echo "exit $?"`,
      { timeoutMs: 240_000 },
    );
    assert.match(run.stdout, /exit 1\n?$/, run.stderr.slice(0, 2000));
    const res = scanJson({ ...run, stdout: run.stdout.replace(/exit 1\n?$/, '') });
    const f = detections(res).find((x) => x.path === '/tmp/.x/run.sh');
    assert.ok(f, JSON.stringify(detections(res).map((x) => x.path)));
    assert.equal(f.severity, 'critical');
    assert.match(f.evidence.join('\n'), /\(clamd \/mnt\/clamd\.sock\)/);
  });
});

// ClamAV itself must be here (CI installs it): a missing clamscan would otherwise read as "gap" and pass.
assert.ok(fs.existsSync(CLAMSCAN) && fs.existsSync(CLAMD), 'ClamAV is not installed: apt-get install -y clamav clamav-daemon');
