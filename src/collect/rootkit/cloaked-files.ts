import fs from 'node:fs';
import { defineCollector } from '../collector';
import { listViaReaddir, listViaScandir } from './proc-listings';

// File decloaking: the files a hider most often masks, read two ways. A user-space hook matches
// the calls ls/cat make (readdir, open of "/etc/ld.so.preload"); a kernel rootkit filters
// getdents/read. Each check pairs a view such a hider rewrites with one it usually does not:
//   listing (readdir)          vs  lookup by name (statx, issued by libuv as a raw syscall)
//   bytes read (open + read)   vs  size from statx
//   read via the usual path    vs  read via /proc/self/root/<path> (another spelling)

export type CloakKind = 'hidden-from-listing' | 'short-read' | 'content-differs' | 'entry-hidden';

export interface CloakedFile {
  path: string;
  kind: CloakKind;
  detail: string;
  /** What the second read path returned that the first did not (bounded, printable). */
  revealed?: string;
}

export interface CloakedFilesFact {
  checked: string[];
  anomalies: CloakedFile[];
}

declare module '../../model/facts' {
  interface Facts {
    cloakedFiles: CloakedFilesFact;
  }
}

const MAX_BYTES = 1024 * 1024;

function readDirect(path: string): Buffer | null {
  // Live-only collector on the analyst's own view of "/": the paths are the target's paths.
  try {
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const buf = Buffer.alloc(MAX_BYTES);
      let n = 0;
      for (;;) {
        const r = fs.readSync(fd, buf, n, MAX_BYTES - n, null);
        if (r <= 0 || n + r >= MAX_BYTES) {
          n += Math.max(r, 0);
          break;
        }
        n += r;
      }
      return buf.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

function printable(buf: Buffer): string {
  return buf
    .toString('utf8')
    .replace(/[^\x20-\x7e\n\t\u00a0-\uffff]/g, '?')
    .slice(0, 2000);
}

/** Lines the second read has and the first lacks: what the hider removed. */
function missingLines(shown: Buffer, full: Buffer): string {
  const seen = new Set(shown.toString('utf8').split('\n'));
  return printable(
    Buffer.from(
      full
        .toString('utf8')
        .split('\n')
        .filter((l) => !seen.has(l))
        .join('\n'),
    ),
  );
}

/** stat that never throws: a symlink loop or an unreadable parent must not fail the whole collector. */
function statOrNull(path: string): fs.Stats | null {
  try {
    return fs.statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

export function checkFile(path: string, out: CloakedFile[]): void {
  const st = statOrNull(path);
  if (!st) return;
  const slash = path.lastIndexOf('/');
  const parent = path.slice(0, slash) || '/';
  const base = path.slice(slash + 1);
  const byReaddir = listViaReaddir(parent);
  const byScandir = listViaScandir(parent);
  const missingFrom = [
    byReaddir && !byReaddir.includes(base) ? 'readdir()' : null,
    byScandir && !byScandir.includes(base) ? 'scandir()' : null,
  ].filter(Boolean);
  if (missingFrom.length > 0)
    out.push({
      path,
      kind: 'hidden-from-listing',
      detail: `exists (stat) but the ${parent} listing via ${missingFrom.join(' and ')} leaves it out`,
    });

  if (st.isDirectory()) {
    // A name only one listing shows is hidden from the other.
    if (byReaddir && byScandir) {
      const a = new Set(listViaReaddir(path) ?? []);
      const b = listViaScandir(path) ?? [];
      const alt = new Set(listViaScandir(`/proc/self/root${path}`) ?? []);
      let again: Set<string> | null = null;
      for (const name of new Set([...b, ...alt])) {
        if (a.has(name)) continue;
        // Created after the first listing? Then a second readdir() shows it.
        again ??= new Set(listViaReaddir(path) ?? []);
        if (again.has(name)) continue;
        if (statOrNull(`${path}/${name}`) === null) continue; // vanished meanwhile
        out.push({
          path: `${path}/${name}`,
          kind: 'entry-hidden',
          detail: `listed by ${b.includes(name) ? 'scandir()' : `/proc/self/root${path}`} but not by readdir()`,
        });
      }
    }
    return;
  }
  if (!st.isFile() || st.size > MAX_BYTES) return;
  const normal = readDirect(path);
  const other = readDirect(`/proc/self/root${path}`);
  const after = statOrNull(path);
  // Changed while we looked: an edit, not a cloak.
  if (!after || after.size !== st.size || after.mtimeMs !== st.mtimeMs) return;
  if (normal !== null && normal.length < st.size) {
    out.push({
      path,
      kind: 'short-read',
      detail: `stat says ${st.size} bytes, reading it returned ${normal.length}`,
      ...(other && other.length > normal.length ? { revealed: missingLines(normal, other) } : {}),
    });
    return;
  }
  if (normal !== null && other !== null && !normal.equals(other)) {
    out.push({
      path,
      kind: 'content-differs',
      detail: `reading ${path} and /proc/self/root${path} returned different bytes (${normal.length} vs ${other.length})`,
      revealed: missingLines(normal, other),
    });
  } else if (normal === null && other !== null) {
    out.push({
      path,
      kind: 'content-differs',
      detail: `opening ${path} failed but /proc/self/root${path} opened (${other.length} bytes)`,
      revealed: printable(other),
    });
  }
}

export default defineCollector({
  name: 'cloakedFiles',
  description:
    'Decloaking of the files rootkits mask (intel rootkit.cloakedFiles: /etc/ld.so.preload, /etc/modules, init scripts, cron): listing versus lookup, bytes read versus stat size, and the usual path versus /proc/self/root.',
  paths: ['/etc/ld.so.preload', '/etc/modules', 'the other files of intel rootkit.cloakedFiles'],
  liveOnly: true,
  collect({ intel }) {
    const anomalies: CloakedFile[] = [];
    for (const path of intel.rootkit.cloakedFiles) checkFile(path, anomalies);
    return { checked: intel.rootkit.cloakedFiles, anomalies };
  },
});
