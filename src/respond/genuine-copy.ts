import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { extract } from 'tar-stream';
import { ActionError } from './action';
import type { ResponseTarget } from './target';

// Where a genuine copy of a trojaned package file can come from, verified against the md5 the
// package database recorded: the original the trojan renamed and wraps (ps → .ps, ps.old), the
// target's own package cache, or a directory of packages the operator gives (--packages DIR).

export type GenuineSource =
  /** A file of the target (target path). */
  | { kind: 'file'; path: string }
  /** A member of a .deb: on the target (target path) or on the analyst's machine (local path). */
  | { kind: 'deb'; deb: string; on: 'target' | 'local'; member: string };

export interface GenuineCopy {
  source: GenuineSource;
  description: string;
}

const MAX = 256 * 1024 * 1024;
const DPKG_DEB = '/usr/bin/dpkg-deb';

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

function readRegular(local: string): Buffer | null {
  try {
    const fd = fs.openSync(local, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.size > MAX) return null;
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** Reads one member of a .deb's data archive through dpkg-deb (absolute path, no shell). */
export async function debMember(debLocal: string, member: string): Promise<Buffer | null> {
  let tar: Buffer;
  try {
    tar = execFileSync(DPKG_DEB, ['--fsys-tarfile', debLocal], { maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
  const want = new Set([`.${member}`, member.slice(1), member]);
  return new Promise((resolve) => {
    const ex = extract();
    let found: Buffer | null = null;
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      const take = want.has(header.name) && header.type === 'file';
      stream.on('data', (c: unknown) => {
        if (take) chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        if (take) found = Buffer.concat(chunks);
        next();
      });
      stream.resume();
    });
    ex.on('finish', () => resolve(found));
    ex.on('error', () => resolve(null));
    ex.end(tar);
  });
}

/** Absolute paths a small wrapper script runs ("/usr/bin/.ps "$@" | grep -v …"). */
function pathsInScript(data: Buffer): string[] {
  if (data.length > 64 * 1024 || !data.subarray(0, 2).equals(Buffer.from('#!'))) return [];
  return [...new Set(data.toString('latin1').match(/\/[A-Za-z0-9._+/-]+/g) ?? [])];
}

function debsFor(dirLocal: string, pkg: string): string[] {
  try {
    return fs
      .readdirSync(dirLocal)
      .filter((n) => n.startsWith(`${pkg}_`) && n.endsWith('.deb'))
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

/**
 * Finds a copy whose md5 equals the package database's. Candidates in the target's own tree are
 * checked now; .deb members are checked again when the action runs.
 */
export async function findGenuineCopy(
  target: ResponseTarget,
  targetPath: string,
  expectedMd5: string,
  pkg: string,
  packagesDir?: string,
): Promise<GenuineCopy | null> {
  const dir = path.posix.dirname(targetPath);
  const base = path.posix.basename(targetPath);
  const candidates = new Set<string>();
  const trojan = readRegular(target.local(targetPath));
  if (trojan) for (const p of pathsInScript(trojan)) if (p !== targetPath) candidates.add(p);
  try {
    for (const n of fs.readdirSync(target.local(`${dir}/.`))) if (n !== base && n.includes(base)) candidates.add(`${dir}/${n}`);
  } catch {
    // unreadable directory: no renamed original to find there
  }
  for (const c of candidates) {
    const r = target.tryLocal(c);
    if ('refused' in r) continue;
    const data = readRegular(r.local);
    if (data && md5(data) === expectedMd5) return { source: { kind: 'file', path: c }, description: c };
  }
  const member = targetPath;
  const archives = '/var/cache/apt/archives';
  const cache = target.tryLocal(`${archives}/.`);
  if (!('refused' in cache)) {
    for (const deb of debsFor(cache.local, pkg)) {
      const data = await debMember(path.join(cache.local, deb), member);
      if (data && md5(data) === expectedMd5)
        return { source: { kind: 'deb', deb: `${archives}/${deb}`, on: 'target', member }, description: `${archives}/${deb}` };
    }
  }
  if (packagesDir) {
    for (const deb of debsFor(packagesDir, pkg)) {
      const local = path.resolve(packagesDir, deb);
      const data = await debMember(local, member);
      if (data && md5(data) === expectedMd5) return { source: { kind: 'deb', deb: local, on: 'local', member }, description: local };
    }
  }
  return null;
}

/** The genuine bytes, verified again; throws when the source changed or vanished. */
export async function readGenuine(target: ResponseTarget, source: GenuineSource, expectedMd5: string): Promise<Buffer> {
  let data: Buffer | null;
  if (source.kind === 'file') data = readRegular(target.local(source.path));
  else data = await debMember(source.on === 'target' ? target.local(source.deb) : source.deb, source.member);
  if (!data) throw new ActionError({ en: 'the genuine copy is no longer readable', 'zh-CN': '原始文件副本已无法读取' });
  if (md5(data) !== expectedMd5)
    throw new ActionError({
      en: `the genuine copy no longer matches the package database (md5 ${md5(data)}, expected ${expectedMd5})`,
      'zh-CN': `原始文件副本与软件包数据库不再一致（md5 ${md5(data)}，应为 ${expectedMd5}）`,
    });
  return data;
}
