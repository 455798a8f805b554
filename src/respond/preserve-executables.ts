import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processByPid } from '../analyze/facts-index';
import { atLeast, type Finding, type Severity } from '../model/finding';
import type { Snapshot } from '../model/facts';

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
  error?: string;
}

export interface EvidenceManifest {
  schema: 'hostsweep/evidence-executables@1';
  host: string;
  createdAt: string;
  minSeverity: Severity;
  executables: PreservedExecutable[];
}

const CHUNK = 1 << 20;
const MAX_BYTES = 1024 * 1024 * 1024;

/** A file name that cannot escape the directory or confuse a shell: [A-Za-z0-9._-] only. */
export function safeName(name: string): string {
  const s = name
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 64);
  return s === '' ? 'unnamed' : s;
}

function copyHashed(src: string, dest: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const input = fs.openSync(src, fs.constants.O_RDONLY);
  let output: number | null = null;
  try {
    output = fs.openSync(dest, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    let bytes = 0;
    for (;;) {
      const n = fs.readSync(input, buf, 0, CHUNK, null);
      if (n <= 0) break;
      hash.update(buf.subarray(0, n));
      fs.writeSync(output, buf, 0, n);
      bytes += n;
      if (bytes >= MAX_BYTES) throw new Error(`larger than ${MAX_BYTES} bytes: copy truncated`);
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    fs.closeSync(input);
    if (output !== null) fs.closeSync(output);
  }
}

/**
 * Copies /proc/<pid>/exe of each process referenced by a finding at or above minSeverity into
 * dir/<pid>-<name>.bin (mode 0600), writes dir/manifest.json, and adds the hash to each of those
 * findings' evidence. Live targets only: an offline image has no running processes.
 */
export function preserveExecutables(
  findings: Finding[],
  snapshot: Snapshot,
  dir: string,
  minSeverity: Severity = 'medium',
): EvidenceManifest {
  const manifest: EvidenceManifest = {
    schema: 'hostsweep/evidence-executables@1',
    host: snapshot.target.hostname,
    createdAt: new Date().toISOString(),
    minSeverity,
    executables: [],
  };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
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
      const file = `${pid}-${safeName(name)}.bin`;
      const copied = copyHashed(`/proc/${pid}/exe`, path.join(dir, file));
      entry.file = file;
      entry.sha256 = copied.sha256;
      entry.bytes = copied.bytes;
      for (const f of related)
        f.evidence.push(`executable sha256 ${copied.sha256} (${copied.bytes} bytes, copied to ${path.join(dir, file)})`);
    } catch (e) {
      entry.error = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    }
    manifest.executables.push(entry);
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}
