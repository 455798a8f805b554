import fs from 'node:fs';
import path from 'node:path';

/**
 * What a Linux root file system has that an empty or unmounted directory does not: `etc/`, and
 * `usr/` or `bin/`. Returns the missing names (empty when it looks like a root). Only lstat, so
 * a symlink inside the image is never followed to the analyst's own files.
 */
export function missingRootDirs(root: string): ('etc' | 'usr-or-bin')[] {
  const has = (name: string) => {
    try {
      const st = fs.lstatSync(path.join(root, name));
      return st.isDirectory() || st.isSymbolicLink();
    } catch {
      return false;
    }
  };
  const missing: ('etc' | 'usr-or-bin')[] = [];
  if (!has('etc')) missing.push('etc');
  if (!has('usr') && !has('bin')) missing.push('usr-or-bin');
  return missing;
}
