import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { atJobFile, collectFrom } from '../../../test/helpers/persistence';
import atJobs, { atJobCommands } from './at-jobs';

describe('at job collector', () => {
  it("keeps only the queued commands, not at's environment preamble", () => {
    assert.deepEqual(atJobCommands(atJobFile('/sbin/reboot')), [{ line: 13, text: '/sbin/reboot' }]);
    assert.deepEqual(atJobCommands('#!/bin/sh\n# atrun uid=0 gid=0\numask 22\ncd /tmp || {\n echo x\n exit 1\n}\necho hi\n'), [
      { line: 8, text: 'echo hi' },
    ]);
  });

  it('reads Debian and RHEL spools and skips the sequence file', () => {
    const { facts, gaps } = collectFrom(
      (r) => {
        r.write('/var/spool/cron/atjobs/a0000301a2b3c4', atJobFile('/usr/bin/apt-get -y upgrade', 33, 'www-data'), { mode: 0o700 })
          .write('/var/spool/cron/atjobs/.SEQ', '3\n')
          .write('/var/spool/at/a0000101b00000', '#!/bin/sh\n# atrun uid=0 gid=0\ncd /root || {\n exit 1\n}\n/tmp/x\n', { mode: 0o700 })
          .mkdir('/var/spool/at/spool');
      },
      [atJobs],
    );
    assert.deepEqual(gaps, []);
    assert.deepEqual(
      facts.atJobs?.map((j) => [j.file.path, j.uid, j.user, j.commands.map((c) => c.text)]),
      [
        ['/var/spool/cron/atjobs/a0000301a2b3c4', 33, 'www-data', ['/usr/bin/apt-get -y upgrade']],
        ['/var/spool/at/a0000101b00000', 0, null, ['/tmp/x']],
      ],
    );
  });
});
