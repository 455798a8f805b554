// npx tsx scripts/bench-report.ts [--runs N]: for each planted incident, the time to build the report
// from a scan (correlation, timeline, entry points), to render each format, the size of each
// format, and how long headless Chromium takes to load and screenshot the HTML report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReport } from '../src/analyze/incident-report';
import { renderReport, REPORT_FORMATS } from '../src/cli/report-command';
import { scan } from '../src/scan';
import { INCIDENT_NOW, plantBruteForceMiner, plantNoEntryEvidence, plantWebshell } from '../test/helpers/incidents';
import { median, numberOption } from './bench-lib';

const runs = numberOption('--runs', 20);

async function main() {
  const plants = [
    { name: 'bruteforce-miner', root: plantBruteForceMiner().root },
    { name: 'webshell', root: plantWebshell().root },
    { name: 'no-entry-evidence', root: plantNoEntryEvidence() },
  ];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-bench-report-'));
  try {
    for (const p of plants) {
      const { result, snapshot } = await scan({ root: p.root.dir, now: INCIDENT_NOW });
      const build: number[] = [];
      let report = buildReport({ result, snapshot, lang: 'en' });
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        report = buildReport({ result, snapshot, lang: 'en' });
        build.push(performance.now() - t0);
      }
      const entry = report.incidents[0]?.entryPoints[0];
      console.log(
        `${p.name}: ${result.findings.length} findings, ${report.incidents.length} incident(s), ${report.timeline.length} timeline events; entry: ${entry ? `${entry.kind} ${entry.ip ?? ''} ${entry.path ?? ''} (${entry.confidence})` : 'none'}`,
      );
      console.log(`  build report: median ${median(build).toFixed(2)} ms over ${runs} runs`);
      for (const format of REPORT_FORMATS) {
        const times: number[] = [];
        let text = '';
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          text = renderReport(report, format);
          times.push(performance.now() - t0);
        }
        console.log(
          `  ${format.padEnd(10)} ${String(Buffer.byteLength(text)).padStart(7)} bytes, render median ${median(times).toFixed(2)} ms`,
        );
        if (format === 'html') fs.writeFileSync(path.join(tmp, `${p.name}.html`), text);
      }
      const chrome: number[] = [];
      for (let i = 0; i < 3; i++) {
        const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
        const t0 = performance.now();
        spawnSync('/usr/bin/chromium', [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          '--window-size=1200,1600',
          `--screenshot=${path.join(tmp, `${p.name}.png`)}`,
          `file://${path.join(tmp, `${p.name}.html`)}`,
        ]);
        chrome.push(performance.now() - t0);
      }
      console.log(`  chromium load + screenshot: median ${median(chrome).toFixed(0)} ms (3 runs, includes browser start)`);
    }
  } finally {
    for (const p of plants) p.root.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
