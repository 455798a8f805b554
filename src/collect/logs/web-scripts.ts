import type { Host } from '../../host/host';
import { defineCollector } from '../collector';
import { iso } from './log-time';
import { clip } from './read-log';

export interface WebScript {
  path: string;
  size: number;
  mtime: string | null;
  /** Lines (or pieces of long lines) naming request input or code execution; what webshell patterns are matched against. */
  snippets: string[];
}

export interface WebScriptsFact {
  roots: string[];
  scanned: number;
  files: WebScript[];
}

declare module '../../model/facts' {
  interface Facts {
    webScripts: WebScriptsFact;
  }
}

/** Where web servers keep their document roots by default (the content scan walks them too). */
export const DEFAULT_WEB_ROOTS = [
  '/var/www',
  '/usr/share/nginx/html',
  '/srv/www',
  '/srv/http',
  '/var/lib/tomcat9/webapps',
  '/usr/share/tomcat/webapps',
  '/opt/tomcat/webapps',
];
const SERVER_CONFIGS = [
  '/etc/nginx/sites-enabled',
  '/etc/nginx/conf.d',
  '/etc/apache2/sites-enabled',
  '/etc/httpd/conf.d',
  '/etc/httpd/conf',
];
const SCRIPT = /\.(php\d?|phtml|pht|phar|inc|jsp|jspx|jspf|asp|aspx|ashx|asmx|asa|cer|cdx)$/i;
const TOKENS =
  /\$_(POST|GET|REQUEST|COOKIE|SERVER)|php:\/\/input|\b(eval|assert|system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec|preg_replace|create_function|call_user_func(_array)?|array_map|usort|gzinflate|gzuncompress|base64_decode|str_rot13|getRuntime|ProcessBuilder|getParameter|getReader|getInputStream|defineClass|ClassLoader|Cipher|openssl_decrypt|Request|execute(global)?)\b/i;
const MAX_FILES = 50_000;
const MAX_DEPTH = 14;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_SNIPPETS = 200;
const PIECE = 800;

const ROOT_DIRECTIVE = /^(?:root|DocumentRoot)\s+"?([^";\s]+)"?\s*;?$/i;

/** Document roots named in nginx/apache configs, when they are not under the default ones. */
export function configuredRoots(host: Host): string[] {
  const out: string[] = [];
  for (const dir of SERVER_CONFIGS) {
    for (const name of host.readDir(dir) ?? []) {
      const text = host.readText(`${dir}/${name}`, 512 * 1024);
      if (!text) continue;
      // Line by line: a multi-line /^\s*…/m backtracks across every blank line of a hostile config (quadratic).
      for (const raw of text.split('\n')) {
        const m = ROOT_DIRECTIVE.exec(raw.trim());
        if (m?.[1].startsWith('/')) out.push(m[1].replace(/\/+$/, ''));
      }
    }
  }
  return out;
}

export function scriptSnippets(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    // Packed webshells are one enormous line: look at it in overlapping pieces.
    for (let i = 0; i < line.length && out.length < MAX_SNIPPETS; i += PIECE - 100) {
      const piece = line.length > PIECE ? line.slice(i, i + PIECE) : line;
      if (TOKENS.test(piece)) out.push(clip(piece.trim(), PIECE));
      if (line.length <= PIECE) break;
    }
    if (out.length >= MAX_SNIPPETS) break;
  }
  return out;
}

export default defineCollector({
  name: 'webScripts',
  description:
    'Server-side scripts (PHP, JSP, ASP) under web roots, with the lines that take request input or execute code, for webshell detection.',
  paths: [...DEFAULT_WEB_ROOTS.map((r) => `${r}/**`), ...SERVER_CONFIGS.map((c) => `${c}/*`)],
  collect({ host, gap }) {
    const candidates = [...DEFAULT_WEB_ROOTS, ...configuredRoots(host)];
    const roots = candidates.filter(
      (r, i) =>
        candidates.indexOf(r) === i && !candidates.some((o) => o !== r && r.startsWith(`${o}/`)) && !/^\/(proc|sys|dev)(\/|$)/.test(r),
    );
    const files: WebScript[] = [];
    let scanned = 0;
    let entries = 0;
    const walk = (dir: string, depth: number) => {
      if (depth > MAX_DEPTH || entries > MAX_FILES) return;
      const names = host.readDir(dir);
      if (names === null) {
        if (host.lastError() !== 'ENOENT' && host.lastError() !== 'ENOTDIR') gap(dir, host.lastError() ?? 'unreadable');
        return;
      }
      for (const name of names.sort()) {
        if (++entries > MAX_FILES) {
          gap(dir, `stopped after ${MAX_FILES} entries`);
          return;
        }
        const path = `${dir}/${name}`;
        const st = host.lstat(path);
        if (!st) continue;
        if (st.isDirectory()) {
          if (name !== '.git' && name !== 'node_modules') walk(path, depth + 1);
          continue;
        }
        if (!st.isFile() || !SCRIPT.test(name)) continue;
        scanned++;
        const buf = host.readFile(path, MAX_FILE_BYTES);
        if (buf === null) {
          gap(path, host.lastError() ?? 'unreadable');
          continue;
        }
        const snippets = scriptSnippets(buf.toString('latin1'));
        if (snippets.length > 0) files.push({ path, size: st.size, mtime: iso(st.mtimeMs), snippets });
      }
    };
    for (const r of roots) walk(r, 0);
    return { roots: roots.filter((r) => host.lstat(r) !== null), scanned, files };
  },
});
