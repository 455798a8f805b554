import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { reportSchemaJson } from '../scripts/gen-docs';
import { buildReport } from '../src/analyze/incident-report';
import type { IncidentReport } from '../src/model/report';
import { scan } from '../src/scan';
import type { FakeRoot } from './helpers/fake-root';
import { INCIDENT_NOW, plantBruteForceMiner, plantNoEntryEvidence, plantWebshell } from './helpers/incidents';

// Planted incidents, scanned offline and told as a story: the entry point must be the one that was
// planted, the timeline in order, and a host without entry evidence must get no invented entry.

const roots: FakeRoot[] = [];
after(() => {
  for (const r of roots) r.remove();
});

async function reportOf(root: FakeRoot, lang: 'en' | 'zh-CN' = 'en'): Promise<IncidentReport> {
  roots.push(root);
  const { result, snapshot } = await scan({ root: root.dir, now: INCIDENT_NOW });
  return buildReport({ result, snapshot, lang, generatedAt: INCIDENT_NOW });
}

const schema = JSON.parse(fs.readFileSync('docs/report.schema.json', 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function assertValid(report: IncidentReport) {
  const ok = validate(JSON.parse(JSON.stringify(report)));
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5)));
}

describe('incident report from planted incidents', () => {
  it('docs/report.schema.json is current (npm run docs)', () => {
    assert.equal(fs.readFileSync('docs/report.schema.json', 'utf8'), reportSchemaJson());
  });

  it('brute force, accepted login, miner: the entry point is that address, the timeline in order', async () => {
    const plant = plantBruteForceMiner();
    const report = await reportOf(plant.root);
    assertValid(report);
    const incident = report.incidents[0];
    assert.ok(incident, 'one incident');
    const entry = incident.entryPoints[0];
    assert.equal(entry.kind, 'ssh-bruteforce');
    assert.equal(entry.ip, plant.attacker);
    assert.equal(entry.user, 'root');
    assert.equal(entry.confidence, 'high');
    assert.equal(entry.time, plant.acceptedAt.toISOString());
    assert.match(entry.evidence[0].text, /^650 failed SSH logins from 203\.0\.113\.50/);
    assert.ok(entry.evidence.some((e) => e.text === `3 min later: ${plant.dropper}` && e.basis === 'seen'));
    assert.ok(!report.incidents.flatMap((i) => i.entryPoints).some((e) => e.ip === '192.0.2.10'), 'the honest key login is no entry');

    // brute force → accepted login → dropper → cron, in that order
    const kinds = incident.timeline.map((e) => e.kind);
    const idx = (k: string) => kinds.indexOf(k as never);
    assert.ok(idx('auth.failed') >= 0 && idx('auth.failed') < idx('auth.accepted'), kinds.join(' '));
    assert.ok(idx('auth.accepted') < idx('file.modified') && idx('file.modified') < idx('cron.written'), kinds.join(' '));
    // the account made after the login and the package installed with the dropper are on the line too
    const all = report.timeline.map((e) => `${e.kind} ${e.summary}`);
    const at = (re: RegExp) => all.findIndex((x) => re.test(x));
    assert.ok(at(/^auth\.accepted /) < at(/^account\.changed account change: useradd: new user: name=mysqld/), all.join('\n'));
    assert.ok(at(/^account\.changed /) < at(/^package\.changed package install masscan:amd64 2:1\.3\.2-1$/), all.join('\n'));
    const times = report.timeline.map((e) => Date.parse(e.time));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'report timeline sorted',
    );
    const dropped = incident.timeline.find((e) => e.path === plant.dropper);
    assert.equal(dropped?.time, plant.droppedAt.toISOString());
    assert.ok(dropped?.findings.length, 'the file event supports the malware finding');
    // the chain starts with initial access and has persistence
    assert.equal(incident.chain[0].tactic, 'initial-access');
    assert.ok(incident.chain.some((c) => c.tactic === 'persistence'));
    assert.match(report.summary.happened, /Most likely entry: SSH password guessing from 203\.0\.113\.50/);
  });

  it('webshell: the entry point is the webshell file and the address that requested it', async () => {
    const plant = plantWebshell();
    const report = await reportOf(plant.root);
    assertValid(report);
    const entry = report.incidents[0].entryPoints[0];
    assert.equal(entry.kind, 'webshell');
    assert.equal(entry.path, plant.shell);
    assert.equal(entry.ip, plant.attacker);
    assert.equal(entry.confidence, 'high');
    assert.ok(
      entry.evidence.some((e) => e.text.includes('appears in a shell history line of www-data') && e.text.includes(plant.attacker)),
      'the address in www-data history is part of the evidence',
    );
    const alternatives = report.incidents[0].entryPoints.slice(1);
    assert.ok(
      alternatives.every((a) => a.score < entry.score),
      'alternatives ranked below',
    );
  });

  it('no log, login record or web log: no invented entry point', async () => {
    const report = await reportOf(plantNoEntryEvidence());
    assertValid(report);
    assert.ok(report.incidents.length >= 1, 'the miner and cron job form an incident');
    for (const i of report.incidents) assert.deepEqual(i.entryPoints, []);
    assert.ok(!report.incidents[0].chain.some((c) => c.tactic === 'initial-access'), 'no initial access step without evidence');
    assert.match(report.summary.happened, /do not show how the attacker got in/);
  });

  it('zh-CN report text has no English words outside host data', async () => {
    const plant = plantBruteForceMiner();
    const report = await reportOf(plant.root, 'zh-CN');
    const entry = report.incidents[0].entryPoints[0];
    assert.match(entry.summary, /^来自 203\.0\.113\.50 的 SSH 密码爆破/);
    const stripped = report.summary.happened.replace(/fixture-host|203\.0\.113\.50|SSH|root|password/g, '');
    assert.doesNotMatch(stripped, /[A-Za-z]{3,}/, stripped);
  });
});
