// Attacker-controlled text (process names, command lines, paths, log lines) must never drive the
// analyst's terminal: escape sequences could hide lines, rewrite the screen or set the title.
// Every control character, C1 control and bidirectional override becomes a visible \xNN / \u{…}.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

export function safeText(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const code = ch.codePointAt(0) as number;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
