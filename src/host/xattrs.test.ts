import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeName, fsPath } from './byte-names';
import { loadLibc } from './libc';
import { readXattrs, removeXattr, writeTimesNs, writeXattr } from './xattrs';

describe('extended attributes and nanosecond times through the C library', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-xattr-'));
  // A dropper named with bytes that are not UTF-8: its attributes must be reachable by that name.
  const odd = decodeName(Buffer.concat([Buffer.from(`${dir}/drop-`), Buffer.from([0xff, 0xfe])]));
  const link = path.join(dir, 'link');
  before(async () => {
    await loadLibc();
    fs.writeFileSync(fsPath(odd), 'payload');
    fs.symlinkSync(fsPath(odd) as string, link);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sets, lists and removes user attributes on a name that is not UTF-8', (t) => {
    try {
      writeXattr(odd, 'user.origin', Buffer.from([0, 1, 0xff]));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EOPNOTSUPP' || (e as NodeJS.ErrnoException).code === 'ENOTSUP') {
        t.skip(`the temporary directory keeps no user attributes: ${(e as Error).message}`);
        return;
      }
      throw e;
    }
    assert.deepEqual(readXattrs(odd), { 'user.origin': Buffer.from([0, 1, 0xff]) });
    // The link itself is asked, not its target.
    assert.deepEqual(readXattrs(link), {});
    removeXattr(odd, 'user.origin');
    assert.deepEqual(readXattrs(odd), {});
    assert.throws(() => removeXattr(odd, 'user.origin'), { code: 'ENODATA' });
  });

  it('sets times to the nanosecond, before 1970 too, and on a link itself, not its target', () => {
    writeTimesNs(odd, 1_700_000_000_123_456_789n, 1_600_000_000_987_654_321n);
    let st = fs.statSync(fsPath(odd), { bigint: true });
    assert.equal(st.atimeNs, 1_700_000_000_123_456_789n);
    assert.equal(st.mtimeNs, 1_600_000_000_987_654_321n);
    writeTimesNs(odd, -1_000_000_005n, -86_400_000_000_001n);
    st = fs.statSync(fsPath(odd), { bigint: true });
    assert.equal(st.mtimeNs, -86_400_000_000_001n);
    assert.equal(st.atimeNs, -1_000_000_005n);
    writeTimesNs(link, 5_000_000_000n, 6_000_000_007n);
    assert.equal(fs.lstatSync(link, { bigint: true }).mtimeNs, 6_000_000_007n);
    assert.equal(fs.statSync(fsPath(odd), { bigint: true }).mtimeNs, -86_400_000_000_001n);
  });
});
