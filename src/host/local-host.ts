import fs from 'node:fs';
import { decodeName, fsPath } from './byte-names';
import { FsHost } from './fs-host';

/** The running machine: target paths are the analyst's paths. */
export class LocalHost extends FsHost {
  readonly kind = 'live' as const;
  readonly root = '/';
  readonly hasLiveState = true;
  protected readonly resolvedIsFinal = false;

  protected resolve(path: string) {
    return path;
  }
  realpath(path: string) {
    return this.attempt(() => decodeName(fs.realpathSync(fsPath(path), { encoding: 'buffer' })));
  }
}
