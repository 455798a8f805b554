/**
 * The text around a match, on one line, escaped so no byte of the file can reach a terminal or
 * report raw: printable ASCII stays, everything else becomes \xNN (tabs \t). Bounded on both sides.
 */
export function excerptAt(data: Buffer, offset: number, length: number, context = 40, maxMatch = 120): string {
  let start = offset;
  while (start > 0 && offset - start < context && data[start - 1] !== 0x0a) start--;
  // Begin at a word: "stratum+tcp://pool…" rather than "…+tcp://pool…".
  if (start > 0 && !isSpace(data[start - 1])) {
    const floor = Math.max(0, start - context);
    let word = start;
    while (word > floor && !isSpace(data[word - 1])) word--;
    if (word === 0 || isSpace(data[word - 1])) start = word;
  }
  const matchEnd = Math.min(offset + length, offset + maxMatch);
  let end = matchEnd;
  while (end < data.length && end - matchEnd < context && data[end] !== 0x0a) end++;
  const head = start > 0 && data[start - 1] !== 0x0a ? '…' : '';
  const tail = end < offset + length || (end < data.length && data[end] !== 0x0a) ? '…' : '';
  return head + escapeBytes(data.subarray(start, end)) + tail;
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export function escapeBytes(b: Buffer): string {
  let out = '';
  for (const c of b) {
    if (c >= 0x20 && c < 0x7f && c !== 0x5c) out += String.fromCharCode(c);
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x09) out += '\\t';
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}
