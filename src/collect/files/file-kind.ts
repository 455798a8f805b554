import type { Stats } from 'node:fs';

export type FileKind = 'file' | 'dir' | 'symlink' | 'socket' | 'fifo' | 'device';

export function fileKind(st: Stats): FileKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isSocket()) return 'socket';
  if (st.isFIFO()) return 'fifo';
  return 'device';
}

export type Magic = 'elf' | 'script' | 'data';

/** What the first bytes say the file is: an ELF program, a #! script, or anything else. */
export function magicOf(head: Buffer): Magic {
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'elf';
  if (head.length >= 2 && head[0] === 0x23 && head[1] === 0x21) return 'script';
  return 'data';
}

/** The interpreter line of a script, printable and bounded (file contents are attacker-controlled). */
export function shebangOf(head: Buffer): string {
  const end = head.indexOf(0x0a);
  return printable(head.subarray(0, end < 0 ? Math.min(head.length, 200) : Math.min(end, 200)).toString('utf8'));
}

/** Text safe to keep in facts and show on a terminal: control characters become "?". */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/g, '?');
}

/** A file name safe to show on one line: every control character, newline included, becomes "?". */
export function printableName(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
