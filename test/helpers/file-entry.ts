import type { FileEntry, FileInventoryFact } from '../../src/collect/files/file-inventory';

/** An old, root-owned, non-executable regular file in /etc; override what the case is about. */
export function fakeEntry(over: Partial<FileEntry> & { path: string }): FileEntry {
  return {
    kind: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size: 1234,
    mtime: '2026-01-10T08:00:00.000Z',
    ctime: '2026-01-10T08:00:00.000Z',
    role: 'etc',
    depth: 1,
    ...over,
  };
}

export const ELF_HASH = 'a'.repeat(64);

/** A dropped ELF program: executable, recent, hashed. */
export function fakeElf(over: Partial<FileEntry> & { path: string }): FileEntry {
  return fakeEntry({
    mode: 0o755,
    magic: 'elf',
    size: 2_400_000,
    sha256: ELF_HASH,
    mtime: '2026-11-19T03:12:00.000Z',
    ctime: '2026-11-19T03:12:00.000Z',
    ...over,
  });
}

export function inventory(...entries: FileEntry[]): FileInventoryFact {
  return { walked: ['/tmp', '/var/tmp', '/dev/shm', '/usr/bin', '/etc'], entries };
}
