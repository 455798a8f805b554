import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { scanCommand } from '../../cli/scan-command';
import { CLAMAV_HELP_ZH, clamavGapReasonZh } from '../../i18n/clamav-text';
import { parseVersion, readClamdConf } from './clamav';

describe('ClamAV plumbing', () => {
  it('reads LocalSocket and DatabaseDirectory from clamd.conf, ignoring comments', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-clamdconf-'));
    try {
      const file = path.join(dir, 'clamd.conf');
      fs.writeFileSync(file, '# LocalSocket /wrong.sock\nFoo bar\nLocalSocket /run/clamav/clamd.ctl\nDatabaseDirectory "/srv/sigs"\n');
      assert.deepEqual(readClamdConf(file), { socket: '/run/clamav/clamd.ctl', databaseDir: '/srv/sigs' });
      fs.writeFileSync(file, '#LocalSocket /run/clamav/clamd.ctl\nTCPSocket 3310\n');
      assert.deepEqual(readClamdConf(file), { socket: null, databaseDir: null });
      assert.equal(readClamdConf(path.join(dir, 'missing.conf')), null);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits ClamAV version lines into engine, database version and date', () => {
    assert.deepEqual(parseVersion('ClamAV 1.4.6/27473/Sun Nov 29 09:26:01 2026\n'), {
      version: 'ClamAV 1.4.6/27473/Sun Nov 29 09:26:01 2026',
      engineVersion: '1.4.6',
      databaseVersion: '27473',
      databaseDate: 'Sun Nov 29 09:26:01 2026',
    });
    assert.deepEqual(parseVersion('ClamAV 1.4.6\0'), {
      version: 'ClamAV 1.4.6',
      engineVersion: '1.4.6',
      databaseVersion: null,
      databaseDate: null,
    });
  });

  it('every ClamAV gap reason has Chinese wording without English words outside names', () => {
    const reasons = [
      'ClamAV (clamscan) stopped at its time budget of 600 s: 12 file(s) were not scanned by ClamAV',
      '3 file(s) not scanned by ClamAV (clamscan): file name contains a newline',
      '2 file(s) not scanned by ClamAV (clamscan): cannot access the file',
      '4 file(s) not scanned by ClamAV (clamd): INSTREAM size limit exceeded. ERROR',
      "1 file(s) not scanned by ClamAV (clamd): larger than clamd's StreamMaxLength (clamd.conf)",
      'ClamAV (clamscan) failed (exit 2): LibClamAV Error: cli_loaddbdir: No supported database files found in /var/lib/clamav',
      'ClamAV (clamscan) failed: spawn /usr/bin/clamscan EACCES',
      'ClamAV not run: signature directory /srv/sigs does not exist',
      'ClamAV not run: clamd at /run/clamav/clamd.ctl did not answer (connect ECONNREFUSED /run/clamav/clamd.ctl) and clamscan is not installed',
      'ClamAV not run: clamd at /run/clamav/clamd.ctl did not answer (connect ECONNREFUSED /run/clamav/clamd.ctl)',
      'ClamAV not run: neither a clamd socket nor clamscan was found (install clamav)',
    ];
    for (const r of reasons) {
      const zh = clamavGapReasonZh(r);
      assert.ok(zh, r);
      // Only the names of programs and what ClamAV itself printed stay in Latin letters.
      const words = zh
        .replace(/LibClamAV Error: .*|INSTREAM size limit exceeded\. ERROR|connect ECONNREFUSED \S+|spawn \S+ EACCES/g, '')
        .match(/[A-Za-z]+/g);
      assert.deepEqual(
        (words ?? []).filter(
          (w) => !['ClamAV', 'clamd', 'clamscan', 'clamav', 'run', 'srv', 'sigs', 'ctl', 'StreamMaxLength', 'conf'].includes(w),
        ),
        [],
        zh,
      );
    }
    assert.equal(clamavGapReasonZh('unreadable'), null);
  });

  it('every ClamAV flag of scan has Chinese help', () => {
    const options = scanCommand().options.filter((o) => /clam/.test(o.long ?? ''));
    assert.equal(options.length, 4);
    for (const o of options) assert.ok(CLAMAV_HELP_ZH[o.description], `${o.long}: ${o.description}`);
  });
});
