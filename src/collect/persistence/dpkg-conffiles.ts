import { defineCollector } from '../collector';

declare module '../../model/facts' {
  interface Facts {
    /** Configuration files dpkg installed, with the md5 of the packaged version (path → md5). */
    dpkgConffiles: Record<string, string>;
  }
}

const STATUS = '/var/lib/dpkg/status';

/** " /etc/cron.d/e2scrub_all bc53…7026" lines of every package's Conffiles field. */
export function parseConffiles(status: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inField = false;
  for (const line of status.split('\n')) {
    if (line.startsWith('Conffiles:')) {
      inField = true;
      continue;
    }
    if (!inField) continue;
    if (!line.startsWith(' ')) {
      inField = false;
      continue;
    }
    const [path, md5, flag] = line.trim().split(/\s+/);
    // "newconffile" and "obsolete" entries carry no checksum of a file that is still shipped.
    if (path?.startsWith('/') && md5 && /^[0-9a-f]{32}$/.test(md5) && flag !== 'obsolete') out[path] = md5;
  }
  return out;
}

export default defineCollector({
  name: 'dpkgConffiles',
  description:
    'Checksums dpkg recorded for the configuration files it installed, to tell an edited cron or init file from the packaged one.',
  paths: [STATUS],
  collect({ host, gap }) {
    const text = host.readText(STATUS, 64 * 1024 * 1024);
    if (text === null) {
      const err = host.lastError();
      if (err !== 'ENOENT') gap(STATUS, err ?? 'unreadable');
      return {};
    }
    return parseConffiles(text);
  },
});
