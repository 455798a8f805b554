import fs from 'node:fs';

// Two ways to list a directory that take different paths through libc. fs.readdirSync goes
// through libuv's scandir(), which glibc implements with its internal readdir (not
// interposable); fs.opendirSync().readSync() goes through libuv's call to readdir() itself,
// which an LD_PRELOAD / ld.so.preload hook replaces — the same call ps, top and ls make. A name
// missing from either listing but answering a lookup is hidden from someone.

export interface Listings {
  /** Via scandir (libuv uv_fs_scandir). Null when the directory could not be opened. */
  scandir: string[] | null;
  /** Via readdir() (libuv uv_fs_readdir), what procps-based tools see. */
  readdir: string[] | null;
}

export function listViaReaddir(dir: string, limit = 1_000_000): string[] | null {
  let d: fs.Dir | null = null;
  try {
    d = fs.opendirSync(dir, { bufferSize: 256 });
    const out: string[] = [];
    for (let e = d.readSync(); e !== null && out.length < limit; e = d.readSync()) out.push(e.name);
    return out;
  } catch {
    return null;
  } finally {
    try {
      d?.closeSync();
    } catch {
      // already closed
    }
  }
}

export function listViaScandir(dir: string): string[] | null {
  try {
    return fs.readdirSync(dir);
  } catch {
    return null;
  }
}

export function listBoth(dir: string): Listings {
  return { scandir: listViaScandir(dir), readdir: listViaReaddir(dir) };
}

export function numericNames(names: string[] | null): Set<number> {
  const out = new Set<number>();
  for (const n of names ?? []) if (/^\d+$/.test(n)) out.add(Number(n));
  return out;
}
