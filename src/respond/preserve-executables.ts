import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processByPid } from '../analyze/facts-index';
import { atLeast, type Finding, type Severity } from '../model/finding';
import type { Snapshot } from '../model/facts';
import { makeOutputDir, writeOutputFile } from '../output/write-file';

// Copies the running image of every flagged process before anyone kills it: /proc/<pid>/exe
// opens the program even when its file was deleted from disk (the miner's favourite trick),
// so this is often the only copy left. Part of the evidence bundle; never changes the target.

export interface PreservedExecutable {
  pid: number;
  name: string;
  /** The exe link at copy time ("/tmp/x (deleted)"). */
  exe: string | null;
  /** Copy inside the evidence directory (relative), or null when the copy failed. */
  file: string | null;
  sha256: string | null;
  bytes: number;
  rules: string[];
  /** The same program (same sha256) was already copied for another process: `file` is that copy. */
  duplicate?: boolean;
  /** Why no copy was made: an errno code, or "size-cap" when the file or the total cap was reached. */
  error?: string;
}

export interface EvidenceManifest {
  schema: 'hostsweep/evidence-executables@1';
  host: string;
  createdAt: string;
  minSeverity: Severity;
  /** The cap on all copies together, and what they used (each program counted once). */
  maxTotalBytes: number;
  totalBytes: number;
  executables: PreservedExecutable[];
}

const CHUNK = 1 << 20;

export interface PreserveOptions {
  /** Copy programs of processes flagged at or above this (default medium). */
  minSeverity?: Severity;
  /** One program larger than this is not copied (default 1 GiB). */
  maxFileBytes?: number;
  /** All copies together stay below this (default 2 GiB): evidence must not fill the disk it is saved on. */
  maxTotalBytes?: number;
}

export const EVIDENCE_LIMITS = { maxFileBytes: 1024 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 * 1024 };

/** A file name that cannot escape the directory or confuse a shell: [A-Za-z0-9._-] only. */
export function safeName(name: string): string {
  const s = name
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 64);
  return s === '' ? 'unnamed' : s;
}

class CopyRefused extends Error {}

/** Copies `src` to a new temporary file in `dir` while hashing it; at most `limit` bytes. */
function copyHashed(src: string, dir: string, limit: number): { tmp: string; sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const input = fs.openSync(src, fs.constants.O_RDONLY);
  const tmp = path.join(dir, `.copy-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let output: number | null = null;
  try {
    if (fs.fstatSync(input).size > limit) throw new CopyRefused('over the evidence size cap');
    output = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    let bytes = 0;
    for (;;) {
      const n = fs.readSync(input, buf, 0, CHUNK, null);
      if (n <= 0) break;
      bytes += n;
      if (bytes > limit) throw new CopyRefused('over the evidence size cap');
      hash.update(buf.subarray(0, n));
      fs.writeSync(output, buf, 0, n);
    }
    return { tmp, sha256: hash.digest('hex'), bytes };
  } catch (e) {
    if (output !== null) fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    fs.closeSync(input);
    if (output !== null) fs.closeSync(output);
  }
}

/**
 * Where this run's evidence goes: `dir` itself when it is new or empty, otherwise a new
 * `run-<time>` directory inside it, so runs are never mixed and nothing is overwritten.
 * Refuses a symlink or a non-directory (OutputPathError).
 */
export function evidenceRunDir(dir: string, now: Date = new Date()): string {
  makeOutputDir(dir);
  if (fs.readdirSync(dir).length === 0) return dir;
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (let i = 0; ; i++) {
    const run = path.join(dir, `run-${stamp}${i === 0 ? '' : `-${i}`}`);
    try {
      fs.mkdirSync(run, { mode: 0o700 });
      return run;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw e;
    }
  }
}

/**
 * Copies /proc/<pid>/exe of each process referenced by a finding at or above minSeverity into
 * dir/<pid>-<name>.bin (mode 0600), writes dir/manifest.json, and adds the hash to each of those
 * findings' evidence. The same program running as many processes is copied once (same sha256,
 * same file), and all copies stay under a total size cap. Live targets only: an offline image has
 * no running processes. `dir` should come from evidenceRunDir.
 */
export function preserveExecutables(findings: Finding[], snapshot: Snapshot, dir: string, opts: PreserveOptions = {}): EvidenceManifest {
  const minSeverity = opts.minSeverity ?? 'medium';
  const maxFile = opts.maxFileBytes ?? EVIDENCE_LIMITS.maxFileBytes;
  const maxTotal = opts.maxTotalBytes ?? EVIDENCE_LIMITS.maxTotalBytes;
  const manifest: EvidenceManifest = {
    schema: 'hostsweep/evidence-executables@1',
    host: snapshot.target.hostname,
    createdAt: new Date().toISOString(),
    minSeverity,
    maxTotalBytes: maxTotal,
    totalBytes: 0,
    executables: [],
  };
  makeOutputDir(dir);
  const byPid = new Map<number, Finding[]>();
  if (snapshot.target.kind === 'live') {
    for (const f of findings) {
      if (f.pid === undefined || f.pid <= 0 || !atLeast(f.severity, minSeverity)) continue;
      const list = byPid.get(f.pid);
      if (list) list.push(f);
      else byPid.set(f.pid, [f]);
    }
  }
  const hidden = new Map((snapshot.facts.hiddenProcesses?.hidden ?? []).map((h) => [h.pid, h.process]));
  const byHash = new Map<string, string>();
  for (const [pid, related] of [...byPid].sort((a, b) => a[0] - b[0])) {
    const known = processByPid(snapshot, pid) ?? hidden.get(pid) ?? null;
    const name = known?.name ?? related[0].process?.name ?? 'unknown';
    const entry: PreservedExecutable = {
      pid,
      name,
      exe: null,
      file: null,
      sha256: null,
      bytes: 0,
      rules: [...new Set(related.map((f) => f.rule))],
    };
    try {
      entry.exe = fs.readlinkSync(`/proc/${pid}/exe`);
      const copied = copyHashed(`/proc/${pid}/exe`, dir, Math.min(maxFile, maxTotal - manifest.totalBytes));
      let file = byHash.get(copied.sha256);
      if (file) {
        fs.rmSync(copied.tmp, { force: true });
        entry.duplicate = true;
      } else {
        file = `${pid}-${safeName(name)}.bin`;
        try {
          fs.linkSync(copied.tmp, path.join(dir, file));
        } finally {
          fs.rmSync(copied.tmp, { force: true });
        }
        byHash.set(copied.sha256, file);
        manifest.totalBytes += copied.bytes;
      }
      entry.file = file;
      entry.sha256 = copied.sha256;
      entry.bytes = copied.bytes;
      for (const f of related)
        f.evidence.push(`executable sha256 ${copied.sha256} (${copied.bytes} bytes, copied to ${path.join(dir, file)})`);
    } catch (e) {
      entry.error = e instanceof CopyRefused ? 'size-cap' : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    manifest.executables.push(entry);
  }
  writeOutputFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}
