import cronJobs from '../../collect/persistence/cron';
import { testRule } from '../../../test/helpers/rule-tester';
import { collectFrom, debianCron, OLD, ownPaths, RECENT } from '../../../test/helpers/persistence';
import rule from './cron-suspicious-target';

const cron = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [cronJobs]).facts;
const ROOT_TAB = '/var/spool/cron/crontabs/root';

testRule(rule, {
  valid: [
    { name: 'stock Debian cron: run-parts, e2scrub, sysstat, certbot, apt, dpkg, logrotate, man-db', facts: cron((r) => debianCron(r)) },
    {
      name: 'user crontab of packaged tools: tmp cleanup, rsync, a guarded optional script',
      facts: cron((r) =>
        ownPaths(debianCron(r), 'tools', ['/usr/bin/find', '/usr/bin/rsync']).write(
          ROOT_TAB,
          '# m h dom mon dow command\n0 3 * * * find /tmp -type f -mtime +7 -delete\n30 2 * * * /usr/bin/rsync -a /var/www/ /mnt/backup/www/ >/tmp/rsync.log 2>&1\n0 5 * * * [ -x /usr/local/bin/report.sh ] && /usr/local/bin/report.sh\n',
          { mtime: RECENT },
        ),
      ),
    },
    {
      name: 'existing unpackaged admin backup script in /usr/local (listed by cron-unowned-file instead)',
      facts: cron((r) =>
        debianCron(r)
          .write('/usr/local/bin/backup.sh', '#!/bin/sh\ntar czf /var/backups/etc.tgz /etc\n', { mtime: OLD })
          .write(ROOT_TAB, '15 2 * * * /usr/local/bin/backup.sh > /var/log/backup.log 2>&1\n', { mtime: OLD }),
      ),
    },
  ],
  invalid: [
    {
      name: 'edited package crontab runs an unpackaged /usr/local script: info',
      facts: cron((r) =>
        debianCron(r)
          .write('/usr/local/bin/backup.sh', '#!/bin/sh\n', { mtime: OLD })
          .write('/etc/crontab', '15 2 * * * root /usr/local/bin/backup.sh\n', { mtime: OLD }),
      ),
      expect: [{ severity: 'info', path: '/etc/crontab', user: 'root', title: /unpackaged program: \/usr\/local\/bin\/backup\.sh/ }],
    },
    {
      name: '@reboot of an unpackaged /opt program is raised to low',
      facts: cron((r) =>
        debianCron(r)
          .write('/opt/app/start.sh', '#!/bin/sh\n', { mtime: OLD })
          .write(ROOT_TAB, '@reboot /opt/app/start.sh\n', { mtime: OLD }),
      ),
      expect: [{ severity: 'low', path: ROOT_TAB, evidence: /@reboot \/opt\/app\/start\.sh/ }],
    },
    {
      name: 'payload in /var/tmp and a hidden directory, started from a user crontab',
      facts: cron((r) =>
        debianCron(r)
          .write('/var/tmp/.ICE-unix/upd', 'ELF', { mode: 0o755 })
          .write('/home/deploy/.cache/.x/kswap', 'ELF', { mode: 0o755 })
          .write(
            '/var/spool/cron/crontabs/deploy',
            '* * * * * cd /var/tmp/.ICE-unix && ./upd >/dev/null 2>&1\n*/5 * * * * nohup /home/deploy/.cache/.x/kswap &\n',
            { mtime: RECENT },
          ),
      ),
      expect: [
        {
          severity: 'high',
          path: '/var/spool/cron/crontabs/deploy',
          user: 'deploy',
          evidence: /\/var\/tmp\/\.ICE-unix\/upd: in a world-writable temporary directory/,
        },
        { severity: 'high', path: '/var/spool/cron/crontabs/deploy', user: 'deploy', evidence: /inside hidden directory "\.x"/ },
      ],
    },
    {
      name: 'XOR.DDoS: /etc/crontab edited to run /etc/cron.hourly/gcc.sh, which starts /lib/libudev.so.6',
      facts: cron((r) => {
        debianCron(r);
        ownPaths(r, 'coreutils', ['/bin/cp']);
        r.write('/etc/crontab', '17 * * * * root cd / && run-parts --report /etc/cron.hourly\n*/3 * * * * root /etc/cron.hourly/gcc.sh\n', {
          mtime: RECENT,
        })
          .write(
            '/etc/cron.hourly/gcc.sh',
            "#!/bin/sh\nPATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin:/usr/X11R6/bin\nfor i in `cat /proc/net/dev|grep :|awk -F: {'print $1'}`; do ifconfig $i up& done\ncp /lib/libudev.so /lib/libudev.so.6\n/lib/libudev.so.6\n",
            { mode: 0o755, mtime: RECENT },
          )
          .write('/lib/libudev.so', 'ELF', { mode: 0o755, mtime: RECENT })
          .write('/lib/libudev.so.6', 'ELF', { mode: 0o755, mtime: RECENT });
      }),
      expect: [
        {
          severity: 'high',
          path: '/etc/crontab',
          user: 'root',
          evidence: /\/etc\/cron\.hourly\/gcc\.sh: in a system directory but no package owns it/,
        },
        { severity: 'high', path: '/etc/cron.hourly/gcc.sh', user: 'root', evidence: /gcc\.sh:5: \/lib\/libudev\.so\.6/ },
      ],
    },
    {
      name: 'known miner name and a random-named bot binary',
      facts: cron((r) =>
        debianCron(r)
          .write('/usr/bin/kdevtmpfsi', 'ELF', { mode: 0o755, mtime: OLD })
          .write('/usr/bin/srstomucra', 'ELF', { mode: 0o755, mtime: OLD })
          .write('/etc/cron.d/sysupd', '*/2 * * * * root /usr/bin/kdevtmpfsi\n@reboot root /usr/bin/srstomucra\n', { mtime: OLD }),
      ),
      expect: [
        { severity: 'critical', path: '/etc/cron.d/sysupd', title: /known miner\/DDoS-bot file: \/usr\/bin\/kdevtmpfsi/ },
        { severity: 'high', path: '/etc/cron.d/sysupd', evidence: /srstomucra: random-looking name/ },
      ],
    },
    {
      name: 'job whose program was deleted',
      facts: cron((r) =>
        debianCron(r).write('/var/spool/cron/www-data', '*/5 * * * * /usr/local/share/.../x 2>/dev/null\n0 * * * * /opt/agent/run.sh\n', {
          mtime: OLD,
        }),
      ),
      expect: [
        { severity: 'high', path: '/var/spool/cron/www-data', user: 'www-data', evidence: /hidden directory "\.\.\."/ },
        { severity: 'medium', path: '/var/spool/cron/www-data', user: 'www-data', title: /does not exist: \/opt\/agent\/run\.sh/ },
      ],
    },
  ],
});
