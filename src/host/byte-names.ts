import { isUtf8 } from 'node:buffer';

// Linux names are bytes, not text. An attacker who names a dropper "\xff\xfe" must not be skipped
// because a UTF-8 decode turned it into U+FFFD and the name can no longer be opened. Names are
// decoded the way Python's "surrogateescape" does it: valid UTF-8 stays as it is, and every byte
// that is not part of valid UTF-8 becomes the lone surrogate U+DC80..U+DCFF. Valid UTF-8 never
// decodes to a lone surrogate, so the mapping is lossless and reversible, and such a string still
// works as a Map key, in rules and in JSON (JSON.stringify writes "\udcff").

const ESCAPED = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** The lossless string form of a name or path read from the filesystem as bytes. */
export function decodeName(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = validSequenceLength(bytes, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]);
      i++;
    } else {
      out += bytes.toString('utf8', i, i + n);
      i += n;
    }
  }
  return out;
}

/** What to hand to node:fs for a decoded name: the string itself, or its original bytes when it carries escapes. */
export function fsPath(name: string): string | Buffer {
  if (!ESCAPED.test(name)) return name;
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHigh(name.charCodeAt(i - 1)));
    if (!lone) continue;
    parts.push(Buffer.from(name.slice(start, i), 'utf8'), Buffer.from([c - 0xdc00]));
    start = i + 1;
  }
  parts.push(Buffer.from(name.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the byte there cannot start one. */
function validSequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  // 0xED 0xA0..0xBF would encode a surrogate: not valid UTF-8, so those bytes are escaped.
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c >= 0xe1 && c <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
