import type { Colors } from 'picocolors/types';
import { format, type Lang } from '../i18n/lang';
import { gapReason } from '../i18n/gap-reasons';
import { type UiKey, ui } from '../i18n/ui';
import { gapImpact } from '../model/gap';
import type { ScanResult } from '../model/scan-result';
import { safeText } from './sanitize';

// What the scan could not see, in the terminal. The banner comes before any finding, so an
// operator who reads only the top of the screen cannot mistake a blind scan for a clean one.

const GAPS_SHOWN = 8;

/** The banner of an incomplete scan: one plain line per kind of blind spot. Empty when complete. */
export function renderIncompleteBanner(r: ScanResult, lang: Lang, c: Colors): string[] {
  if (r.complete) return [];
  const lines = [c.bold(c.yellow(ui(lang, 'incompleteTitle')))];
  for (const reason of r.incomplete) {
    const where = reason.where.map(safeText).join(', ') + (reason.count > reason.where.length ? ', …' : '');
    lines.push(`  ${c.yellow('!')} ${format(ui(lang, `incomplete.${reason.kind}` as UiKey), { count: reason.count, where })}`);
  }
  return [...lines, ''];
}

/** Gaps most dangerous first; those that cannot hide anything are only counted. */
export function renderGaps(r: ScanResult, lang: Lang, c: Colors): string[] {
  if (r.gaps.length === 0) return [];
  const serious = r.gaps.filter((g) => gapImpact(g.kind) === 'hides');
  const cosmetic = r.gaps.length - serious.length;
  const lines: string[] = [];
  if (serious.length > 0) {
    lines.push(format(ui(lang, 'gapsHeader'), { count: serious.length }));
    for (const g of serious.slice(0, GAPS_SHOWN)) {
      const where = g.path ?? g.rule ?? '';
      lines.push(
        `  ${c.yellow(`[${ui(lang, `gapKind.${g.kind}` as UiKey)}]`)} ${safeText(`${g.collector}${where ? ` ${where}` : ''}: ${gapReason(g.reason, lang)}`)}`,
      );
    }
    if (serious.length > GAPS_SHOWN) lines.push(format(ui(lang, 'gapsMore'), { count: serious.length - GAPS_SHOWN }));
  }
  if (cosmetic > 0) lines.push(c.dim(format(ui(lang, 'gapsCosmetic'), { count: cosmetic })));
  return lines;
}
