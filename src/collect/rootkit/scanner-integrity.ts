import fs from 'node:fs';
import path from 'node:path';
import { ownNativeFiles } from '../../host/inode-flags';
import { yaraNativeFiles } from '../content/scanner';
import { defineCollector } from '../collector';
import { parseMaps } from '../proc-parse';
import { listViaReaddir, listViaScandir } from './proc-listings';

export interface PreloadFileView {
  /** stat() by name: a readdir hook cannot hide this. */
  exists: boolean;
  /** Whether the /etc listing returned the name, per listing path (null: /etc unreadable). */
  listedByReaddir: boolean | null;
  listedByScandir: boolean | null;
  /** Content read by path (bounded); null when the open failed. */
  content: string | null;
  size: number | null;
  readError: string | null;
}

export interface ScannerIntegrityFact {
  pid: number;
  /** The node binary running the scanner. */
  executable: string;
  /** Directory the scanner's code runs from: native addons under it are ours. */
  scannerDir: string;
  /** Native modules the scanner loaded itself, seen appearing in its map as it loaded them (koffi). */
  ownNative?: string[];
  /** Files mapped executable into the scanner's own memory (from /proc/self/maps, a file read). */
  mappedExecutable: string[];
  /** LD_PRELOAD / LD_AUDIT in the scanner's own environment. */
  loaderEnv: Record<string, string>;
  preloadFile: PreloadFileView;
}

declare module '../../model/facts' {
  interface Facts {
    scannerIntegrity: ScannerIntegrityFact;
  }
}

const PRELOAD = '/etc/ld.so.preload';

/** The scanner's install directory (where package.json is), found from the entry script. */
function scannerRoot(): string {
  let dir = path.dirname(path.resolve(process.argv[1] ?? process.execPath));
  for (let i = 0; i < 4; i++) {
    // The scanner's own files, not the target's: plain fs is right here.
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.dirname(path.resolve(process.argv[1] ?? process.execPath));
}

export default defineCollector({
  name: 'scannerIntegrity',
  description:
    "The scanner's own process: shared objects in its memory map, loader variables in its environment, and /etc/ld.so.preload looked up by name versus listed — is something hooking hostsweep itself?",
  paths: ['/proc/self/maps', PRELOAD, '/etc (listing)'],
  liveOnly: true,
  collect({ host, gap }) {
    const maps = host.readText('/proc/self/maps', 8 * 1024 * 1024);
    if (maps === null) gap('/proc/self/maps', host.lastError() ?? 'unreadable');
    const mappedExecutable = (maps ? parseMaps(maps) : []).filter((m) => m.executable).map((m) => m.path);

    const loaderEnv: Record<string, string> = {};
    for (const key of ['LD_PRELOAD', 'LD_AUDIT', 'LD_LIBRARY_PATH']) {
      const v = process.env[key];
      if (v !== undefined && v !== '') loaderEnv[key] = v;
    }

    const st = host.stat(PRELOAD);
    const content = st ? host.readText(PRELOAD, 64 * 1024) : null;
    const readError = st && content === null ? host.lastError() : null;
    const byReaddir = listViaReaddir('/etc');
    const byScandir = listViaScandir('/etc');
    const preloadFile: PreloadFileView = {
      exists: st !== null,
      listedByReaddir: byReaddir ? byReaddir.includes('ld.so.preload') : null,
      listedByScandir: byScandir ? byScandir.includes('ld.so.preload') : null,
      content,
      size: st ? st.size : null,
      readError,
    };
    return {
      pid: process.pid,
      executable: process.execPath,
      scannerDir: scannerRoot(),
      ownNative: [...ownNativeFiles(), ...yaraNativeFiles()],
      mappedExecutable,
      loaderEnv,
      preloadFile,
    };
  },
});
