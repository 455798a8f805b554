import type { Intel } from '../../intel/intel';

// Query strings as a webshell's operator writes them: the command sits in a parameter, plain
// (?cmd=whoami) or base64-encoded (?z1=d2hvYW1p, AntSword and China Chopper style). The patterns are
// intel (logs.webshellQuery); this file only takes the query apart.

const MAX_QUERY = 4096;
const MAX_PARAMS = 50;
const BASE64 = /^[A-Za-z0-9+/_-]{8,}={0,2}$/;

interface Compiled {
  id: string;
  param: RegExp | null;
  value: RegExp;
}

const cache = new WeakMap<Intel, Compiled[]>();

function compiled(intel: Intel): Compiled[] {
  let c = cache.get(intel);
  if (!c) {
    c = intel.logs.webshellQuery.map((p) => ({
      id: p.id,
      param: p.param ? new RegExp(p.param, 'i') : null,
      value: new RegExp(p.value, 'i'),
    }));
    cache.set(intel, c);
  }
  return c;
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The text a base64 value stands for, when it decodes to mostly printable text. */
export function decodeBase64Text(value: string): string | null {
  if (value.length > MAX_QUERY || !BASE64.test(value)) return null;
  const text = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  if (text.length < 2) return null;
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13) printable++;
  }
  return printable / text.length >= 0.9 ? text : null;
}

/** Which webshell query patterns a query string (without "?") matches; `decoded` when a base64 value did. */
export function queryCommands(intel: Intel, query: string): { id: string; decoded?: string }[] {
  const patterns = compiled(intel);
  const out: { id: string; decoded?: string }[] = [];
  const seen = new Set<string>();
  for (const pair of query.slice(0, MAX_QUERY).split('&').slice(0, MAX_PARAMS)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = percentDecode(pair.slice(0, eq).replace(/\+/g, ' '));
    const raw = pair.slice(eq + 1);
    const value = percentDecode(raw.replace(/\+/g, ' '));
    // base64 keeps "+" as a digit: decode it from the percent-decoded text, not the form-decoded one.
    const decoded = decodeBase64Text(percentDecode(raw));
    for (const p of patterns) {
      if (seen.has(p.id)) continue;
      if ((p.param === null || p.param.test(name)) && p.value.test(value)) {
        seen.add(p.id);
        out.push({ id: p.id });
      } else if (decoded !== null && p.value.test(decoded)) {
        seen.add(p.id);
        out.push({ id: p.id, decoded: decoded.slice(0, 200) });
      }
    }
  }
  return out;
}
