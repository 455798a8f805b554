import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyGap, gapImpact, rankGaps } from './gap';

describe('gap ranking', () => {
  it('reads the kind from the reasons collectors give today', () => {
    const kind = (reason: string, path?: string) => classifyGap({ collector: 'x', reason, path });
    assert.equal(kind('not available on an offline image (needs a running system)'), 'not-applicable');
    assert.equal(kind('exited during scan', '/proc/42'), 'vanished');
    assert.equal(kind('EACCES', '/proc/42/exe'), 'unreadable-process');
    assert.equal(kind('collector failed: s.replace is not a function'), 'collector-failed');
    assert.equal(kind('only the newest 64 MiB of 900 MiB read', '/var/log/auth.log'), 'cut');
    assert.equal(kind('file name is not valid UTF-8: not examined', '/tmp/x'), 'skipped');
    assert.equal(kind('EACCES', '/etc/shadow'), 'unreadable');
    assert.equal(kind('something nobody classified'), 'unreadable', 'unknown reasons are never cosmetic');
    assert.equal(classifyGap({ collector: 'x', reason: 'anything', kind: 'cut' }), 'cut');
  });

  it('only gone-away processes and offline-only facts are cosmetic', () => {
    assert.equal(gapImpact('vanished'), 'cosmetic');
    assert.equal(gapImpact('not-applicable'), 'cosmetic');
    for (const k of ['not-root', 'rule-crashed', 'collector-failed', 'unreadable-process', 'unreadable', 'skipped', 'cut'] as const)
      assert.equal(gapImpact(k), 'hides', k);
  });

  it('puts what can hide a compromise before cosmetic gaps, keeping order within a kind', () => {
    const ranked = rankGaps([
      { collector: 'processes', reason: 'not available on an offline image (needs a running system)' },
      { collector: 'processes', path: '/proc/7', reason: 'exited during scan' },
      { collector: 'cron', path: '/etc/cron.d/a', reason: 'only the first 16 KiB read' },
      { collector: 'analysis', reason: 'rule x crashed', kind: 'rule-crashed' },
      { collector: 'cron', path: '/etc/cron.d/b', reason: 'only the first 16 KiB read' },
    ]);
    assert.deepEqual(
      ranked.map((g) => `${g.kind} ${g.path ?? ''}`),
      ['rule-crashed ', 'cut /etc/cron.d/a', 'cut /etc/cron.d/b', 'not-applicable ', 'vanished /proc/7'],
    );
  });
});
