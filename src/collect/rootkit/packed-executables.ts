import { createHash } from 'node:crypto';
import { pathSpellings } from '../../model/path-name';
import { defineCollector } from '../collector';
import { elfSummary, isElf, packerMagic, shannonEntropy } from './entropy';

export interface ExecutableSample {
  /** The executable's target path (for memfd executables, "/memfd:name"). */
  path: string;
  /** Where the bytes were read: /proc/<pid>/exe for running programs (works when deleted). */
  readFrom: string;
  source: 'process' | 'tmp' | 'hidden';
  pids: number[];
  deleted: boolean;
  /** Bytes examined (the first SAMPLE_BYTES of the file). */
  sampledBytes: number;
  /** Bits per byte over the examined bytes, 3 decimals. */
  entropy: number;
  /** A packer signature near the start or end ("UPX!"), or null. */
  magic: string | null;
  /** ELF section header count; null when the ELF header could not be read. */
  sectionHeaders: number | null;
  /** sha256 of the whole file, when it fit in the sample. */
  sha256: string | null;
}

export interface PackedExecutablesFact {
  /** Package-owned executables are not read: the package database vouches for them. */
  skippedPackageOwned: number;
  samples: ExecutableSample[];
}

declare module '../../model/facts' {
  interface Facts {
    packedExecutables: PackedExecutablesFact;
  }
}

const SAMPLE_BYTES = 4 * 1024 * 1024;
const MAX_FILES = 200;
const MAX_TOTAL_BYTES = 128 * 1024 * 1024;

export default defineCollector({
  name: 'packedExecutables',
  description:
    'Entropy, packer signatures (UPX!) and section-table presence of the executables of running processes that no package owns, and of ELF files in temporary or hidden directories (from the file inventory).',
  paths: ['/proc/[pid]/exe', '/tmp/**', '/var/tmp/**', '/dev/shm/**', 'hidden directories found by the file inventory'],
  // Reads processes, packages and fileInventory when present: registry order puts them first.
  collect({ host, intel, facts, gap }) {
    const owned = facts.packages?.manager ? new Set(facts.packages.files) : null;
    const isOwned = (p: string) => owned !== null && pathSpellings(p).some((s) => owned.has(s));
    const wanted = new Map<string, { readFrom: string; source: ExecutableSample['source']; pids: number[]; deleted: boolean }>();
    let skippedPackageOwned = 0;

    for (const p of facts.processes ?? []) {
      if (p.kernelThread || p.exe === null) continue;
      const key = `${p.exe}${p.exeDeleted ? ' (deleted)' : ''}`;
      const seen = wanted.get(key);
      if (seen) {
        seen.pids.push(p.pid);
        continue;
      }
      if (!p.exeDeleted && !p.exeMemfd && isOwned(p.exe)) {
        skippedPackageOwned++;
        continue;
      }
      wanted.set(key, { readFrom: `/proc/${p.pid}/exe`, source: 'process', pids: [p.pid], deleted: p.exeDeleted });
    }
    for (const e of facts.fileInventory?.entries ?? []) {
      if (e.kind !== 'file' || e.magic !== 'elf' || e.size < intel.rootkit.packedMinBytes) continue;
      const source = e.role === 'tmp' ? 'tmp' : e.hidden ? 'hidden' : null;
      if (source === null || wanted.has(e.path)) continue;
      if (isOwned(e.path)) {
        skippedPackageOwned++;
        continue;
      }
      wanted.set(e.path, { readFrom: e.path, source, pids: [], deleted: false });
    }

    const samples: ExecutableSample[] = [];
    let totalBytes = 0;
    for (const [key, w] of wanted) {
      if (samples.length >= MAX_FILES || totalBytes >= MAX_TOTAL_BYTES) {
        gap(w.readFrom, 'packed-executable check limit reached');
        break;
      }
      // One byte past the sample tells whether the whole file was read (and can be hashed).
      const buf = host.readFile(w.readFrom, SAMPLE_BYTES + 1);
      if (buf === null) {
        if (host.lastError() !== 'ENOENT') gap(w.readFrom, host.lastError() ?? 'unreadable');
        continue;
      }
      if (!isElf(buf)) continue;
      const whole = buf.length <= SAMPLE_BYTES;
      const sample = whole ? buf : buf.subarray(0, SAMPLE_BYTES);
      totalBytes += sample.length;
      samples.push({
        path: key.endsWith(' (deleted)') ? key.slice(0, -' (deleted)'.length) : key,
        readFrom: w.readFrom,
        source: w.source,
        pids: w.pids,
        deleted: w.deleted,
        sampledBytes: sample.length,
        entropy: Math.round(shannonEntropy(sample) * 1000) / 1000,
        magic: packerMagic(sample, intel.rootkit.packerMagics),
        sectionHeaders: elfSummary(sample)?.sectionHeaders ?? null,
        sha256: whole ? createHash('sha256').update(buf).digest('hex') : null,
      });
    }
    return { skippedPackageOwned, samples };
  },
});
