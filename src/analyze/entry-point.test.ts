import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Facts } from '../model/facts';
import type { ReportFinding } from '../model/report';
import { findEntryPoints } from './entry-point';
import { buildTimeline } from './timeline';

function finding(id: string, extra: Partial<ReportFinding>): ReportFinding {
  return {
    id,
    rule: 'files/known-malware-file',
    severity: 'critical',
    category: 'file_ioc',
    title: id,
    detail: '',
    action: '',
    evidence: [],
    attack: [],
    tactics: [],
    ...extra,
  };
}

const login = (time: string, attempts: number, user = 'root') =>
  ({
    users: {
      users: [
        { name: 'root', uid: 0, gid: 0, gecos: '', home: '/root', shell: '/bin/bash' },
        { name: 'toor', uid: 0, gid: 0, gecos: '', home: '/root', shell: '/bin/bash' },
      ],
      groups: [],
    },
    authLog: {
      files: [],
      timeZone: 'UTC',
      totalAttempts: attempts,
      targets: [],
      sources: [
        {
          ip: '203.0.113.9',
          attempts,
          failedPasswords: attempts,
          invalidUsers: 0,
          firstTime: '2026-11-18T01:00:00.000Z',
          lastTime: '2026-11-18T01:59:00.000Z',
          topUsers: [],
          distinctUsers: 1,
          examples: [],
        },
      ],
      accepted: [
        {
          time,
          user,
          ip: '203.0.113.9',
          method: 'password',
          path: '/var/log/auth.log',
          line: 'x',
          attemptsBefore: attempts,
          firstFailure: '2026-11-18T01:00:00.000Z',
          lastFailure: '2026-11-18T01:59:00.000Z',
        },
      ],
    },
  }) as unknown as Partial<Facts>;

describe('findEntryPoints', () => {
  const miner = finding('F-1', { path: '/tmp/xmrig', time: '2026-11-18T02:05:00.000Z' });

  it('a login after guessing, followed within minutes by a miner, is a high-confidence entry', () => {
    const [e] = findEntryPoints([miner], new Set(['F-1']), login('2026-11-18T02:00:00.000Z', 300), 'en');
    assert.equal(e.kind, 'ssh-bruteforce');
    assert.equal(e.confidence, 'high');
    assert.deepEqual(
      e.evidence.map((x) => x.basis),
      ['seen', 'seen', 'seen', 'inferred'],
    );
    assert.match(e.evidence[2].text, /^5 min later: \/tmp\/xmrig$/);
  });

  it('a login made after the miner was already there is not how they got in', () => {
    assert.deepEqual(findEntryPoints([miner], new Set(['F-1']), login('2026-11-18T05:00:00.000Z', 300), 'en'), []);
    // Linked by its address, it stays an alternative, ranked low.
    const linked = { ...miner, evidence: ['downloaded from http://203.0.113.9/xmrig'] };
    const [e] = findEntryPoints([linked], new Set(['F-1']), login('2026-11-18T05:00:00.000Z', 300), 'en');
    assert.equal(e.confidence, 'low');
    assert.ok(e.evidence.some((x) => /no attacker artefact is dated after this login/.test(x.text)));
  });

  it('few failures are not brute force, and nothing on the host means no entry point', () => {
    assert.deepEqual(findEntryPoints([miner], new Set(['F-1']), login('2026-11-18T02:00:00.000Z', 3), 'en'), []);
    assert.deepEqual(findEntryPoints([miner], new Set(['F-1']), undefined, 'en'), []);
  });

  it('without facts, the login finding stands in for the log lines', () => {
    const f = finding('F-2', {
      rule: 'logs/ssh-login-after-bruteforce',
      category: 'log_bruteforce',
      ip: '203.0.113.9',
      user: 'root',
      title: 'SSH login as root from 203.0.113.9 after 300 failed attempts',
      time: '2026-11-18T02:00:00.000Z',
    });
    const [e] = findEntryPoints([miner, f], new Set(['F-1', 'F-2']), undefined, 'zh-CN');
    assert.equal(e.ip, '203.0.113.9');
    assert.match(e.summary, /^来自 203\.0\.113\.9 的 SSH 密码爆破/);
    assert.equal(e.evidence[0].findings[0], 'F-2');
  });

  it('an extra UID-0 account is named as root-equivalent, and the login method is said in Chinese', () => {
    const facts = login('2026-11-18T02:00:00.000Z', 300, 'toor');
    const [zh] = findEntryPoints([miner], new Set(['F-1']), facts, 'zh-CN');
    assert.equal(zh.summary, '来自 203.0.113.9 的 SSH 密码爆破，随后以 toor（UID 0，等同 root） 身份通过密码登录成功');
    assert.ok(zh.evidence.every((e) => !/password/.test(e.text)));
    const [en] = findEntryPoints([miner], new Set(['F-1']), facts, 'en');
    assert.match(en.summary, /successful password login as toor \(UID 0, equivalent to root\)$/);
    const line = buildTimeline([miner], facts, 'zh-CN').find((e) => e.kind === 'auth.accepted');
    assert.equal(line?.summary, '203.0.113.9 在 300 次失败尝试后以 toor（UID 0，等同 root） 身份 SSH 登录成功（密码）');
  });
});
