import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../rules/registry';
import { applyChanges, splitLines } from './actions/file-edit-lines';
import { evidenceLines, isEvidencePath, payloadTargets, ruleSelected } from './clean-plan';
import { REMEDIES, remedyFor } from './remedies';

describe('remedy table', () => {
  it('names only rules that exist, and every rule of this release', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    assert.deepEqual(
      Object.keys(REMEDIES).filter((k) => !ids.has(k)),
      [],
    );
    // A rule added later without an entry is left to the operator ("review"), never acted on blindly.
    assert.ok(Object.keys(REMEDIES).length >= 94);
  });

  it('never cleans log and history findings', () => {
    for (const r of RULES.filter((x) => x.meta.category.startsWith('log_') || x.meta.category === 'history'))
      if (r.meta.id !== 'logs/webshell-content') assert.equal(remedyFor(r.meta.id), 'evidence', r.meta.id);
    assert.equal(remedyFor('future/unknown-rule'), 'review');
  });

  it('tells evidence paths from the rest', () => {
    for (const p of ['/var/log/auth.log', '/root/.bash_history', '/home/x/.zsh_history', '/var/run/utmp', '/var/lib/lastlog'])
      assert.ok(isEvidencePath(p), p);
    for (const p of ['/etc/crontab', '/tmp/.x/xmrig', '/etc/logrotate.d/rsyslog', '/var/spool/cron/crontabs/root'])
      assert.ok(!isEvidencePath(p), p);
  });

  it('selects rules by id, family or everything', () => {
    assert.ok(ruleSelected('process/known-miner-name', ['process/*']));
    assert.ok(!ruleSelected('persistence/at-job', ['process/*']));
    assert.ok(ruleSelected('persistence/at-job', undefined));
    assert.ok(ruleSelected('persistence/at-job', ['*']));
    assert.ok(ruleSelected('persistence/at-job', ['persistence/at-job']));
  });
});

describe('evidence parsing', () => {
  const f = {
    rule: 'persistence/cron-download-exec',
    evidence: [
      '/etc/crontab:24: */5 * * * * root curl x | sh',
      'matched: curl-pipe-sh',
      '/etc/crontab.bak:3: other file',
      '/etc/crontab:7:',
    ],
  };
  it('reads "path:line: text" lines of the finding\'s own file only', () => {
    assert.deepEqual(evidenceLines(f as never, '/etc/crontab'), [
      { line: 24, text: '*/5 * * * * root curl x | sh' },
      { line: 7, text: '' },
    ]);
  });
  it("finds the payloads the rules judged the intruder's", () => {
    const g = {
      evidence: [
        '/etc/systemd/system/x.service:5: ExecStart=/usr/lib/.cache/kworkerd',
        '/usr/lib/.cache/kworkerd: inside hidden directory ".cache"',
        '/tmp/a: in a world-writable temporary directory',
        '/usr/sbin/x1y2: random-looking name, no package owns it (modified ?)',
        '/opt/app/run: no package owns it (modified ?)',
      ],
    };
    assert.deepEqual(payloadTargets(g as never), ['/usr/lib/.cache/kworkerd', '/tmp/a', '/usr/sbin/x1y2']);
  });
});

describe('line edits', () => {
  it('remove or replace exactly the named lines and keep every other byte', () => {
    const text = 'a\r\nb\n\nc x\nd';
    assert.deepEqual(splitLines(text), ['a\r\n', 'b\n', '\n', 'c x\n', 'd']);
    assert.equal(
      applyChanges(text, [
        { line: 2, text: 'b', with: null },
        { line: 4, text: 'c x', with: 'c' },
      ]),
      'a\r\n\nc\nd',
    );
    assert.equal(applyChanges(text, [{ line: 5, text: 'd', with: null }]), 'a\r\nb\n\nc x\n');
  });
  it('refuse a line that is not what the plan saw', () => {
    assert.throws(() => applyChanges('a\nb\n', [{ line: 2, text: 'x', with: null }]), /line 2 is not what the plan saw/);
    assert.throws(() => applyChanges('a\n', [{ line: 3, text: '', with: null }]), /line 3/);
  });
});
