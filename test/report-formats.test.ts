import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderEcs } from '../src/report/ecs';
import { csvCell } from '../src/report/escape';
import { renderIoc } from '../src/report/ioc';
import { renderMarkdown } from '../src/report/markdown';
import { renderTimesketch, TIMESKETCH_COLUMNS } from '../src/report/timesketch';
import type { IncidentReport } from '../src/model/report';
import { type BruteForcePlant, inertElf, plantBruteForceMiner } from './helpers/incidents';
import { fixedReport } from './helpers/report-fixture';
import { createHash } from 'node:crypto';

// The report formats of one fixed incident (brute force, login, miner, cron job): golden Markdown
// in both languages, ECS NDJSON and Timesketch CSV field by field, the indicator list.
// UPDATE_GOLDEN=1 rewrites the golden files after an intended change; review the diff.

const GOLDEN = path.join(import.meta.dirname, 'fixtures', 'report');

function golden(name: string, actual: string) {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs (UPDATE_GOLDEN=1 to accept)`);
}

/** RFC 4180 reader, just enough for our own output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('report formats of a fixed incident', () => {
  let plant: BruteForcePlant;
  let en: IncidentReport;
  let zh: IncidentReport;
  before(async () => {
    plant = plantBruteForceMiner();
    en = await fixedReport(plant.root, 'en');
    zh = await fixedReport(plant.root, 'zh-CN');
  });
  after(() => plant.root.remove());

  it('golden Markdown, English and Chinese', () => {
    golden('bruteforce-miner.en.md', renderMarkdown(en));
    golden('bruteforce-miner.zh-CN.md', renderMarkdown(zh));
  });

  it('ECS NDJSON: one alert per finding and one event per timeline entry, with ECS fields', () => {
    const lines = renderEcs(en).trimEnd().split('\n');
    assert.equal(lines.length, en.findings.length + en.timeline.length);
    const docs = lines.map((l) => JSON.parse(l));
    for (const d of docs) {
      assert.ok(!Number.isNaN(Date.parse(d['@timestamp'])), '@timestamp');
      assert.equal(d.host.name, 'fixture-host');
      assert.ok(['alert', 'event'].includes(d.event.kind));
      assert.equal(d.event.module, 'hostsweep');
    }
    const login = docs.find((d) => d.event.kind === 'alert' && d.rule.id === 'logs/ssh-login-after-bruteforce');
    assert.equal(login['@timestamp'], plant.acceptedAt.toISOString());
    assert.equal(login.source.ip, plant.attacker);
    assert.equal(login.user.name, 'root');
    assert.equal(login.event.severity, 99);
    assert.deepEqual(login.threat.technique.id, ['T1110.001', 'T1078']);
    assert.deepEqual(login.threat.technique.name, ['Password Guessing', 'Valid Accounts']);
    assert.equal(login.labels.incident_id, 'I-1');
    const accepted = docs.find((d) => d.event.action === 'auth.accepted' && d.source?.ip === plant.attacker);
    assert.deepEqual(accepted.event.category, ['authentication', 'session']);
    assert.equal(accepted.event.outcome, 'success');
    assert.equal(accepted.user.name, 'root');
    assert.equal(accepted.log.file.path, '/var/log/auth.log');
    const failed = docs.find((d) => d.event.action === 'auth.failed');
    assert.equal(failed.event.outcome, 'failure');
    assert.equal(failed.event.end, '2026-11-18T03:21:38.000Z');
    const dropped = docs.find((d) => d.event.action === 'file.modified' && d.file?.path === plant.dropper);
    assert.deepEqual(dropped.file, { path: plant.dropper, name: 'xmrig', directory: '/tmp/.x' });
    assert.equal(dropped['@timestamp'], plant.droppedAt.toISOString());
    assert.ok(dropped.threat.technique.id.length > 0, 'technique of the finding it supports');
  });

  it('Timesketch CSV: required columns, one row per timeline event, in time order', () => {
    const rows = parseCsv(renderTimesketch(en));
    assert.deepEqual(rows[0], [...TIMESKETCH_COLUMNS]);
    assert.equal(rows.length - 1, en.timeline.length);
    const col = (name: string) => TIMESKETCH_COLUMNS.indexOf(name as never);
    const body = rows.slice(1);
    const accepted = body.find((r) => r[col('kind')] === 'auth.accepted' && r[col('ip')] === plant.attacker);
    assert.ok(accepted);
    assert.equal(accepted[col('datetime')], plant.acceptedAt.toISOString());
    assert.equal(accepted[col('timestamp_desc')], 'Login');
    assert.equal(accepted[col('user')], 'root');
    assert.match(accepted[col('message')], /^SSH login accepted for root from 203\.0\.113\.50 \(password\) after 650 failed attempts$/);
    assert.equal(accepted[col('incident_id')], 'I-1');
    assert.match(accepted[col('attack')], /T1110\.001/);
    const times = body.map((r) => Date.parse(r[col('datetime')]));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  it('indicator list: the dropped file with its hash, the address', () => {
    const text = renderIoc(en);
    const sha = createHash('sha256').update(inertElf('xmrig')).digest('hex');
    const lines = text.split('\n');
    assert.ok(lines.includes(`ip\t${plant.attacker}\t${en.iocs.ips.find((i) => i.value === plant.attacker)?.findings.join(',')}`), text);
    assert.ok(
      lines.some((l) => l.startsWith(`path\t${plant.dropper}\t`)),
      text,
    );
    assert.ok(
      lines.some((l) => l.startsWith(`sha256\t${sha}\t`) && l.endsWith(`\t${plant.dropper}`)),
      text,
    );
    assert.ok(!lines.some((l) => l.startsWith('path\t/var/log/')), 'log files are where evidence was read, not indicators');
  });
});

describe('CSV cells', () => {
  it('quote separators and quotes, and defuse formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('+1+2'), "'+1+2");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('two\nlines'), 'two lines');
    assert.equal(csvCell(42), '42');
  });
});
