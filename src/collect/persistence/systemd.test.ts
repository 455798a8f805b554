import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminSystemd, collectFrom, debianSystemd } from '../../../test/helpers/persistence';
import systemdUnits, { execCommand, parseUnit } from './systemd';

describe('systemd collector', () => {
  it('parses sections, continuations and Exec prefixes', () => {
    const d = parseUnit('[Service]\n; comment\n# comment\nExecStart=/opt/a \\\n  --flag\nUser=x\n');
    assert.deepEqual(d, [
      { section: 'Service', key: 'ExecStart', value: '/opt/a    --flag', line: 4 },
      { section: 'Service', key: 'User', value: 'x', line: 6 },
    ]);
    assert.equal(execCommand('-!!/lib/systemd/x --y'), '/lib/systemd/x --y');
    assert.equal(execCommand('@/usr/bin/foo foo-name'), '/usr/bin/foo foo-name');
  });

  it('collects units, drop-ins, user units and enablement links; aliases and masks are not units', () => {
    const { facts, gaps } = collectFrom(
      (r) => {
        debianSystemd(r);
        adminSystemd(r);
        r.symlink('/usr/lib', 'lib-real-not-used'); // a dangling /usr/lib must not break the walk
      },
      [systemdUnits],
    );
    assert.deepEqual(gaps, []);
    const sd = facts.systemdUnits;
    assert.ok(sd);
    const units = sd.units.map((u) => `${u.scope}:${u.kind}:${u.file.path}`).sort();
    assert.deepEqual(units, [
      'system:drop-in:/etc/systemd/system/docker.service.d/override.conf',
      'system:unit:/etc/systemd/system/node_exporter.service',
      'system:unit:/lib/systemd/system/certbot.service',
      'system:unit:/lib/systemd/system/certbot.timer',
      'system:unit:/lib/systemd/system/docker.service',
      'system:unit:/lib/systemd/system/getty@.service',
      'system:unit:/lib/systemd/system/ssh.service',
      'system:unit:/lib/systemd/system/systemd-timesyncd.service',
      'user:unit:/home/bob/.config/systemd/user/backup.service',
      'user:unit:/home/bob/.config/systemd/user/backup.timer',
    ]);
    const ssh = sd.units.find((u) => u.name === 'ssh.service');
    assert.deepEqual(
      ssh?.execs.map((e) => [e.key, e.line, e.targets.map((t) => t.path)]),
      [
        ['ExecStartPre', 9, ['/usr/sbin/sshd']],
        ['ExecStart', 10, ['/usr/sbin/sshd']],
        ['ExecReload', 11, ['/usr/sbin/sshd']],
        ['ExecReload', 12, ['/bin/kill']],
      ],
    );
    const ne = sd.units.find((u) => u.name === 'node_exporter.service');
    assert.equal(ne?.runAs, 'node_exporter');
    assert.equal(ne?.execs[0].command, '/opt/node_exporter/node_exporter      --web.listen-address=:9100      --collector.systemd');
    const dropIn = sd.units.find((u) => u.kind === 'drop-in');
    assert.equal(dropIn?.name, 'docker.service');
    assert.deepEqual(
      dropIn?.execs.map((e) => e.command),
      ['/usr/bin/dockerd -H fd:// -H tcp://127.0.0.1:2375'],
    );
    const timer = sd.units.find((u) => u.name === 'backup.timer');
    assert.equal(timer?.user, 'bob');
    assert.equal(timer?.triggers, 'backup.service');
    assert.deepEqual(timer?.schedule, ['OnCalendar=daily']);
    assert.deepEqual(sd.links.map((l) => `${l.scope}:${l.unit}:${l.resolved}`).sort(), [
      'system:certbot.timer:/lib/systemd/system/certbot.timer',
      'system:docker.service:/lib/systemd/system/docker.service',
      'system:getty@tty1.service:/lib/systemd/system/getty@.service',
      'system:node_exporter.service:/etc/systemd/system/node_exporter.service',
      'system:ssh.service:/lib/systemd/system/ssh.service',
      'user:backup.timer:/home/bob/.config/systemd/user/backup.timer',
    ]);
    assert.deepEqual(
      sd.generators.map((g) => [g.file.path, g.binary]),
      [['/lib/systemd/system-generators/systemd-fstab-generator', false]],
    );
  });
});
