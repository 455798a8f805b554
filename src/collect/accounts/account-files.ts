import type { Host } from '../../host/host';
import { defineCollector } from '../collector';

/**
 * What /etc/passwd and /etc/shadow say about each account's password, without ever keeping a
 * hash: only its kind and scheme id ("$6$"). The `users` fact stays the source of uid/gid/shell;
 * this one adds line numbers, password state, shadow change days and file times.
 */
export interface PasswordState {
  /** shadowed: "x" in passwd; locked: "!", "*", "!!" or "!<hash>"; empty: no password at all. */
  kind: 'shadowed' | 'locked' | 'empty' | 'hash';
  /** "$6$", "$y$", "$1$", "des" or "other" for a usable hash; null otherwise. */
  scheme: string | null;
}

export interface PasswdEntry {
  name: string;
  line: number;
  password: PasswordState;
  /** The line with the password field redacted, safe to print. */
  text: string;
}

export interface ShadowEntry {
  name: string;
  line: number;
  password: PasswordState;
  /** Field 3: day of the last password change, in days since 1970-01-01; null when empty. */
  lastChange: number | null;
  text: string;
}

export interface AccountFilesFact {
  passwd: { path: string; mtime: string | null; entries: PasswdEntry[] };
  /** readable false: no shadow data (unreadable or absent) — rules must not treat that as "no password". */
  shadow: { path: string; mtime: string | null; readable: boolean; entries: ShadowEntry[] };
  group: { path: string; mtime: string | null };
  /** First UID of ordinary (human) accounts from /etc/login.defs UID_MIN; 1000 when unset (RHEL 6 used 500). */
  uidMin: number;
}

declare module '../../model/facts' {
  interface Facts {
    accountFiles: AccountFilesFact;
  }
}

const MAX_ACCOUNT_FILE = 4 * 1024 * 1024;
const MAX_LINE_SHOWN = 400;

export function passwordState(field: string, inPasswd: boolean): PasswordState {
  if (field === '') return { kind: 'empty', scheme: null };
  if (inPasswd && field === 'x') return { kind: 'shadowed', scheme: null };
  if (field.startsWith('!') || field.startsWith('*')) return { kind: 'locked', scheme: null };
  const id = /^\$[0-9a-z]{1,4}\$/.exec(field);
  if (id) return { kind: 'hash', scheme: id[0] };
  // Traditional crypt(3) DES: 13 characters of [./0-9A-Za-z]. Anything else cannot match a typed password
  // for glibc, but is still a value an attacker chose, so it is kept as "other".
  if (/^[./0-9A-Za-z]{13}$/.test(field)) return { kind: 'hash', scheme: 'des' };
  return { kind: 'hash', scheme: 'other' };
}

/** "<$6$ hash redacted>": what evidence shows instead of a password field. */
export function redactedField(p: PasswordState, raw: string): string {
  if (p.kind === 'hash') return `<${p.scheme} hash redacted>`;
  if (p.kind === 'locked') return raw.length <= 2 ? raw : `${raw[0]}<locked hash redacted>`;
  return raw;
}

function redactLine(fields: string[], p: PasswordState): string {
  const copy = [...fields];
  copy[1] = redactedField(p, fields[1]);
  const line = copy.join(':');
  return line.length > MAX_LINE_SHOWN ? `${line.slice(0, MAX_LINE_SHOWN)}…` : line;
}

export function parsePasswdPasswords(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line || line.startsWith('#')) return;
    const f = line.split(':');
    if (f.length < 7) return;
    const password = passwordState(f[1], true);
    out.push({ name: f[0], line: i + 1, password, text: redactLine(f, password) });
  });
  return out;
}

export function parseShadow(text: string): ShadowEntry[] {
  const out: ShadowEntry[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line || line.startsWith('#')) return;
    const f = line.split(':');
    if (f.length < 2) return;
    const password = passwordState(f[1], false);
    const day = f[2] !== undefined && /^\d{1,6}$/.test(f[2]) ? Number(f[2]) : null;
    out.push({ name: f[0], line: i + 1, password, lastChange: day, text: redactLine(f, password) });
  });
  return out;
}

export function loginDefsUidMin(text: string | null): number {
  // Line by line: a multi-line /^\s*…$/m backtracks across every blank line (quadratic on a hostile file).
  for (const line of (text ?? '').split('\n')) {
    const m = /^UID_MIN\s+(\d{1,7})$/.exec(line.trim());
    if (m) return Number(m[1]);
  }
  return 1000;
}

function mtimeOf(host: Host, path: string): string | null {
  const st = host.stat(path);
  return st ? st.mtime.toISOString() : null;
}

export default defineCollector({
  name: 'accountFiles',
  description: 'Password state (never the hash), line numbers and change days from /etc/passwd and /etc/shadow, with file times.',
  paths: ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/login.defs'],
  collect({ host, gap }) {
    const passwdText = host.readText('/etc/passwd', MAX_ACCOUNT_FILE);
    // users.ts already records a gap for an unreadable /etc/passwd.
    const shadowText = host.readText('/etc/shadow', MAX_ACCOUNT_FILE);
    if (shadowText === null)
      gap('/etc/shadow', `${host.lastError() ?? 'unreadable'}: empty passwords and password changes cannot be checked`);
    return {
      passwd: { path: '/etc/passwd', mtime: mtimeOf(host, '/etc/passwd'), entries: parsePasswdPasswords(passwdText ?? '') },
      shadow: {
        path: '/etc/shadow',
        mtime: mtimeOf(host, '/etc/shadow'),
        readable: shadowText !== null,
        entries: parseShadow(shadowText ?? ''),
      },
      group: { path: '/etc/group', mtime: mtimeOf(host, '/etc/group') },
      uidMin: loginDefsUidMin(host.readText('/etc/login.defs', 256 * 1024)),
    };
  },
});
