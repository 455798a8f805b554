/**
 * Why a test that needs root is skipped, or false when running as root. Namespaces, mounts, device
 * nodes and chattr need it; `npm test` as a plain user runs everything else and lists these as
 * skipped with this reason (CI runs as root and runs them all).
 */
export const NEEDS_ROOT: string | false =
  process.getuid?.() === 0 ? false : 'needs root (namespaces, mounts, device nodes): run npm test as root to include it';

/** For fixture trees whose meaning depends on files being owned by root, as on a real system. */
export const NEEDS_ROOT_OWNED_FILES: string | false =
  process.getuid?.() === 0 ? false : 'needs root: the fixture files must be owned by root, as on a real system';
