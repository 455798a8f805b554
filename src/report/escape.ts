import { safeText } from './sanitize';

// Host text (file names, command lines, log lines) is attacker-controlled. In every document
// format it must stay text: no markup, no script, no resource load, no spreadsheet formula.

/** One line: control characters made visible, line breaks folded, so a value cannot start a new block. */
function oneLine(s: string): string {
  return safeText(s.replace(/\r\n|\r|\n/g, ' '));
}

/** HTML text and attribute values (always quoted with "). */
export function escapeHtml(s: string): string {
  return oneLine(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Markdown inline text: the punctuation a CommonMark/GFM parser acts on inside a line is
 * backslash-escaped (emphasis, code, links, images, raw HTML, entities, table cells, strikethrough),
 * so the text renders as itself and can never become an image, a link target or an HTML tag. Host
 * text always follows a prefix the renderer wrote, so it never starts a block (list, heading).
 */
export function escapeMarkdown(s: string): string {
  return oneLine(s).replace(/[\\`*_[\]()<>#!|~&]/g, (c) => `\\${c}`);
}

/** A Markdown code span holding `s` literally (fence longer than any backtick run inside). */
export function markdownCode(s: string): string {
  const text = oneLine(s);
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR at
 * the start) gets a leading apostrophe, the OWASP recommendation against formula injection.
 */
export function csvCell(v: string | number | undefined | null): string {
  if (v === undefined || v === null) return '';
  let s = typeof v === 'number' ? String(v) : safeText(v.replace(/\r\n|\r|\n/g, ' '));
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
