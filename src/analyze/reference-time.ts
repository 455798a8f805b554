import type { Host } from '../host/host';

const PROBE_DIRS = [
  '/var/log',
  '/var/log/nginx',
  '/var/log/apache2',
  '/var/log/httpd',
  '/etc',
  '/var/spool/cron',
  '/var/spool/cron/crontabs',
  '/tmp',
  '/root',
];

/**
 * An offline image is examined days after the incident, so "recent" is measured from the newest
 * file time in the places that change on a running server, never later than the analyst's clock.
 */
export function imageReferenceTime(host: Host, analystNow: Date): Date {
  let newest = 0;
  const limit = analystNow.getTime();
  for (const dir of PROBE_DIRS) {
    for (const name of host.readDir(dir) ?? []) {
      const st = host.lstat(`${dir}/${name}`);
      if (!st) continue;
      const t = st.mtimeMs;
      if (t > newest && t <= limit) newest = t;
    }
  }
  return newest > 0 ? new Date(newest) : analystNow;
}
