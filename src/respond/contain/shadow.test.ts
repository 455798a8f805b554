import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lockedFields, shadowFields, withFields } from './shadow';

const SHADOW = 'root:$6$r$hash:19000:0:99999:7:::\nmallory:$6$s$evil:19500:0:99999:7:::\nsys:*:19000:0:99999:7:::\n';

describe('shadow lock', () => {
  it('locks one user as passwd -l plus an expired account, leaving every other byte', () => {
    const before = shadowFields(SHADOW, 'mallory');
    assert.deepEqual(before, { password: '$6$s$evil', expire: '' });
    const locked = withFields(SHADOW, 'mallory', lockedFields(before as NonNullable<typeof before>));
    assert.equal(locked, 'root:$6$r$hash:19000:0:99999:7:::\nmallory:!$6$s$evil:19500:0:99999:7::1:\nsys:*:19000:0:99999:7:::\n');
    assert.equal(withFields(locked as string, 'mallory', before as NonNullable<typeof before>), SHADOW, 'undo restores byte for byte');
  });
  it('does not double-lock and refuses unknown users', () => {
    assert.deepEqual(lockedFields({ password: '!x', expire: '5' }), { password: '!x', expire: '1' });
    assert.equal(shadowFields(SHADOW, 'nobody'), null);
    assert.equal(withFields(SHADOW, 'mall', { password: '', expire: '' }), null);
  });
});
