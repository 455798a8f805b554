import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { FakeRoot } from '../../../test/helpers/fake-root';
import packages from '../packages';
import { RootHost } from '../../host/root-host';
import { checkIntegrity, parseDiversions } from './package-integrity';
import { builtinIntel } from '../../intel/intel';
import { collectContext } from '../../../test/helpers/collect-context';

const FILES = builtinIntel().files;

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('package integrity collector (dpkg md5sums)', () => {
  const roots: FakeRoot[] = [];
  after(() => roots.forEach((r) => r.remove()));

  it('reports replaced and missing target programs, ignores matching and non-target files', () => {
    const r = new FakeRoot();
    roots.push(r);
    r.write('/usr/bin/ps', 'trojaned ps')
      .write('/usr/bin/top', 'real top')
      .write('/usr/bin/vim', 'locally patched vim')
      .write('/usr/lib/x86_64-linux-gnu/libprocps.so.8.0.3', 'real libprocps')
      .write(
        '/var/lib/dpkg/info/procps.md5sums',
        [
          `${md5('real ps')}  usr/bin/ps`,
          `${md5('real top')}  usr/bin/top`,
          `${md5('real pgrep')}  usr/bin/pgrep`,
          `${md5('doc')}  usr/share/doc/procps/README`,
          '',
        ].join('\n'),
      )
      .write('/var/lib/dpkg/info/libprocps8:amd64.md5sums', `${md5('real libprocps')}  usr/lib/x86_64-linux-gnu/libprocps.so.8.0.3\n`)
      .write('/var/lib/dpkg/info/vim.md5sums', `${md5('vim')}  usr/bin/vim\n`)
      // Not one of the usual owners: found only because a packaged ifconfig was left unverified.
      .write('/usr/sbin/ifconfig', 'trojaned ifconfig')
      .write('/var/lib/dpkg/info/toolbox.md5sums', `${md5('real ifconfig')}  usr/sbin/ifconfig\n`);
    const gaps: string[] = [];
    const fact = checkIntegrity(new RootHost(r.dir), FILES, (p, why) => gaps.push(`${p}: ${why}`));
    assert.equal(fact.manager, 'dpkg');
    assert.equal(fact.checked, 5);
    assert.deepEqual(gaps, []);
    assert.deepEqual(
      fact.problems.map((p) => [p.path, p.package, p.status, p.actual]),
      [
        ['/usr/bin/ps', 'procps', 'mismatch', md5('trojaned ps')],
        ['/usr/bin/pgrep', 'procps', 'missing', null],
        ['/usr/sbin/ifconfig', 'toolbox', 'mismatch', md5('trojaned ifconfig')],
      ],
    );
    assert.equal(fact.problems[0].sha256, createHash('sha256').update('trojaned ps').digest('hex'));
  });

  it('follows dpkg diversions: the diverted package copy is checked at its new name', () => {
    const r = new FakeRoot();
    roots.push(r);
    // dash diverts /bin/sh; bash's own /bin/sh then lives at /bin/sh.distrib.
    r.write('/bin/sh', 'dash sh')
      .write('/bin/sh.distrib', 'bash sh, tampered')
      .write('/var/lib/dpkg/diversions', '/bin/sh\n/bin/sh.distrib\ndash\n')
      .write('/var/lib/dpkg/info/dash.md5sums', `${md5('dash sh')}  bin/sh\n`)
      .write('/var/lib/dpkg/info/bash.md5sums', `${md5('bash sh')}  bin/sh\n`);
    const fact = checkIntegrity(new RootHost(r.dir), FILES, () => {});
    assert.deepEqual(
      fact.problems.map((p) => [p.path, p.package, p.status, p.divertedTo]),
      [['/bin/sh.distrib', 'bash', 'mismatch', '/bin/sh.distrib']],
    );
  });

  it('an unreadable rpm database is a gap naming the file, not a clean check', () => {
    const r = new FakeRoot();
    roots.push(r);
    r.write('/var/lib/rpm/rpmdb.sqlite', 'x'.repeat(4096)).write('/var/lib/rpm/Packages', Buffer.alloc(8192, 0x41));
    const host = new RootHost(r.dir);
    assert.deepEqual(
      checkIntegrity(host, FILES, () => {}),
      { manager: null, checked: 0, problems: [], diversions: [] },
    );
    const gaps: string[] = [];
    const fact = packages.collect(collectContext(host, {}, (p, why) => gaps.push(`${p}: ${why}`)));
    assert.equal(fact.manager, null);
    assert.match(gaps.join('\n'), /\/var\/lib\/rpm\/rpmdb\.sqlite: .*not read as an rpm database/);
    assert.match(gaps.join('\n'), /\/var\/lib\/rpm\/Packages: not a Berkeley DB/);
  });

  it('parses the diversions file in triplets, tolerating a truncated tail', () => {
    const d = parseDiversions('/usr/bin/perf\n/usr/bin/perf.wrapper\nlinux-perf\n/bin/sh\n/bin/sh.distrib\n');
    assert.deepEqual([...d.entries()], [['/usr/bin/perf', { to: '/usr/bin/perf.wrapper', by: 'linux-perf' }]]);
  });

  it('keeps the first lines of a replacement that is a script, printable', () => {
    const r = new FakeRoot();
    roots.push(r);
    const script = `#!/bin/bash\n/usr/bin/.top "$@" | grep -v xmrig\necho "\u001b[2J"\n`;
    r.write('/usr/bin/top', script)
      .write('/usr/bin/ps', 'trojaned ps binary')
      .write('/var/lib/dpkg/info/procps.md5sums', `${md5('real top')}  usr/bin/top\n${md5('real ps')}  usr/bin/ps\n`);
    const fact = checkIntegrity(new RootHost(r.dir), builtinIntel().files, () => {});
    const top = fact.problems.find((p) => p.path === '/usr/bin/top');
    assert.deepEqual(top?.script, { lines: ['#!/bin/bash', '/usr/bin/.top "$@" | grep -v xmrig', 'echo "?[2J"'], total: 3 });
    assert.equal(fact.problems.find((p) => p.path === '/usr/bin/ps')?.script, undefined, 'a replaced binary has no lines to show');
  });
});
