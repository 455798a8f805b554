import { mappedFiles, newlyMapped } from '../../host/libc';
import type { RuleSource } from '../../intel/yara/builtin';

/** What a content rule says about itself (its YARA meta section). */
export interface ContentRuleMeta {
  /** The YARA rule name. */
  rule: string;
  /** meta.id, else the rule name. */
  id: string;
  severity?: string;
  attack?: string;
  description?: string;
  zh?: string;
}

export interface ContentHit {
  meta: ContentRuleMeta;
  /** A few matches of the rule's patterns, the longest (most telling) first. */
  matches: { offset: number; length: number }[];
}

/** Evaluates content rules over a buffer; the engine behind it is replaceable. */
export interface Scanner {
  readonly engine: string;
  readonly ruleCount: number;
  scan(data: Buffer): ContentHit[];
}

/** A rule file that does not compile; the message names the file and line. */
export class RuleCompileError extends Error {}

interface YaraRules {
  scan(data: Buffer): {
    ruleIdentifier: string;
    meta?: Record<string, unknown>;
    matches: { offset: number; length: number; identifier?: string }[];
  }[];
  getWarnings(): unknown[];
}
interface YaraModule {
  compile(source: string): YaraRules;
}

let cached: YaraModule | string = 'not loaded yet';
let loaded = false;
let nativeFiles: string[] = [];

/**
 * Imports the YARA-X binding once. Lazily and asynchronously (like koffi): a machine where its
 * native part cannot load (no prebuilt binary for the platform, old glibc) loses only the content
 * scan, reported as a gap.
 */
export async function loadYara(): Promise<void> {
  if (loaded) return;
  loaded = true;
  const before = mappedFiles();
  try {
    const mod = (await import('./yara-native.cjs')) as unknown as YaraModule & { default?: YaraModule };
    cached = typeof mod.compile === 'function' ? mod : (mod.default ?? mod);
    nativeFiles = newlyMapped(before);
  } catch (e) {
    cached = (e as Error).message.split('\n')[0] || 'unknown error';
  }
}

/** The YARA-X binding (after loadYara), or why it could not load. */
export function loadYaraModule(): YaraModule | string {
  return cached;
}

/** Native files the binding mapped into this process: ours, not an injected hook. */
export function yaraNativeFiles(): string[] {
  return nativeFiles;
}

const MAX_MATCHES = 4;

function str(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** "error[E025]: unknown pattern `$x` --> line:3:21" becomes "rules.yar:3:21: unknown pattern `$x`". */
function compileMessage(file: string, err: Error): string {
  const text = err.message;
  const where = /-->\s*line:(\d+):(\d+)/.exec(text);
  const what = /error\[[A-Z0-9]+\]:\s*([^\n]+)/.exec(text)?.[1] ?? text.split('\n')[0];
  return where ? `${file}:${where[1]}:${where[2]}: ${what}` : `${file}: ${what}`;
}

/**
 * Compiles rule files with YARA-X. Each file is compiled alone first so an error names its file
 * and line; then all together (rule names must be unique across files).
 */
export function compileYara(sources: RuleSource[], yara: YaraModule): Scanner {
  for (const s of sources) {
    try {
      yara.compile(s.source);
    } catch (e) {
      throw new RuleCompileError(compileMessage(s.file, e as Error));
    }
  }
  let rules: YaraRules;
  try {
    rules = yara.compile(sources.map((s) => s.source).join('\n'));
  } catch (e) {
    throw new RuleCompileError(compileMessage(sources.map((s) => s.file).join(' + '), e as Error));
  }
  const ruleCount = sources.reduce((n, s) => n + (s.source.match(/^\s*(private\s+|global\s+)*rule\s+\w+/gm)?.length ?? 0), 0);
  return {
    engine: 'yara-x',
    ruleCount,
    scan(data) {
      return rules.scan(data).map((r) => {
        const m = r.meta ?? {};
        const quoted = r.matches.filter((x) => !x.identifier?.startsWith('$ctx_'));
        // Longest first: the full pool URL or command line says more than a keyword beside it.
        const matches = [...(quoted.length > 0 ? quoted : r.matches)]
          .sort((a, b) => b.length - a.length || a.offset - b.offset)
          .slice(0, MAX_MATCHES);
        return {
          meta: {
            rule: r.ruleIdentifier,
            id: str(m.id) ?? r.ruleIdentifier,
            severity: str(m.severity),
            attack: str(m.attack),
            description: str(m.description),
            zh: str(m.zh),
          },
          matches: matches.map((x) => ({ offset: x.offset, length: x.length })),
        };
      });
    },
  };
}

/** The content scanner over the given rule files, or why there is none. Compile errors throw. */
export function makeScanner(sources: RuleSource[]): Scanner | string {
  const yara = loadYaraModule();
  if (typeof yara === 'string') return `YARA-X binding @litko/yara-x-linux-x64-gnu could not load (${yara})`;
  return compileYara(sources, yara);
}
