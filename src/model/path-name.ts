/** The last component of a target path ("/usr/bin/xmrig" → "xmrig"); the whole string when it has no "/". */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
