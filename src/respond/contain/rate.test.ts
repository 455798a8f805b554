import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRate, parseRate } from './rate';

describe('parseRate', () => {
  it('reads bit rates the way tc writes them', () => {
    assert.equal(parseRate('10mbit'), 1_250_000);
    assert.equal(parseRate('500kbit'), 62_500);
    assert.equal(parseRate('1gbit'), 125_000_000);
    assert.equal(parseRate('10Mbps'), 1_250_000);
    assert.equal(parseRate('10Mb/s'), 1_250_000);
  });
  it('reads byte rates only with a capital B and /s', () => {
    assert.equal(parseRate('1MB/s'), 1_000_000);
    assert.equal(parseRate('2MiB/s'), 2 * 1024 * 1024);
    assert.equal(parseRate('1.5 MB/s'), 1_500_000);
  });
  it('refuses what it would have to guess, and absurd rates', () => {
    for (const bad of ['10', '10m', '10MB', 'fast', '', '-1mbit', '10 mbit extra', '0kbit', '1bit', '1000gbit', '1e3mbit']) {
      assert.equal(parseRate(bad), null, bad);
    }
  });
  it('describes a rate in bits and bytes', () => {
    assert.equal(describeRate(1_250_000), '10 Mbit/s (1250000 B/s)');
    assert.equal(describeRate(62_500), '500 kbit/s (62500 B/s)');
  });
});
