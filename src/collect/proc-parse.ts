// Parsers for /proc text formats. Pure functions: the attacker controls comm and cmdline.

export interface ProcStat {
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** Controlling terminal as a device number (0: none); same encoding as stat().rdev. */
  ttyNr: number;
  flags: number;
  utime: number;
  stime: number;
  threads: number;
  startTicks: number;
  rssPages: number;
}

/** PF_KTHREAD in task flags: set only for real kernel threads. */
export const PF_KTHREAD = 0x00200000;

export function parseStat(text: string): ProcStat | null {
  // comm is between the first "(" and the LAST ")" — it may itself contain ") (".
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 2).split(' ');
  if (rest.length < 22) return null;
  return {
    comm: text.slice(open + 1, close),
    state: rest[0],
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    session: Number(rest[3]),
    ttyNr: Number(rest[4]),
    flags: Number(rest[6]),
    utime: Number(rest[11]),
    stime: Number(rest[12]),
    threads: Number(rest[17]),
    startTicks: Number(rest[19]),
    rssPages: Number(rest[21]),
  };
}

export function parseStatusField(status: string, field: string): string | null {
  const re = new RegExp(`^${field}:\\s*(.*)$`, 'm');
  const m = re.exec(status);
  return m ? m[1] : null;
}

export function splitNul(buf: Buffer): string[] {
  const parts = buf.toString('utf8').split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export interface MappedFile {
  path: string;
  deleted: boolean;
  executable: boolean;
}

/** Unique files mapped into a process, from /proc/PID/maps. */
export function parseMaps(text: string): MappedFile[] {
  const seen = new Map<string, MappedFile>();
  for (const line of text.split('\n')) {
    // address perms offset dev inode pathname — the pathname starts at column 73 on 64-bit but
    // may contain spaces, so split the first five fields and keep the rest whole.
    let idx = 0;
    let field = 0;
    let perms = '';
    while (field < 5 && idx < line.length) {
      const next = line.indexOf(' ', idx);
      if (next < 0) {
        idx = line.length;
        break;
      }
      if (field === 1) perms = line.slice(idx, next);
      idx = next + 1;
      field++;
      while (line[idx] === ' ') idx++;
    }
    if (field < 5) continue;
    let p = line.slice(idx);
    if (!p.startsWith('/')) continue;
    let deleted = false;
    if (p.endsWith(' (deleted)')) {
      deleted = true;
      p = p.slice(0, -' (deleted)'.length);
    }
    const prev = seen.get(p);
    const executable = perms.includes('x');
    if (prev) prev.executable ||= executable;
    else seen.set(p, { path: p, deleted, executable });
  }
  return [...seen.values()];
}

/** "/usr/bin/x (deleted)" → { path, deleted }. memfd executables look like "/memfd:name (deleted)". */
export function parseExeLink(link: string): { path: string; deleted: boolean; memfd: boolean } {
  let p = link;
  let deleted = false;
  if (p.endsWith(' (deleted)')) {
    deleted = true;
    p = p.slice(0, -' (deleted)'.length);
  }
  return { path: p, deleted, memfd: p.startsWith('/memfd:') };
}

export function socketInode(link: string): number | null {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}
