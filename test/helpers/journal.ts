import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectAuthLog } from '../../src/collect/logs/auth-log';
import { RootHost } from '../../src/host/root-host';

// Real journal files for tests: systemd-journal-remote (Debian package systemd-journal-remote)
// turns the Journal Export Format on stdin into a .journal file, keeping the timestamps we choose.

export const JOURNAL_REMOTE = '/lib/systemd/systemd-journal-remote';

export interface JournalFixtureEntry {
  /** ISO time of the entry (__REALTIME_TIMESTAMP). */
  at: string;
  ident: string;
  pid?: number;
  message: string;
  host?: string;
  /** _COMM when it differs from the identifier. */
  comm?: string;
  /** More fields, e.g. a long one to make journald compress it. */
  extra?: Record<string, string>;
  /** Leave out SYSLOG_IDENTIFIER (kernel-style entries carry only _COMM). */
  noIdent?: boolean;
}

export interface JournalWriteOptions {
  /** SYSTEMD_JOURNAL_COMPRESS: 'XZ' | 'LZ4' | 'ZSTD' | '0' (default: the build's default, ZSTD on Debian 12). */
  compress?: string;
  /** SYSTEMD_JOURNAL_COMPACT: compact entry items (systemd 252 default) or the older 16-byte ones. */
  compact?: boolean;
}

const BOOT_ID = '6a8f3c5e2b1d4f7a9c0e1b2d3f4a5b6c';

function field(name: string, value: string): Buffer {
  // Values with a newline need the binary form: NAME\n, 64-bit little-endian length, data, \n.
  if (!value.includes('\n')) return Buffer.from(`${name}=${value}\n`);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(value)));
  return Buffer.concat([Buffer.from(`${name}\n`), len, Buffer.from(value), Buffer.from('\n')]);
}

export function exportFormat(entries: JournalFixtureEntry[]): Buffer {
  const parts: Buffer[] = [];
  entries.forEach((e, i) => {
    const us = BigInt(Date.parse(e.at)) * 1000n + BigInt(i % 1000);
    parts.push(field('__REALTIME_TIMESTAMP', us.toString()));
    parts.push(field('__MONOTONIC_TIMESTAMP', String(1_000_000 + i)));
    parts.push(field('_BOOT_ID', BOOT_ID));
    parts.push(field('_HOSTNAME', e.host ?? 'web1'));
    if (!e.noIdent) parts.push(field('SYSLOG_IDENTIFIER', e.ident));
    parts.push(field('_COMM', e.comm ?? e.ident));
    parts.push(field('_PID', String(e.pid ?? 1000 + i)));
    parts.push(field('PRIORITY', '6'));
    parts.push(field('MESSAGE', e.message));
    for (const [k, v] of Object.entries(e.extra ?? {})) parts.push(field(k, v));
    parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}

/** Writes `file` (must end in .journal) from the entries; returns the file path. */
export function writeJournal(file: string, entries: JournalFixtureEntry[], opts: JournalWriteOptions = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const env: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin', SYSTEMD_LOG_LEVEL: 'err' };
  if (opts.compress !== undefined) env.SYSTEMD_JOURNAL_COMPRESS = opts.compress;
  if (opts.compact !== undefined) env.SYSTEMD_JOURNAL_COMPACT = opts.compact ? '1' : '0';
  execFileSync(JOURNAL_REMOTE, [`--output=${file}`, '-'], { input: exportFormat(entries), env, stdio: ['pipe', 'ignore', 'pipe'] });
  return file;
}

/** Normal boot noise: kernel, systemd, networking, cron and a local console login. */
export function bootNoise(start: string, n = 40): JournalFixtureEntry[] {
  const t0 = Date.parse(start);
  const msgs: [string, string][] = [
    ['kernel', 'Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org)'],
    ['systemd', 'Started systemd-journald.service - Journal Service.'],
    ['systemd', 'Reached target multi-user.target - Multi-User System.'],
    ['sshd', 'Server listening on 0.0.0.0 port 22.'],
    ['sshd', 'Server listening on :: port 22.'],
    ['CRON', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)'],
    ['CRON', '(root) CMD (   test -x /etc/cron.daily/popularity-contest && /etc/cron.daily/popularity-contest --crond)'],
    ['CRON', 'pam_unix(cron:session): session closed for user root'],
    ['systemd-logind', 'New seat seat0.'],
    ['dhclient', 'bound to 192.0.2.10 -- renewal in 1800 seconds.'],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [ident, message] = msgs[i % msgs.length];
    return { at: new Date(t0 + i * 7000).toISOString(), ident, message, comm: ident === 'CRON' ? 'cron' : undefined };
  });
}

/** AuthLogFact produced by the real collector from a journal written into a throw-away root. */
export function journalAuthFacts(entries: JournalFixtureEntry[]): import('../../src/collect/logs/auth-log').AuthLogFact {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-journal-'));
  try {
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/timezone'), 'Etc/UTC\n');
    writeJournal(path.join(root, 'var/log/journal/0f1e2d3c4b5a69788796a5b4c3d2e1f0/system.journal'), entries);
    return collectAuthLog(new RootHost(root), () => {});
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
