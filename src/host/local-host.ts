import fs from 'node:fs';
import { DEFAULT_MAX_HASH, DEFAULT_MAX_READ, type Host } from './host';
import { type HashAlgorithm, hashBounded } from './hash-bounded';
import { readBounded } from './read-bounded';

/** The running machine. Reads are synchronous: for thousands of tiny /proc files they are ~5x faster than promises. */
export class LocalHost implements Host {
  readonly kind = 'live' as const;
  readonly root = '/';
  readonly hasLiveState = true;
  private error: string | null = null;

  private attempt<T>(fn: () => T): T | null {
    try {
      this.error = null;
      return fn();
    } catch (e) {
      this.error = (e as NodeJS.ErrnoException).code ?? String(e);
      return null;
    }
  }
  readFile(path: string, maxBytes = DEFAULT_MAX_READ) {
    return this.attempt(() => readBounded(path, maxBytes, false));
  }
  readText(path: string, maxBytes = DEFAULT_MAX_READ) {
    return this.readFile(path, maxBytes)?.toString('utf8') ?? null;
  }
  readDir(path: string) {
    return this.attempt(() => fs.readdirSync(path));
  }
  lstat(path: string) {
    return this.attempt(() => fs.lstatSync(path));
  }
  stat(path: string) {
    return this.attempt(() => fs.statSync(path));
  }
  readlink(path: string) {
    return this.attempt(() => fs.readlinkSync(path));
  }
  realpath(path: string) {
    return this.attempt(() => fs.realpathSync(path));
  }
  hashFile(path: string, algorithms: HashAlgorithm[], maxBytes = DEFAULT_MAX_HASH) {
    return this.attempt(() => hashBounded(path, algorithms, maxBytes, false));
  }
  localPath(path: string) {
    return path;
  }
  lastError() {
    return this.error;
  }
}
