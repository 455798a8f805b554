import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseStat } from '../src/collect/proc-parse';
import { readProcess } from '../src/collect/processes';
import { LocalHost } from '../src/host/local-host';
import { safeText } from '../src/report/sanitize';
import { compileC, inNamespace, REPO, scanCmd, scanJson, scannerBundle } from './helpers/namespace';
import { NEEDS_ROOT } from './helpers/privilege';

// Attackers choose process names, command lines and file names. None of it may crash the scan
// or reach the analyst's terminal as live escape sequences.

let standin = '';

describe('hostile input', () => {
  before(() => {
    if (NEEDS_ROOT) return;
    standin = compileC('standin', fs.readFileSync(path.join(REPO, 'test/fixtures/c/standin.c'), 'utf8'), ['-pthread']);
  });

  it('escape sequences, invalid UTF-8 and bidi overrides in names never reach the terminal raw', { skip: NEEDS_ROOT }, () => {
    const run = inNamespace(`
      evil=$(printf '/tmp/x\\033]0;pwned\\007\\033[2J\\xff\\xfe\\u202e')
      cp ${standin} "$evil"
      "$evil" sleep "$(printf 'arg\\033[31mred\\x9b')" & echo EVIL=$!
      sleep 0.2
      ${scanCmd()} --sample 0 --min-severity info || true`);
    assert.match(run.stdout, /hostsweep scan of/);
    assert.equal(run.stdout.includes('\x1b'), false, 'raw ESC reached the terminal');
    assert.equal(run.stdout.includes('\x07'), false, 'raw BEL reached the terminal');
    assert.equal(run.stdout.includes('\u202e'), false, 'raw bidi override reached the terminal');
    assert.equal(/[\x80-\x9f]/.test(run.stdout), false, 'raw C1 control reached the terminal');
    assert.match(run.stdout, /\\x1b\]0;pwned\\x07/, 'the name is shown, escaped');
  });

  it('the JSON document keeps such names exactly (escaped by JSON, not lost)', { skip: NEEDS_ROOT }, () => {
    const run = inNamespace(`
      cp ${standin} "$(printf '/tmp/a\\033[2Jb')"
      "$(printf '/tmp/a\\033[2Jb')" sleep & sleep 0.2
      ${scanCmd()} --json --sample 0 || true`);
    const r = scanJson(run);
    const f = r.findings.find((x) => x.rule === 'process/exe-in-temp-dir');
    assert.equal(f?.path, '/tmp/a\x1b[2Jb');
  });

  it('an unprivileged scan records unreadable /proc entries as gaps and still finishes', { skip: NEEDS_ROOT }, () => {
    // The checkout may sit in a directory only root can read: give the unprivileged scanner its own copy.
    const run = inNamespace(`${standin} sleep &
      cp ${scannerBundle()} /tmp/hostsweep.cjs && chmod 644 /tmp/hostsweep.cjs
      setpriv --reuid=65534 --regid=65534 --clear-groups ${JSON.stringify(process.execPath)} /tmp/hostsweep.cjs scan --json --sample 0.2 || true`);
    const r = scanJson(run);
    assert.ok(
      r.gaps.some((g) => g.collector === 'processes' && /EACCES|EPERM/.test(g.reason)),
      JSON.stringify(r.gaps.slice(0, 5)),
    );
    assert.ok((r.stats.processes ?? 0) >= 2);
  });

  it('a process that exits between listing and reading becomes a gap, not a crash', async () => {
    const child = spawn('true');
    const pid = child.pid as number;
    await new Promise((resolve) => child.on('exit', resolve));
    const gaps: string[] = [];
    const p = readProcess(new LocalHost(), pid, null, (where, reason) => gaps.push(`${where}: ${reason}`));
    assert.equal(p, null);
    assert.deepEqual(gaps, [`/proc/${pid}: exited during scan`]);
  });

  it('a busy system with short-lived processes scans without errors', { skip: NEEDS_ROOT }, () => {
    const run = inNamespace(`for i in 1 2 3; do (while true; do /bin/true; done) & done
      ${scanCmd()} --json --sample 0.5 || true`);
    const r = scanJson(run);
    assert.deepEqual(r.stats.ruleErrors, []);
    assert.ok((r.stats.processes ?? 0) >= 4);
  });

  it('parseStat survives ") (" and spaces inside the process name', () => {
    const s = parseStat('42 (a) (b c) S 1 42 42 0 -1 4194304 1 0 0 0 7 3 0 0 20 0 1 0 100 1000 50 18446744073709551615');
    assert.equal(s?.comm, 'a) (b c');
    assert.equal(s?.ppid, 1);
    assert.equal(s?.utime, 7);
    assert.equal(parseStat('garbage'), null);
  });

  it('safeText escapes C0, C1, DEL and bidi controls and keeps CJK text', () => {
    assert.equal(safeText('挖矿\x1b[2J\x07\x7f\u009b\u202eok'), '挖矿\\x1b[2J\\x07\\x7f\\x9b\\u{202e}ok');
  });
});
