import { appendFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { COLLECTORS } from '../../src/collect/registry';
import { gapReason } from '../../src/i18n/gap-reasons';
import { renderTerminal } from '../../src/report/terminal';
import { analyzeSnapshot, type ScanOptions, type ScanOutput, scan } from '../../src/scan';
import { dataWords, englishWords } from './english-words';

/**
 * The whole Chinese terminal output of a scanned fixture tree (and every finding in full), and the English words in it that
 * are not the target's own data. Judging the same snapshot again costs milliseconds: the
 * fixture is not collected twice.
 */
export function chineseLeaks(out: ScanOutput, opts: ScanOptions = {}): { text: string; words: string[] } {
  const zh = analyzeSnapshot(out.snapshot, { ...opts, lang: 'zh-CN', now: new Date(out.snapshot.referenceTime) });
  // The terminal shows grouped findings by title only: every finding's full text is checked too.
  const full = [
    ...zh.findings.flatMap((f) => [f.title, f.detail, f.action, ...f.evidence]),
    // The terminal names three gaps; every reason must have its Chinese wording.
    ...zh.gaps.map((g) => `${g.collector} ${g.path ?? ''}: ${gapReason(g.reason, 'zh-CN')}`),
  ];
  const text = [renderTerminal(zh, { lang: 'zh-CN', color: false, minSeverity: 'info' }), ...full].join('\n');
  const exempt = exemptWords(out);
  const words: string[] = [];
  for (const raw of text.split('\n')) {
    // A long evidence line is cut for the terminal: its last word is a piece of the target's data.
    const line = raw.replace(/\S*…( \(\+\d+\))?/g, ' ');
    // The scanned host's name and root directory are the user's, not the tool's words.
    words.push(...englishWords(line.replaceAll(out.snapshot.target.root, ' ').replaceAll(out.snapshot.target.hostname, ' '), exempt));
  }
  return { text, words };
}

/**
 * scan() of an offline fixture tree, and the same verdict in Chinese checked for English
 * words: every fixture the integration tests build is also a test of the translation.
 */
export async function scanFixture(opts: ScanOptions): Promise<ScanOutput> {
  const out = await scan(opts);
  assertChinese(out, opts);
  return out;
}

/** The target's own words, and collector names (identifiers, like rule ids). */
function exemptWords(out: ScanOutput): Set<string> {
  const words = dataWords(out.snapshot.facts);
  for (const c of COLLECTORS) words.add(c.name.toLowerCase());
  words.add('analysis'); // the gaps the analysis itself records
  return words;
}

/** Fails when the Chinese verdict of a scanned fixture carries English words. */
export function assertChinese(out: ScanOutput, opts: ScanOptions = {}): void {
  const { text, words } = chineseLeaks(out, opts);
  const exempt = exemptWords(out);
  const lines = text.split('\n').filter((l) => englishWords(l.replace(/\S*…( \(\+\d+\))?/g, ' '), exempt).length > 0);
  if (process.env.HOSTSWEEP_ZH_REPORT)
    appendFileSync(process.env.HOSTSWEEP_ZH_REPORT, `## ${words.length} ${opts.root}\n${lines.join('\n')}\n`);
  assert.equal(words.length, 0, `English in the Chinese output (${[...new Set(words)].join(' ')}):\n${lines.slice(0, 40).join('\n')}`);
}
