import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Host } from '../../host/host';
import { refuseSpecialBeforeOpen } from '../../host/read-bounded';

export interface LogText {
  text: string;
  mtimeMs: number;
  /** Only the newest part was read (file larger than the budget). */
  clipped: boolean;
}

/** Rotated siblings oldest first: auth.log.4.gz … auth.log.1, auth.log (so events come in time order). */
export function rotatedFiles(host: Host, dir: string, base: string): string[] {
  const names = host.readDir(dir) ?? [];
  const ranked: { name: string; rank: number }[] = [];
  for (const n of names) {
    if (n === base) ranked.push({ name: n, rank: 0 });
    else if (n.startsWith(`${base}.`) || n.startsWith(`${base}-`)) {
      // Debian numbers (auth.log.1, auth.log.2.gz); RHEL dates (secure-20261101, .gz optional).
      const rest = n.slice(base.length + 1).replace(/\.gz$/, '');
      const num = /^\d{1,3}$/.test(rest) ? Number(rest) : /^\d{8,10}$/.test(rest) ? 1e12 - Number(rest) : null;
      if (num !== null) ranked.push({ name: n, rank: num });
    }
  }
  return ranked.sort((a, b) => b.rank - a.rank).map((r) => `${dir}/${r.name}`);
}

export interface LogBytes {
  data: Buffer;
  mtimeMs: number;
  size: number;
  /** Only the newest part was read (file larger than the budget). */
  clipped: boolean;
}

/** A log file's stat when it is a regular file; a missing file is no gap, anything else is one. */
export function statLogFile(host: Host, path: string, gap: (p: string, r: string) => void): fs.Stats | null {
  const st = host.stat(path);
  if (!st) {
    if (host.lastError() !== 'ENOENT') gap(path, host.lastError() ?? 'unreadable');
    return null;
  }
  if (!st.isFile()) {
    gap(path, 'not a regular file');
    return null;
  }
  return st;
}

/**
 * Reads the newest `maxBytes` of a log (decompressing .gz, bounded). Brute-forced servers grow
 * auth logs and btmp to hundreds of MiB; the newest part is what an incident is about.
 * `record` keeps a clipped binary read aligned to whole records.
 */
export function readLogBytes(host: Host, path: string, maxBytes: number, gap: (p: string, r: string) => void, record = 1): LogBytes | null {
  const st = statLogFile(host, path, gap);
  if (!st) return null;
  if (path.endsWith('.gz')) {
    const raw = host.readFile(path, maxBytes);
    if (!raw) {
      gap(path, host.lastError() ?? 'unreadable');
      return null;
    }
    try {
      // A gzip bomb must not exhaust memory: stop at the same budget as plain files.
      const data = zlib.gunzipSync(raw, { maxOutputLength: maxBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      return { data, mtimeMs: st.mtimeMs, size: data.length, clipped: false };
    } catch (e) {
      gap(path, `not decompressed: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return null;
    }
  }
  if (st.size <= maxBytes) {
    const data = host.readFile(path, maxBytes);
    if (!data) {
      gap(path, host.lastError() ?? 'unreadable');
      return null;
    }
    return { data, mtimeMs: st.mtimeMs, size: st.size, clipped: false };
  }
  const want = Math.floor(maxBytes / record) * record;
  const data = readTail(host, path, want, st.size - (st.size % record));
  if (!data) {
    gap(path, host.lastError() ?? 'unreadable');
    return null;
  }
  gap(path, `only the newest ${Math.round(want / 1048576)} MiB of ${Math.round(st.size / 1048576)} MiB read`);
  return { data, mtimeMs: st.mtimeMs, size: st.size, clipped: true };
}

/** Text variant of readLogBytes; a clipped read starts at the first whole line. */
export function readLog(host: Host, path: string, maxBytes: number, gap: (p: string, r: string) => void): LogText | null {
  const log = readLogBytes(host, path, maxBytes, gap);
  if (!log) return null;
  const text = log.data.toString('utf8');
  if (!log.clipped) return { text, mtimeMs: log.mtimeMs, clipped: false };
  const nl = text.indexOf('\n');
  return { text: nl >= 0 ? text.slice(nl + 1) : text, mtimeMs: log.mtimeMs, clipped: true };
}

/** The last maxBytes of a file, opened where the Host resolved it (inside the root) and never through a final symlink. */
function readTail(host: Host, path: string, maxBytes: number, endAt: number): Buffer | null {
  return readRange(host, path, (size) => {
    const end = Math.min(endAt, size);
    return { start: Math.max(0, end - maxBytes), end };
  });
}

/**
 * Reads the byte range `range(size)` picks once the file is open (so the size is the opened
 * file's), where the Host resolved the path (inside the root) and never through a final symlink
 * or into a FIFO or device.
 */
export function readRange(host: Host, path: string, range: (size: number) => { start: number; end: number }): Buffer | null {
  const local = host.localPath(path);
  if (local === null) return null;
  try {
    refuseSpecialBeforeOpen(local, true);
    const fd = fs.openSync(local, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return null;
      const { start, end } = range(st.size);
      const buf = Buffer.allocUnsafe(Math.max(0, Math.min(end, st.size) - start));
      let got = 0;
      while (got < buf.length) {
        const n = fs.readSync(fd, buf, got, buf.length - got, start + got);
        if (n <= 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** Evidence lines are attacker-written: drop control characters and clip them. */
export function clip(line: string, max = 300): string {
  const clean = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Each line of a text, without building one huge array for a 64 MiB log. */
export function* lines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, end);
    start = end + 1;
  }
}
