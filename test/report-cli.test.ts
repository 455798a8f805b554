import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { IncidentReport } from '../src/model/report';
import { findingRef } from '../src/respond/action';
import { Journal } from '../src/respond/journal';
import { plantBruteForceMiner } from './helpers/incidents';
import { scannerBundle } from './helpers/namespace';

// `hostsweep report` as users run it: from a fresh offline scan, from a saved scan document or
// snapshot, into a file that is never clobbered, with the actions journaled for the same target.

function hostsweep(args: string[]) {
  const r = spawnSync(process.execPath, [scannerBundle(), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hostsweep report', () => {
  const plant = plantBruteForceMiner();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-report-cli-'));
  const state = path.join(out, 'state');
  const now = ['--now', '2026-11-20T12:00:00Z'];
  after(() => {
    plant.root.remove();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('--from a saved scan document and snapshot gives the same entry point as a fresh scan', () => {
    const scanFile = path.join(out, 'scan.json');
    const snapFile = path.join(out, 'snap.json');
    const s = hostsweep(['scan', '--root', plant.root.dir, ...now, '-o', scanFile, '--snapshot', snapFile]);
    assert.equal(s.status, 1, s.stderr);
    const fresh = JSON.parse(
      hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'json', '--state', state]).stdout,
    ) as IncidentReport;
    const fromScan = JSON.parse(hostsweep(['report', '--from', scanFile, '--format', 'json', '--state', state]).stdout) as IncidentReport;
    const fromBoth = JSON.parse(
      hostsweep(['report', '--from', scanFile, '--snapshot', snapFile, '--format', 'json', '--state', state]).stdout,
    ) as IncidentReport;
    const fromSnap = JSON.parse(
      hostsweep(['report', '--from', snapFile, ...now, '--format', 'json', '--state', state]).stdout,
    ) as IncidentReport;
    for (const r of [fresh, fromBoth, fromSnap, fromScan]) {
      assert.equal(r.incidents[0].entryPoints[0]?.ip, plant.attacker);
      assert.equal(r.incidents[0].entryPoints[0]?.kind, 'ssh-bruteforce');
    }
    assert.equal(fromScan.factsAvailable, false);
    assert.equal(fromBoth.factsAvailable, true);
    assert.ok(
      fromBoth.timeline.some((e) => e.kind === 'auth.failed'),
      'the snapshot brings the log facts',
    );
    assert.ok(!fromScan.timeline.some((e) => e.kind === 'auth.failed'), 'a bare scan document has only finding times');
    // Recommendations: the whole audit when scanning, what the snapshot's facts answer from --from.
    assert.ok(fresh.recommendations.some((c) => c.id === 'firewall.default-policy'));
    assert.ok(fromSnap.recommendations.some((c) => c.id === 'sshd.permit-root-login'));
    assert.ok(fromSnap.recommendations.every((c) => c.id.startsWith('sshd.') || c.id.startsWith('accounts.')));
    assert.deepEqual(fromScan.recommendations, []);
  });

  it('-o writes a file, refuses to replace it without --force, and --force replaces it', () => {
    const file = path.join(out, 'report.html');
    assert.equal(hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'html', '-o', file, '--state', state]).status, 0);
    assert.match(fs.readFileSync(file, 'utf8'), /^<!DOCTYPE html>/);
    const again = hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'md', '-o', file, '--state', state]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /report\.html:? already exists; use --force/);
    assert.match(fs.readFileSync(file, 'utf8'), /^<!DOCTYPE html>/, 'untouched');
    assert.equal(
      hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'md', '-o', file, '--force', '--state', state]).status,
      0,
    );
    assert.match(fs.readFileSync(file, 'utf8'), /^# Incident report/);
  });

  it('exit 2 naming the file and key for input that is not a scan or snapshot', () => {
    const bad = path.join(out, 'bad.json');
    fs.writeFileSync(bad, '{"schema":"something/else"}');
    const r = hostsweep(['report', '--from', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.json: key "schema" is not hostsweep\/scan@1/);
    assert.equal(hostsweep(['report', '--from', bad, '--root', plant.root.dir]).status, 2, '--root and --from exclude each other');
    assert.equal(hostsweep(['report', '--root', plant.root.dir, '--format', 'pdf']).status, 2);
  });

  it('lists the actions journaled for this target and leaves answered findings out of "what remains"', () => {
    const before = JSON.parse(
      hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'json', '--state', state]).stdout,
    ) as IncidentReport;
    const miner = before.findings.find((f) => f.path === plant.dropper && f.severity === 'critical');
    assert.ok(miner && before.remaining.includes(miner.id));
    const j = Journal.create(state, { command: 'clean', target: { kind: 'root', root: fs.realpathSync(plant.root.dir) }, lang: 'en' });
    const action = {
      id: 'a1',
      kind: 'file.quarantine',
      summary: { en: `quarantine ${plant.dropper}`, 'zh-CN': `隔离 ${plant.dropper}` },
      answers: [findingRef(miner)],
      undoSummary: { en: 'restore it', 'zh-CN': '恢复' },
      data: {},
    };
    j.append('intent', action, { undo: {} });
    j.append('applied', action);
    j.close();
    const md = hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'md', '--state', state]).stdout;
    assert.match(md, /## Actions taken\n\n\| Time \(UTC\) \| Run \| Action \| Phase \|/);
    assert.match(md, /\| quarantine \/tmp\/\.x\/xmrig \| applied \|/);
    const after = JSON.parse(
      hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'json', '--state', state]).stdout,
    ) as IncidentReport;
    assert.ok(!after.remaining.includes(miner.id), 'the quarantined miner no longer remains');
    assert.equal(after.actions.length, 1);
    assert.doesNotMatch(
      hostsweep(['report', '--root', plant.root.dir, ...now, '--format', 'md', '--state', path.join(out, 'none')]).stdout,
      /## Actions taken/,
    );
  });
});
