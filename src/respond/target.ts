import fs from 'node:fs';
import path from 'node:path';
import { ActionError } from './action';

const MAX_LINKS = 40;

/**
 * The system a response changes: the live machine ("/") or a mounted disk (--root DIR). Every
 * path an action changes goes through `local`, which resolves it inside the root and refuses a
 * path that would leave the root through a symbolic link, instead of quietly following it.
 */
export class ResponseTarget {
  readonly kind: 'live' | 'root';
  readonly root: string;

  constructor(root?: string) {
    if (root === undefined) {
      this.kind = 'live';
      this.root = '/';
      return;
    }
    const abs = path.resolve(root);
    const st = fs.statSync(abs);
    if (!st.isDirectory()) throw new Error(`--root ${root} is not a directory`);
    this.kind = 'root';
    this.root = fs.realpathSync(abs);
  }

  /**
   * Where the analyst's process finds the target path `p`. Symbolic links in the directories
   * above are followed only while they stay inside the root; the final component is never
   * followed (actions lstat it and open it with O_NOFOLLOW). Throws ActionError otherwise.
   */
  local(p: string): string {
    return resolveForChange(this.root, p);
  }

  /** The same, or null with the reason. */
  tryLocal(p: string): { local: string } | { refused: ActionError } {
    try {
      return { local: this.local(p) };
    } catch (e) {
      if (e instanceof ActionError) return { refused: e };
      throw e;
    }
  }
}

function refuse(p: string, link: string, value: string): never {
  throw new ActionError({
    en: `${p}: the symbolic link ${link} -> ${value} leads outside the target root; refusing to change anything through it`,
    'zh-CN': `${p}：符号链接 ${link} -> ${value} 指向目标根目录之外，拒绝通过它修改任何内容`,
  });
}

export function resolveForChange(root: string, targetPath: string): string {
  if (!targetPath.startsWith('/'))
    throw new ActionError({ en: `${targetPath}: not an absolute path`, 'zh-CN': `${targetPath}：不是绝对路径` });
  const live = root === '/';
  const queue = targetPath.split('/').filter((c) => c.length > 0);
  const stack: string[] = [];
  let links = 0;
  while (queue.length > 0) {
    const comp = queue.shift() as string;
    if (comp === '.') continue;
    if (comp === '..') {
      stack.pop();
      continue;
    }
    if (queue.length === 0) {
      stack.push(comp);
      break;
    }
    const candidate = path.join(root, ...stack, comp);
    let st: fs.Stats | null = null;
    try {
      st = fs.lstatSync(candidate);
    } catch {
      st = null;
    }
    if (st?.isSymbolicLink()) {
      if (++links > MAX_LINKS)
        throw new ActionError({ en: `${targetPath}: too many symbolic links`, 'zh-CN': `${targetPath}：符号链接层数过多` });
      const value = fs.readlinkSync(candidate);
      const linkPath = `/${[...stack, comp].join('/')}`;
      if (value.startsWith('/')) {
        if (!live) refuse(targetPath, linkPath, value);
        stack.length = 0;
      } else if (!live) {
        // A relative link that climbs above the root would leave it on the analyst's kernel.
        let depth = stack.length;
        for (const c of value.split('/')) {
          if (c === '..') depth--;
          else if (c !== '' && c !== '.') depth++;
          if (depth < 0) refuse(targetPath, linkPath, value);
        }
      }
      queue.unshift(...value.split('/').filter((c) => c.length > 0));
      continue;
    }
    stack.push(comp);
  }
  return path.join(root, ...stack);
}
