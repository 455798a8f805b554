import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectFrom, debianSysv, xorDdos } from '../../../test/helpers/persistence';
import initScripts, { parseInittab } from './sysv-init';

describe('SysV init collector', () => {
  it('parses inittab entries', () => {
    assert.deepEqual(parseInittab('id:2:initdefault:\n# c\n1:2345:respawn:/sbin/getty 38400 tty1\n'), [
      { line: 1, id: 'id', runlevels: '2', action: 'initdefault', process: '', text: 'id:2:initdefault:' },
      {
        line: 3,
        id: '1',
        runlevels: '2345',
        action: 'respawn',
        process: '/sbin/getty 38400 tty1',
        text: '1:2345:respawn:/sbin/getty 38400 tty1',
      },
    ]);
  });

  it('reads scripts, every rc link (RHEL layout through symlinked dirs), rc.local once, inittab', () => {
    const { facts, gaps } = collectFrom(
      (r) => {
        debianSysv(r);
        xorDdos(r);
        r.write('/etc/rc.d/rc.local', '#!/bin/sh\ntouch /var/lock/subsys/local\n/usr/local/bin/app start\n', { mode: 0o755 })
          .symlink('/etc/rc.local', 'rc.d/rc.local')
          .write('/etc/rc.d/rc3.d/S99local', '#!/bin/sh\n', { mode: 0o755 })
          .symlink('/etc/rc6.d', 'rc.d/rc3.d')
          .write('/etc/inittab', 'id:3:initdefault:\nx:2345:respawn:/tmp/.x/y\n');
      },
      [initScripts],
    );
    assert.deepEqual(gaps, []);
    const f = facts.initScripts;
    assert.ok(f);
    assert.deepEqual(f.scripts.map((s) => s.file.path).sort(), [
      '/etc/init.d/dbus',
      '/etc/init.d/hwclock.sh',
      '/etc/init.d/procps',
      '/etc/init.d/srstomucra',
    ]);
    const bot = f.scripts.find((s) => s.name === 'srstomucra');
    assert.deepEqual(
      bot?.commands.flatMap((c) => c.targets.map((t) => t.path)),
      ['/usr/bin/srstomucra', '/usr/bin/srstomucra'],
    );
    const s90 = f.links.filter((l) => l.name === 'srstomucra');
    assert.deepEqual(
      s90.map((l) => `${l.runlevel}:${l.action}${l.order}:${l.resolved}`),
      [
        '1:S90:/etc/init.d/srstomucra',
        '2:S90:/etc/init.d/srstomucra',
        '3:S90:/etc/init.d/srstomucra',
        '4:S90:/etc/init.d/srstomucra',
        '5:S90:/etc/init.d/srstomucra',
      ],
    );
    assert.ok(f.links.some((l) => l.path === '/etc/rc.d/rc3.d/S99local' && !l.isLink));
    assert.equal(f.links.filter((l) => l.path.startsWith('/etc/rc6.d/')).length, 0, 'rc6.d is the same directory as rc.d/rc3.d: read once');
    assert.deepEqual(
      f.rcLocal.map((r) => [r.file.path, r.commands.map((c) => c.text)]),
      [['/etc/rc.local', ['touch /var/lock/subsys/local', '/usr/local/bin/app start']]],
    );
    assert.deepEqual(
      f.inittab?.entries.map((e) => [e.action, e.targets.map((t) => t.path)]),
      [
        ['initdefault', []],
        ['respawn', ['/tmp/.x/y']],
      ],
    );
  });
});
