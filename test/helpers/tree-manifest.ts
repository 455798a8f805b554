import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getFlags, getXattrs } from '../../src/respond/file-metadata';

/**
 * Everything undo promises to put back, for every entry below dir: type, content hash, link
 * value, mode, owner, mtime to the nanosecond, xattrs and inode flags (directories included).
 */
export function treeManifest(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const local = path.join(dir, rel);
    const st = fs.lstatSync(local, { bigint: true });
    const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    const parts = [type, `mode=${(st.mode & 0o7777n).toString(8)}`, `owner=${st.uid}:${st.gid}`, `mtime=${st.mtimeNs}`];
    if (type === 'file') parts.push(`sha256=${createHash('sha256').update(fs.readFileSync(local)).digest('hex')}`);
    if (type === 'link') parts.push(`-> ${fs.readlinkSync(local)}`);
    if (type === 'file' || type === 'dir') {
      parts.push(`flags=${getFlags(local)}`);
      parts.push(`xattrs=${JSON.stringify(getXattrs(local))}`);
    }
    out.set(rel === '' ? '/' : rel, parts.join(' '));
    if (type === 'dir') for (const n of fs.readdirSync(local).sort()) if (!skip(path.join(rel, n))) walk(path.join(rel, n));
  };
  walk('');
  return out;
}

/** The entries that differ, as "path: before | after" lines (empty when equal). */
export function manifestDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(k) !== after.get(k)) out.push(`${k}: ${before.get(k) ?? '(absent)'} | ${after.get(k) ?? '(absent)'}`);
  }
  return out.sort();
}
