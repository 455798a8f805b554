import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../model/finding';
import { fakeSnapshot } from '../../test/helpers/snapshot';
import { judgeLockedFiles } from './locked-files';

const finding = (rule: string, severity: Finding['severity'], path: string): Finding => ({
  rule,
  severity,
  category: 'file_ioc',
  title: `${rule} ${path}`,
  detail: '',
  action: '',
  evidence: [],
  attack: [],
  path,
});
const lock = (path: string) => ({ path, kind: 'file' as const, flags: '----i---------e-------', immutable: true, appendOnly: false });

describe('locks judged with the other findings on the same file', () => {
  const snapshot = fakeSnapshot({
    fileAttributes: { checked: 10, protected: [lock('/root/.cache/.x/kswapd'), lock('/etc/passwd'), lock('/etc/shadow')] },
  });

  it('a locked foothold carries the lock in its evidence and a medium one becomes high', () => {
    const dropped = finding('files/dropped-executable', 'medium', '/root/.cache/.x/kswapd');
    const lockNote = finding('files/immutable-attribute', 'high', '/root/.cache/.x/kswapd');
    const unrelated = finding('files/dropped-executable', 'medium', '/root/.cache/.y/other');
    judgeLockedFiles([dropped, lockNote, unrelated], snapshot, 'en');
    assert.equal(dropped.severity, 'high');
    assert.match(dropped.evidence.join('\n'), /immutable: removal will fail until chattr -i/);
    assert.equal(unrelated.severity, 'medium');
    assert.deepEqual(unrelated.evidence, []);
  });

  it('a hardening lock stays low alone and becomes medium when another finding names the same file', () => {
    const passwd = finding('files/immutable-attribute', 'low', '/etc/passwd');
    const shadow = finding('files/immutable-attribute', 'low', '/etc/shadow');
    const rogue = finding('accounts/uid-zero', 'critical', '/etc/passwd');
    judgeLockedFiles([passwd, shadow, rogue], snapshot, 'zh-CN');
    assert.equal(passwd.severity, 'medium');
    assert.match(passwd.evidence.join('\n'), /同一文件也出现在以下发现中：accounts\/uid-zero/);
    assert.equal(shadow.severity, 'low');
    assert.equal(rogue.severity, 'critical');
    assert.match(rogue.evidence.join('\n'), /不可修改/);
  });
});
