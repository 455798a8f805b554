import type { Stats } from 'node:fs';
import type { FileHashes, HashAlgorithm } from './hash-bounded';

export type HostKind = 'live' | 'root';

/**
 * The only thing that touches the machine being examined. Paths are always the target's own
 * absolute paths ("/etc/crontab"); the implementation decides where they really live.
 * Every method returns null instead of throwing when a path is missing or unreadable,
 * because on a compromised box both are normal.
 */
export interface Host {
  readonly kind: HostKind;
  /** Where the target's "/" is, as the analyst sees it ("/" for live). */
  readonly root: string;
  /** True when /proc describes the target's running system. */
  readonly hasLiveState: boolean;
  readFile(path: string, maxBytes?: number): Buffer | null;
  readText(path: string, maxBytes?: number): string | null;
  readDir(path: string): string[] | null;
  lstat(path: string): Stats | null;
  /**
   * lstat of one name just listed by readDir(dir): the same answer as lstat(`${dir}/${name}`),
   * without resolving the directory again for each of its (possibly 200,000) entries.
   */
  lstatEntry(dir: string, name: string): Stats | null;
  stat(path: string): Stats | null;
  readlink(path: string): string | null;
  /** The target-absolute path with every symlink resolved (inside the root for offline trees). */
  realpath(path: string): string | null;
  /**
   * The inode flags (FS_IOC_GETFLAGS: immutable, append-only, …) of a file or directory, never
   * following a final symlink. Read through the kernel, not the box's lsattr.
   */
  inodeFlags(path: string): number | null;
  /** Where the analyst's process can open this target path (for hashing or copying). */
  localPath(path: string): string | null;
  /** Hashes of a regular file's first maxBytes, streamed (never the whole file in memory). */
  hashFile(path: string, algorithms: HashAlgorithm[], maxBytes?: number): FileHashes | null;
  /** Last error seen for a path, for gap reporting. */
  lastError(): string | null;
}

export const DEFAULT_MAX_READ = 16 * 1024 * 1024;
export const DEFAULT_MAX_HASH = 256 * 1024 * 1024;
