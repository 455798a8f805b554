import fs from 'node:fs';
import path from 'node:path';
import { decodeName, fsPath } from './byte-names';

const MAX_LINKS = 40;

export interface Resolved {
  /** Path as the target sees it ("/etc/crontab"). */
  targetPath: string;
  /** Path the analyst's process opens (root + targetPath). */
  localPath: string;
}

/**
 * Resolves a target path inside an offline root the way the target's kernel would, but with
 * the root as "/": absolute symlinks and ".." can never climb out to the analyst's own files.
 */
export function resolveInside(root: string, targetPath: string, followFinal: boolean): Resolved {
  const queue = splitPath(targetPath);
  const stack: string[] = [];
  let links = 0;
  while (queue.length > 0) {
    const comp = queue.shift() as string;
    if (comp === '' || comp === '.') continue;
    if (comp === '..') {
      stack.pop();
      continue;
    }
    const isLast = queue.length === 0;
    const candidate = path.join(root, ...stack, comp);
    let st: fs.Stats | null = null;
    try {
      st = fs.lstatSync(fsPath(candidate));
    } catch {
      st = null;
    }
    if (st?.isSymbolicLink() && (!isLast || followFinal)) {
      if (++links > MAX_LINKS) {
        const err = new Error(`too many symbolic links: ${targetPath}`) as NodeJS.ErrnoException;
        err.code = 'ELOOP';
        throw err;
      }
      const link = decodeName(fs.readlinkSync(fsPath(candidate), { encoding: 'buffer' }));
      if (link.startsWith('/')) stack.length = 0;
      queue.unshift(...splitPath(link));
      continue;
    }
    stack.push(comp);
  }
  const targetResolved = `/${stack.join('/')}`;
  return { targetPath: targetResolved, localPath: path.join(root, ...stack) };
}

function splitPath(p: string): string[] {
  return p.split('/').filter((c) => c.length > 0);
}
