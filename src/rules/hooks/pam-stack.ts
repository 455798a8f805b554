import { baseName } from '../../model/path-name';
import type { PamEntry, PamFact, PamFile } from '../../collect/hooks/pam';

export interface StackEntry extends PamEntry {
  file: PamFile;
}

const MAX_DEPTH = 8;

function isInclude(e: PamEntry): boolean {
  return e.type === '@include' || e.control === 'include' || e.control === 'substack';
}

/** The entries of one management type a service really runs, with @include/include/substack expanded. */
export function expandStack(pam: PamFact, service: PamFile, type: string, depth = 0, seen = new Set<string>()): StackEntry[] {
  if (depth > MAX_DEPTH || seen.has(`${service.path}#${service.service}`)) return [];
  const nextSeen = new Set(seen).add(`${service.path}#${service.service}`);
  const out: StackEntry[] = [];
  for (const e of service.entries) {
    if (isInclude(e)) {
      if (e.type !== '@include' && e.type !== type) continue;
      const target = pam.files.find((f) => f.service === e.module || f.path === e.module);
      if (target) out.push(...expandStack(pam, target, type, depth + 1, nextSeen));
      continue;
    }
    if (e.type === type) out.push({ ...e, file: service });
  }
  return out;
}

/** "pam_unix.so" / "/lib/security/pam_unix.so" → "pam_unix". */
export function moduleName(module: string): string {
  return baseName(module).replace(/\.so$/, '');
}

/** Module paths that PAM resolves itself (relative names) or that live in a module directory. */
export function inModuleDir(path: string, dirs: string[]): boolean {
  return dirs.some((d) => path.startsWith(`${d}/`)) || /^\/(?:usr\/)?lib(?:64|32)?\/(?:[\w-]+\/)?security\/[^/]+$/.test(path);
}

export function pamEvidence(e: { file: PamFile; n: number; text: string }): string {
  return `${e.file.path}:${e.n}: ${e.text.trim()}`;
}
