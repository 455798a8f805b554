import type { Host } from '../../host/host';

// Classic syslog stamps ("Nov 25 12:00:01") carry neither year nor zone: the zone comes from the
// target's own /etc/timezone or /etc/localtime (not the analyst's), the year from the file's mtime.

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** IANA zone name of the target, or null when unknown or not valid. */
export function targetTimeZone(host: Host): string | null {
  const fromFile = host.readText('/etc/timezone', 256)?.trim().split('\n')[0]?.trim();
  const link = host.readlink('/etc/localtime');
  const fromLink = link ? /zoneinfo\/(.+)$/.exec(link)?.[1] : undefined;
  for (const zone of [fromFile, fromLink]) {
    if (zone && isValidZone(zone)) return zone;
  }
  return null;
}

function isValidZone(zone: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Converts the wall-clock time of one zone to UTC instants; offsets cached per hour. */
export class ZoneClock {
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly cache = new Map<number, number>();

  constructor(readonly zone: string | null) {
    this.fmt =
      zone === null || zone === 'UTC' || zone === 'Etc/UTC'
        ? null
        : new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** Offset of the zone at a UTC instant, in ms (UTC+8 → +28800000). */
  private offsetAt(utcMs: number): number {
    if (!this.fmt) return 0;
    const hour = Math.floor(utcMs / 3600_000);
    const hit = this.cache.get(hour);
    if (hit !== undefined) return hit;
    const p: Record<string, number> = {};
    for (const part of this.fmt.formatToParts(new Date(hour * 3600_000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const off = asUtc - hour * 3600_000;
    this.cache.set(hour, off);
    return off;
  }

  /** UTC ms of a wall-clock time in this zone. */
  toUtc(year: number, month: number, day: number, h: number, m: number, s: number): number {
    const wall = Date.UTC(year, month, day, h, m, s);
    const first = wall - this.offsetAt(wall);
    const second = this.offsetAt(first);
    return wall - second;
  }
}

const CLASSIC = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) /;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2}) /;

export interface StampedLine {
  /** UTC ms, or null when the line has no recognisable stamp. */
  ms: number | null;
  /** The rest of the line after the stamp ("host prog[pid]: message"). */
  rest: string;
}

/**
 * Parses the leading timestamp of a syslog line. `refMs` is the time the file was last written:
 * a classic stamp that would fall after it belongs to the previous year (December lines in a
 * log rotated in January).
 */
export function parseSyslogStamp(line: string, refMs: number, clock: ZoneClock): StampedLine {
  const c = CLASSIC.exec(line);
  if (c) {
    const month = MONTHS[c[1]];
    if (month === undefined) return { ms: null, rest: line };
    const refYear = new Date(refMs).getUTCFullYear();
    const args = [month, Number(c[2]), Number(c[3]), Number(c[4]), Number(c[5])] as const;
    let ms = clock.toUtc(refYear, ...args);
    if (ms > refMs + 2 * 86400_000) ms = clock.toUtc(refYear - 1, ...args);
    return { ms, rest: line.slice(c[0].length) };
  }
  const r = RFC3339.exec(line);
  if (r) {
    const zone = r[8] === 'Z' ? 0 : (r[8][0] === '-' ? -1 : 1) * (Number(r[8].slice(1, 3)) * 60 + Number(r[8].slice(-2))) * 60_000;
    const frac = r[7] ? Math.floor(Number(`0${r[7]}`) * 1000) : 0;
    const ms = Date.UTC(Number(r[1]), Number(r[2]) - 1, Number(r[3]), Number(r[4]), Number(r[5]), Number(r[6]), frac) - zone;
    return { ms: Number.isFinite(ms) ? ms : null, rest: line.slice(r[0].length) };
  }
  return { ms: null, rest: line };
}

export function iso(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
