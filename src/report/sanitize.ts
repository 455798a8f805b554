// Attacker-controlled text (process names, command lines, paths, log lines) must never drive the
// analyst's terminal: escape sequences could hide lines, rewrite the screen or set the title.
// Every control character, C1 control and bidirectional override becomes a visible \xNN / \u{…}.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

// A lone surrogate is a byte of a name that was not UTF-8 (see src/host/byte-names.ts): U+DC80..U+DCFF
// is shown as the byte it stands for (\xff), any other as \u{…}.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function safeText(s: string): string {
  return s
    .replace(LONE_SURROGATE, (ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0xdc80 && code <= 0xdcff ? `\\x${(code - 0xdc00).toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    })
    .replace(UNSAFE, (ch) => {
      const code = ch.codePointAt(0) as number;
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    });
}
