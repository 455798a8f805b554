import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pkg from '../package.json';
import { JsonShape, jsonShape, readSnapshot } from '../src/analyze/read-snapshot';
import { builtinIntel, checkBuiltinIntel } from '../src/intel/intel';
import { InputError } from '../src/model/input-error';
import { FakeRoot } from './helpers/fake-root';
import { scannerBundle } from './helpers/namespace';

// Every input is checked and every typo is an error (exit 2) naming the file, entry and key.

function hostsweep(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [scannerBundle(), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('checked inputs', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-input-'));
  const root = new FakeRoot().base().write('/etc/hosts', '127.0.0.1 localhost\n45.9.148.21 pool.supportxmr.com\n');
  const file = (name: string, text: string) => {
    const p = path.join(work, name);
    fs.writeFileSync(p, text);
    return p;
  };
  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
    root.remove();
  });

  it('a typo in an allow entry is an error naming file, entry and key, not a rule family silently allowed', () => {
    const allow = file('typo.yaml', '- rule: network/*\n  pth: /etc/hosts\n');
    const r = hostsweep(['scan', '--root', root.dir, '--allow', allow]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /typo\.yaml: entry 1, key "pth": unknown key/);
    assert.equal(r.stdout, '', 'refused before scanning');
    assert.match(
      hostsweep(['scan', '--root', root.dir, '--allow', allow, '--lang', 'zh-CN']).stderr,
      /typo\.yaml：第 1 项，键 "pth"：未知的键/,
    );
  });

  it('an allow entry must name a field besides "rule", unless it says all: true', () => {
    const wide = file('wide.yaml', '- rule: network/pool-domain\n  reason: lab\n');
    const r = hostsweep(['scan', '--root', root.dir, '--allow', wide]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /wide\.yaml: entry 1: names no path, user, name or ip besides "rule"/);
    const all = file('all.yaml', 'allow:\n  - rule: network/pool-domain\n    all: true\n    reason: lab\n');
    const ok = hostsweep(['scan', '--root', root.dir, '--allow', all, '--json']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).stats.suppressed, 1);
  });

  it('an allow entry naming no known rule, or a wrong type, is an error', () => {
    const unknown = file('unknown.yaml', '- rule: network/pool-domian\n  path: /etc/hosts\n- rule: 42\n  path: /x\n');
    const r = hostsweep(['scan', '--root', root.dir, '--allow', unknown]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown\.yaml: entry 2, key "rule": Invalid input: expected string, received number/);
    const unknownOnly = file('unknown2.yaml', '- rule: network/pool-domian\n  path: /etc/hosts\n');
    assert.match(
      hostsweep(['scan', '--root', root.dir, '--allow', unknownOnly]).stderr,
      /unknown2\.yaml: entry 1, key "rule": no rule matches "network\/pool-domian"/,
    );
  });

  it('intel files: wrong types, unknown sections and severities are errors naming the key', () => {
    const lots = file('lots.yaml', 'thresholds:\n  highCpuPercent: lots\n');
    const r = hostsweep(['scan', '--root', root.dir, '--intel', lots]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /lots\.yaml: thresholds, key "highCpuPercent": Invalid input: expected number, received string/);
    assert.doesNotMatch(r.stderr, /is not a function/);
    const dotted = file('dotted.yaml', 'miners.json:\n  processNames: [x]\n');
    assert.match(hostsweep(['scan', '--root', root.dir, '--intel', dotted]).stderr, /dotted\.yaml: key "miners\.json": unknown key/);
    const sev = file(
      'sev.yaml',
      'commands:\n  patterns:\n    - id: mine\n      severity: severe\n      pattern: "curl.*sh"\n      description: d\n',
    );
    assert.match(
      hostsweep(['scan', '--root', root.dir, '--intel', sev]).stderr,
      /sev\.yaml: commands\.patterns, entry 1, key "severity": Invalid option/,
    );
    const typo = file('typo-intel.yaml', 'pools:\n  domian: [evil.example]\n');
    assert.match(hostsweep(['scan', '--root', root.dir, '--intel', typo]).stderr, /pools, key "domian": unknown key/);
    const good = file('good-intel.yaml', 'pools:\n  domains: [evil.example]\nthresholds:\n  highCpuPercent: 150\n');
    assert.equal(hostsweep(['scan', '--root', root.dir, '--intel', good, '--fail-on', 'critical']).status, 0);
  });

  it('the built-in indicator files match their schema, and are what the rules get', () => {
    const checked = checkBuiltinIntel();
    assert.deepEqual(builtinIntel(), checked);
    assert.ok(checked.pools.domains.length > 0);
  });

  it('--now and --since take ISO 8601 only, and --since may not be after --now', () => {
    const one = hostsweep(['scan', '--root', root.dir, '--now', '1']);
    assert.equal(one.status, 2);
    assert.match(one.stderr, /'--now <iso-date>' argument '1' is invalid\. expected an ISO 8601 date/);
    assert.equal(hostsweep(['scan', '--root', root.dir, '--since', '2026-02-30']).status, 2);
    const after = hostsweep(['scan', '--root', root.dir, '--now', '2026-11-20T08:00Z', '--since', '2026-11-21']);
    assert.equal(after.status, 2);
    assert.match(after.stderr, /--since 2026-11-21T00:00:00\.000Z is after --now 2026-11-20T08:00:00\.000Z/);
    assert.equal(
      hostsweep(['scan', '--root', root.dir, '--now', '2026-11-20T08:00Z', '--since', '2026-11-13', '--fail-on', 'critical']).status,
      0,
    );
  });

  it('an empty LC_ALL does not override LANG', () => {
    assert.match(hostsweep(['scan', '--root', root.dir], { LC_ALL: '', LANG: 'zh_CN.UTF-8' }).stdout, /处置/);
  });

  it('a snapshot records the tool and its version, and analyze reads it back', () => {
    const snap = path.join(work, 'snap.json');
    assert.equal(hostsweep(['scan', '--root', root.dir, '--snapshot', snap, '--fail-on', 'critical']).status, 0);
    const doc = JSON.parse(fs.readFileSync(snap, 'utf8'));
    assert.deepEqual(doc.tool, { name: 'hostsweep', version: pkg.version });
    assert.equal(doc.schema, 'hostsweep/snapshot@1');
    assert.equal(hostsweep(['analyze', snap]).status, 1, 'the pool domain is found again');
    doc.facts.etcHostz = [];
    doc.target.kind = 'vm';
    fs.writeFileSync(snap, JSON.stringify(doc));
    const bad = hostsweep(['analyze', snap]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /snap\.json: target, key "kind": Invalid option/);
    assert.match(bad.stderr, /snap\.json: facts, key "etcHostz": unknown key/);
  });

  it('analyze refuses a 200 MB nested array with a clear error instead of running out of memory', () => {
    const nested = path.join(work, 'nested.json');
    const fd = fs.openSync(nested, 'w');
    const half = 100 * 1024 * 1024;
    fs.writeSync(fd, Buffer.alloc(half, '['));
    fs.writeSync(fd, Buffer.alloc(half, ']'));
    fs.closeSync(fd);
    const r = hostsweep(['analyze', nested]);
    fs.rmSync(nested);
    assert.equal(r.signal, null);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /nested\.json: nested deeper than 64 levels; not analysed/);
  });

  it('analyze refuses a snapshot above the size limit before reading it', () => {
    const big = path.join(work, 'big.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 300 * 1024 * 1024); // sparse: no disk used
    const r = hostsweep(['analyze', big]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /big\.json: 314572800 bytes, more than the 268435456 a snapshot may have/);
  });

  it('the shape check counts containers outside strings only', () => {
    const limits = { maxDepth: 3, maxContainers: 4 };
    assert.equal(jsonShape(Buffer.from('{"a":"[[[[[[","b":[1,[2]]}'), limits), null);
    assert.equal(jsonShape(Buffer.from('[[[[1]]]]'), limits), 'depth');
    assert.equal(jsonShape(Buffer.from('[[],[],[],[]]'), limits), 'containers');
    assert.equal(jsonShape(Buffer.from('["\\"[[[[["]'), limits), null, 'an escaped quote does not end the string');
    const chunked = new JsonShape(limits);
    assert.equal(chunked.feed(Buffer.from('["a\\')), null);
    assert.equal(chunked.feed(Buffer.from('"[[[[[" ]')), null, 'an escape split across chunks still escapes');
    const deep = path.join(work, 'deep.json');
    fs.writeFileSync(deep, '[[[[[]]]]]');
    assert.throws(() => readSnapshot(deep, { maxBytes: 1000, ...limits }), InputError);
  });
});
