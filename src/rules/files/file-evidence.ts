import { type PhraseValue, phrase } from '../../i18n/phrases';
import { baseName } from '../../model/path-name';
import type { FileEntry } from '../../collect/files/file-inventory';
import { isPackageOwned, pathSpellings } from '../../analyze/facts-index';
import type { Intel } from '../../intel/intel';
import type { Snapshot } from '../../model/facts';

// Shared by the files rules: how a file is shown as evidence and which intel indicator it matches.

export function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function fileEvidence(e: FileEntry): PhraseValue[] {
  const what =
    e.magic === 'elf'
      ? phrase('kind.elf')
      : e.magic === 'script'
        ? phrase('kind.script', { shebang: e.shebang ?? '#!' })
        : phrase(`kind.${e.kind}`);
  const out: PhraseValue[] = [
    phrase('file.path', { path: e.path }),
    phrase('file.type', { what, size: e.size, mode: octal(e.mode), uid: e.uid, gid: e.gid }),
    phrase('file.times', { mtime: e.mtime, ctime: e.ctime }),
  ];
  if (e.linkTarget !== undefined) out.push(phrase('file.linkTo', { target: e.linkTarget }));
  out.push(e.sha256 ? `sha256: ${e.sha256}` : phrase('file.noHash'));
  return out;
}

export function isExecutableLike(e: FileEntry): boolean {
  return e.kind === 'file' && (e.magic === 'elf' || e.magic === 'script' || (e.mode & 0o111) !== 0);
}

export type KnownMatch = { kind: 'path' | 'name' | 'socket-dir'; indicator: string };

/** The intel indicator a file matches: a known malware path, a known payload name, or a program inside an X11 socket directory. */
export function knownMalwareMatch(intel: Intel, e: FileEntry): KnownMatch | null {
  const paths = new Set(intel.files.knownPaths);
  const hit = pathSpellings(e.path).find((p) => paths.has(p));
  if (hit) return { kind: 'path', indicator: hit };
  if (e.kind !== 'file') return null;
  const name = baseName(e.path).toLowerCase();
  if (intel.files.knownNames.some((n) => n.toLowerCase() === name)) return { kind: 'name', indicator: name };
  if (isExecutableLike(e)) {
    const program = [...intel.miners.processNames, ...intel.miners.ddosBotNames].find((n) => n.toLowerCase() === name);
    if (program) return { kind: 'name', indicator: program };
    const socketDir = intel.files.socketOnlyDirs.find((d) => e.path.startsWith(`${d}/`));
    if (socketDir) return { kind: 'socket-dir', indicator: socketDir };
  }
  return null;
}

/** Package-owned files are the package manager's business (see files/replaced-system-binary). */
export function ownedByPackage(snapshot: Snapshot, path: string): boolean {
  return isPackageOwned(snapshot, path) === true;
}

/** "/tmp", "/var/tmp" or "/dev/shm" for a path below one of them. */
export function tmpRootOf(path: string): string {
  for (const d of ['/var/tmp', '/dev/shm', '/run/shm', '/tmp']) if (path === d || path.startsWith(`${d}/`)) return d;
  return parentDir(path);
}
