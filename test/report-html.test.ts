import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildReport } from '../src/analyze/incident-report';
import { renderEcs } from '../src/report/ecs';
import { renderHtml } from '../src/report/html';
import { renderMarkdown } from '../src/report/markdown';
import { INCIDENT_NOW, plantBruteForceMiner } from './helpers/incidents';
import { inNamespace, scanCmd, scanJson } from './helpers/namespace';
import { fixedReport } from './helpers/report-fixture';

// The HTML report opened in a real headless Chromium: host text with markup must render as text
// and run nothing. The payloads would change document.title if they ever ran.

const CHROMIUM = '/usr/bin/chromium';
const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-html-'));
  dirs.push(d);
  return d;
}

function chromium(args: string[]): { stdout: string; status: number | null } {
  const profile = tempDir();
  const r = spawnSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { stdout: r.stdout ?? '', status: r.status };
}

function dumpDom(html: string): string {
  const file = path.join(tempDir(), 'report.html');
  fs.writeFileSync(file, html);
  const r = chromium(['--dump-dom', `file://${file}`]);
  assert.equal(r.status, 0, 'chromium --dump-dom ran');
  return r.stdout;
}

const SCRIPT_NAME = '<script>document.title="pwned-by-file"';
const IMG_NAME = `<img src=x onerror="document.title='pwned-by-img'">`;

describe('HTML report in headless Chromium', () => {
  it('planted file names with <script> and <img onerror> render as text and run nothing', async () => {
    const plant = plantBruteForceMiner();
    plant.root
      .write(`/tmp/.x/${SCRIPT_NAME}`, Buffer.from('\x7fELF\x02\x01\x01\x00payload'), { mode: 0o755, mtime: plant.droppedAt })
      .write(`/tmp/.x/${IMG_NAME}`, Buffer.from('\x7fELF\x02\x01\x01\x00payload2'), { mode: 0o755, mtime: plant.droppedAt });
    try {
      const report = await fixedReport(plant.root, 'en');
      assert.ok(
        report.findings.some((f) => f.path === `/tmp/.x/${IMG_NAME}`),
        'the markup file name is a finding',
      );
      const html = renderHtml(report);
      // Statically: no tag, handler or resource came from the host.
      assert.doesNotMatch(html, /<(script|img|iframe|object|embed|link)\b/i);
      const dom = dumpDom(html);
      assert.match(dom, /<title>Incident report: fixture-host<\/title>/, 'document.title unchanged');
      assert.doesNotMatch(dom, /pwned-by-(file|img)<\/title>/);
      assert.doesNotMatch(dom, /<img|<script/i, 'no element made from host text');
      assert.ok(dom.includes('&lt;script&gt;document.title="pwned-by-file"'), 'the script name is shown as text');
      assert.ok(dom.includes('&lt;img src=x onerror="document.title=\'pwned-by-img\'"&gt;'), 'the img name is shown as text');
      // The same names stay inert in Markdown: escaped outside code spans, literal inside them.
      const md = renderMarkdown(report);
      assert.ok(!/(^|[^\\])<(img|script)/.test(md.replace(/`[^`]*`/g, '')), 'no raw tag outside code spans');

      // A screenshot, for a human to look at; here: a real PNG of the requested size.
      const dir = tempDir();
      const file = path.join(dir, 'report.html');
      const png = path.join(dir, 'report.png');
      fs.writeFileSync(file, html);
      assert.equal(chromium(['--window-size=1200,1600', `--screenshot=${png}`, `file://${file}`]).status, 0);
      const data = fs.readFileSync(png);
      assert.equal(data.subarray(1, 4).toString(), 'PNG');
      assert.equal(data.readUInt32BE(16), 1200);
      assert.equal(data.readUInt32BE(20), 1600);
      assert.ok(data.length > 20_000, `a rendered page, not a blank (${data.length} bytes)`);
    } finally {
      plant.root.remove();
    }
  });

  it('a running process named with markup renders as text', () => {
    const exe = `<img src=x onerror=document.title=1>`;
    const run = inNamespace(`
      cp /bin/sleep '/tmp/${exe}'
      (exec -a '<script>document.title="pwned-by-proc"' '/tmp/${exe}' 600) & echo PROC=$!
      sleep 0.3
      ${scanCmd()} --json --sample 0 || true`);
    const result = scanJson(run);
    const pid = Number(/PROC=(\d+)/.exec(run.stdout)?.[1]);
    const f = result.findings.find((x) => x.pid === pid && x.process);
    assert.ok(f, `a finding about the planted process: ${result.findings.map((x) => `${x.rule} ${x.pid ?? ''}`).join(', ')}`);
    assert.match(f.process?.cmdline ?? '', /<script>document\.title="pwned-by-proc"/);
    const report = buildReport({ result, lang: 'zh-CN', generatedAt: INCIDENT_NOW });
    // The SOC copy carries the same process, field by field, as JSON strings.
    const doc = renderEcs(report)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((d) => d.event.kind === 'alert' && d.process?.pid === pid);
    assert.ok(doc, 'an ECS alert for the process');
    assert.equal(doc.process.name, f.process?.name);
    assert.equal(doc.process.executable, `/tmp/${exe}`);
    assert.match(doc.process.command_line, /^<script>document\.title="pwned-by-proc" 600$/);
    assert.ok(!Number.isNaN(Date.parse(doc.process.start)), 'process.start');
    const html = renderHtml(report);
    const dom = dumpDom(html);
    assert.match(dom, /<title>安全事件报告：[^<]*<\/title>/, 'document.title unchanged');
    assert.doesNotMatch(dom, /<img|<script/i);
    assert.ok(dom.includes('&lt;script&gt;document.title="pwned-by-proc"'), 'the command line is shown as text');
    assert.ok(dom.includes('&lt;img src=x onerror=document.title=1&gt;'), 'the executable name is shown as text');
  });
});
