import fs from 'node:fs';
import path from 'node:path';
import { fsPath } from './byte-names';
import { FsHost } from './fs-host';
import { resolveInside } from './resolve-inside';

/** A mounted disk or extracted image. Nothing it contains can make us read outside it. */
export class RootHost extends FsHost {
  readonly kind = 'root' as const;
  readonly hasLiveState = false;
  readonly root: string;
  protected readonly resolvedIsFinal = true;

  constructor(root: string) {
    super();
    const abs = path.resolve(root);
    const st = fs.statSync(abs);
    if (!st.isDirectory()) throw new Error(`--root ${root} is not a directory`);
    this.root = fs.realpathSync(abs);
  }

  protected resolve(p: string, followFinal: boolean): string {
    return resolveInside(this.root, p, followFinal).localPath;
  }
  realpath(p: string) {
    return this.attempt(() => {
      const r = resolveInside(this.root, p, true);
      fs.lstatSync(fsPath(r.localPath));
      return r.targetPath;
    });
  }
}
