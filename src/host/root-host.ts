import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_HASH, DEFAULT_MAX_READ, type Host } from './host';
import { type HashAlgorithm, hashBounded } from './hash-bounded';
import { readBounded } from './read-bounded';
import { resolveInside } from './resolve-inside';

/** A mounted disk or extracted image. Nothing it contains can make us read outside it. */
export class RootHost implements Host {
  readonly kind = 'root' as const;
  readonly hasLiveState = false;
  readonly root: string;
  private error: string | null = null;

  constructor(root: string) {
    const abs = path.resolve(root);
    const st = fs.statSync(abs);
    if (!st.isDirectory()) throw new Error(`--root ${root} is not a directory`);
    this.root = fs.realpathSync(abs);
  }

  private attempt<T>(fn: () => T): T | null {
    try {
      this.error = null;
      return fn();
    } catch (e) {
      this.error = (e as NodeJS.ErrnoException).code ?? String(e);
      return null;
    }
  }
  private local(p: string, followFinal: boolean): string {
    return resolveInside(this.root, p, followFinal).localPath;
  }
  readFile(p: string, maxBytes = DEFAULT_MAX_READ) {
    return this.attempt(() => readBounded(this.local(p, true), maxBytes, true));
  }
  readText(p: string, maxBytes = DEFAULT_MAX_READ) {
    return this.readFile(p, maxBytes)?.toString('utf8') ?? null;
  }
  readDir(p: string) {
    return this.attempt(() => fs.readdirSync(this.local(p, true)));
  }
  lstat(p: string) {
    return this.attempt(() => fs.lstatSync(this.local(p, false)));
  }
  stat(p: string) {
    return this.attempt(() => fs.lstatSync(this.local(p, true)));
  }
  readlink(p: string) {
    return this.attempt(() => fs.readlinkSync(this.local(p, false)));
  }
  realpath(p: string) {
    return this.attempt(() => {
      const r = resolveInside(this.root, p, true);
      fs.lstatSync(r.localPath);
      return r.targetPath;
    });
  }
  hashFile(p: string, algorithms: HashAlgorithm[], maxBytes = DEFAULT_MAX_HASH) {
    return this.attempt(() => hashBounded(this.local(p, true), algorithms, maxBytes, true));
  }
  localPath(p: string) {
    return this.attempt(() => this.local(p, true));
  }
  lastError() {
    return this.error;
  }
}
