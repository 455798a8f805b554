import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compressedScale } from './html';

describe('timeline axis', () => {
  it('shortens a months-long quiet stretch so the attack minutes stay readable', () => {
    const jan = Date.parse('2026-01-10T09:00:00Z');
    const attack = Date.parse('2026-11-18T03:00:00Z');
    const times = [jan, attack, attack + 60_000, attack + 120_000, attack + 300_000];
    const s = compressedScale(times, 0, 1000);
    assert.equal(s.x(jan), 0);
    assert.equal(s.x(attack + 300_000), 1000);
    // To scale, the 5 attack minutes would get a thousandth of a pixel.
    assert.ok(s.x(attack + 300_000) - s.x(attack) > 300, 'the attack minutes get a third of the width or more');
    assert.equal(s.breaks.length, 1, 'one broken stretch, marked');
    for (let i = 1; i < times.length; i++) assert.ok(s.x(times[i]) > s.x(times[i - 1]), 'order kept');
    assert.ok(Math.abs(s.t(s.x(attack + 60_000)) - (attack + 60_000)) < 1, 'axis labels invert the scale');
  });

  it('keeps an even spread to scale', () => {
    const s = compressedScale([0, 60_000, 120_000], 0, 100);
    assert.equal(s.x(60_000), 50);
    assert.deepEqual(s.breaks, []);
  });
});
