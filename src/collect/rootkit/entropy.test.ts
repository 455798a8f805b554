import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { elfSummary, isElf, packerMagic, shannonEntropy } from './entropy';

describe('entropy and ELF helpers', () => {
  it('measures bits per byte', () => {
    assert.equal(shannonEntropy(Buffer.alloc(0)), 0);
    assert.equal(shannonEntropy(Buffer.alloc(4096, 0x90)), 0);
    assert.equal(shannonEntropy(Buffer.from([0, 1, 0, 1])), 1);
    assert.equal(shannonEntropy(Buffer.from(Array.from({ length: 256 * 16 }, (_, i) => i % 256))), 8);
    assert.ok(shannonEntropy(randomBytes(1 << 16)) > 7.99);
  });

  it('reads the section header count of 64-bit and 32-bit ELF headers, and refuses junk', () => {
    const h64 = Buffer.alloc(64);
    h64.write('\x7fELF', 0, 'latin1');
    h64[4] = 2;
    h64[5] = 1;
    h64.writeUInt16LE(31, 0x3c);
    assert.deepEqual(elfSummary(h64), { bits: 64, sectionHeaders: 31 });
    const h32 = Buffer.alloc(64);
    h32.write('\x7fELF', 0, 'latin1');
    h32[4] = 1;
    h32[5] = 2;
    h32.writeUInt16BE(0, 0x30);
    assert.deepEqual(elfSummary(h32), { bits: 32, sectionHeaders: 0 });
    assert.equal(elfSummary(Buffer.from('\x7fELF', 'latin1')), null);
    assert.equal(elfSummary(Buffer.from('#!/bin/sh\n'.repeat(10))), null);
    assert.equal(isElf(Buffer.from([0x7f, 0x45])), false);
  });

  it('finds packer signatures only near the start or the end', () => {
    const upxHead = Buffer.concat([Buffer.alloc(0xec), Buffer.from('UPX!'), Buffer.alloc(100_000)]);
    assert.equal(packerMagic(upxHead, ['UPX!']), 'UPX!');
    const middle = Buffer.concat([Buffer.alloc(50_000), Buffer.from('UPX!'), Buffer.alloc(50_000)]);
    assert.equal(packerMagic(middle, ['UPX!']), null, 'a string in the data section is not a packer header');
    const tail = Buffer.concat([Buffer.alloc(50_000), Buffer.from('UPX!'), Buffer.alloc(10)]);
    assert.equal(packerMagic(tail, ['UPX!']), 'UPX!');
  });
});
