import { Command, Option } from 'commander';
import { buildReport } from '../analyze/incident-report';
import { audit, auditFacts, recommendations } from '../harden/audit';
import { detectLang } from '../i18n/lang';
import type { Snapshot } from '../model/facts';
import type { IncidentReport } from '../model/report';
import type { ScanResult } from '../model/scan-result';
import { checkOutputFile, writeOutputFile } from '../output/write-file';
import { renderEcs } from '../report/ecs';
import { renderHtml } from '../report/html';
import { renderIoc } from '../report/ioc';
import { renderMarkdown } from '../report/markdown';
import { journaledActions, readSavedInput } from '../report/report-input';
import { renderTimesketch } from '../report/timesketch';
import { DEFAULT_STATE_DIR } from '../respond/journal';
import { analyzeSnapshot, scan } from '../scan';
import { collect, parseDate } from './judgement-options';

export const REPORT_FORMATS = ['md', 'html', 'json', 'ecs', 'timesketch', 'ioc'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(report: IncidentReport, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'ecs':
      return renderEcs(report);
    case 'timesketch':
      return renderTimesketch(report);
    case 'ioc':
      return renderIoc(report);
  }
}

export function reportCommand(): Command {
  return new Command('report')
    .description('Write the incident report: what happened, the timeline, the entry point, every finding, actions taken, what remains')
    .addOption(new Option('--root <dir>', 'scan an offline root (mounted disk or image)').conflicts('from'))
    .option('--from <file>', 'report on a saved scan document (scan --json -o) or snapshot (scan --snapshot) instead of scanning')
    .option('--snapshot <file>', 'with --from SCAN.json: the snapshot of the same scan, for the full timeline')
    .addOption(new Option('--format <format>', 'report format').choices([...REPORT_FORMATS]).default('md'))
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .option('--force', 'replace an existing output file')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['en', 'zh-CN']))
    .option('--state <dir>', 'state directory holding the journal of contain/clean/harden runs', DEFAULT_STATE_DIR)
    .option('--now <iso-date>', 'reference time for "recent" (default: now live, newest file time offline)', parseDate)
    .option('--since <iso-date>', 'changes at or after this are "recent" (default: a week before --now)', parseDate)
    .option('--intel <file>', 'extra indicator file (YAML/JSON), repeatable', collect, [])
    .option('--allow <file>', 'allow-list of site exceptions (YAML)')
    .action(async (opts) => {
      const lang = detectLang(opts.lang);
      if (opts.output) checkOutputFile(opts.output, { overwrite: opts.force === true });
      const judge = { lang, intelFiles: opts.intel, allowFile: opts.allow, now: opts.now, since: opts.since };
      let result: ScanResult;
      let snapshot: Snapshot | undefined;
      if (opts.from) {
        const saved = readSavedInput(opts.from);
        if (saved.kind === 'snapshot') {
          snapshot = saved.snapshot;
          result = analyzeSnapshot(snapshot, judge);
        } else {
          result = saved.result;
          if (opts.snapshot) {
            const facts = readSavedInput(opts.snapshot);
            if (facts.kind !== 'snapshot') throw new Error(`${opts.snapshot}: key "schema" is not hostsweep/snapshot@1`);
            snapshot = facts.snapshot;
          }
        }
      } else {
        ({ result, snapshot } = await scan({ ...judge, root: opts.root, sampleMs: opts.root ? 0 : 1000 }));
      }
      // Recommendations come from auditing the target itself; from a saved snapshot, only what its facts answer.
      const recs = recommendations(opts.from ? (snapshot ? auditFacts(snapshot.facts, lang) : []) : audit(opts.root, lang).checks);
      const report = buildReport({
        result,
        snapshot,
        lang,
        actions: journaledActions(opts.state, result.target, lang),
        recommendations: recs,
      });
      const text = renderReport(report, opts.format as ReportFormat);
      if (opts.output) writeOutputFile(opts.output, text, { overwrite: opts.force === true });
      else process.stdout.write(text);
    });
}
