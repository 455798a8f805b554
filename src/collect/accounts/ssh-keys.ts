import type { Intel } from '../../intel/schema';
import { createHash } from 'node:crypto';
import type { Host } from '../../host/host';
import type { UserFact } from '../users';
import { defineCollector } from '../collector';
import type { SshdConfigFact } from './sshd-config';
import { type TargetFact, TargetResolver } from '../persistence/command-targets';
import { readPersistenceFile } from '../persistence/file-info';

/** A program a forced command runs, as found on the target: who owns it, who may write it, what it says. */
export interface ForcedProgram extends TargetFact {
  uid: number | null;
  mode: number | null;
  /** Mode and owner of the directory holding it: whoever can write there can swap the program. */
  dirMode: number | null;
  dirUid: number | null;
  /** The script's text (bounded); null for a compiled program or an unreadable file. */
  text: string | null;
  binary: boolean;
}

export interface AuthorizedKey {
  file: string;
  line: number;
  /** Account whose keys file this is (the first, if several share a home). */
  user: string;
  type: string;
  /** "SHA256:…" as ssh-keygen -lf prints it; null when the blob is not valid base64. */
  fingerprint: string | null;
  comment: string;
  /** The options text before the key type, as written ("" when none). */
  optionsText: string;
  /** Parsed options: name (lower case) → value ("" for flags like no-pty). */
  options: Record<string, string>;
  /** The line with the key blob shortened, safe and short enough for evidence. */
  text: string;
  /** What command="…" runs on the target (absent in older snapshots and for keys without one). */
  commandPrograms?: ForcedProgram[];
}

export interface KeysFile {
  path: string;
  /** Accounts that would be authorized by this file (same home or %u pattern). */
  users: string[];
  /** "home": the default .ssh/authorized_keys{,2}; "config": named by AuthorizedKeysFile. */
  via: 'home' | 'config';
  mtime: string | null;
  mode: number;
  uid: number;
  symlink: string | null;
  /** Mode and owner of the directory holding it (.ssh) and of the home. */
  dirMode: number | null;
  dirUid: number | null;
  homeMode: number | null;
  homeUid: number | null;
  /** Lines that look like keys sshd would reject (bad base64, unknown type). */
  malformed: number;
}

export interface SshKeysFact {
  files: KeysFile[];
  keys: AuthorizedKey[];
}

declare module '../../model/facts' {
  interface Facts {
    sshKeys: SshKeysFact;
  }
}

const MAX_KEYS_FILE = 1024 * 1024;
const DEFAULT_FILES = ['.ssh/authorized_keys', '.ssh/authorized_keys2'];
const KEY_TYPE =
  /^(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com|[\w-]+-cert-v01@openssh\.com)$/;

/** Splits "opt1,opt2="a,b",opt3 rest" into the options text and the rest, honouring quotes. */
function splitOptions(line: string): [string, string] {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ' ' || ch === '\t')) return [line.slice(0, i), line.slice(i).trimStart()];
  }
  return [line, ''];
}

export function parseKeyOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    let name = '';
    while (i < text.length && text[i] !== '=' && text[i] !== ',') name += text[i++];
    let value = '';
    if (text[i] === '=') {
      i++;
      if (text[i] === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && text[i + 1] === '"') i++;
          value += text[i++];
        }
        i++;
      } else {
        while (i < text.length && text[i] !== ',') value += text[i++];
      }
    }
    const key = name.trim().toLowerCase();
    // Repeated options (several permitopen=) are kept, separated by newlines.
    if (key) out[key] = key in out ? `${out[key]}\n${value}` : value;
    while (i < text.length && text[i] !== ',') i++;
    i++;
  }
  return out;
}

export function fingerprint(blob: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return null;
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length < 16) return null;
  return `SHA256:${createHash('sha256').update(bytes).digest('base64').replace(/=+$/, '')}`;
}

function shortBlob(blob: string): string {
  return blob.length > 24 ? `${blob.slice(0, 12)}…${blob.slice(-8)}` : blob;
}

/** Key lines of one authorized_keys file; malformed counts lines sshd would skip. */
export function parseAuthorizedKeys(text: string, file: string, user: string): { keys: AuthorizedKey[]; malformed: number } {
  const keys: AuthorizedKey[] = [];
  let malformed = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    let optionsText = '';
    let rest = line;
    if (!KEY_TYPE.test(line.split(/[ \t]/, 1)[0])) [optionsText, rest] = splitOptions(line);
    const [type = '', blob = '', ...commentWords] = rest.split(/[ \t]+/);
    if (!KEY_TYPE.test(type)) {
      malformed++;
      return;
    }
    const fp = fingerprint(blob);
    if (fp === null) malformed++;
    const comment = commentWords.join(' ').slice(0, 200);
    const shownOptions = optionsText.length > 600 ? `${optionsText.slice(0, 600)}…` : optionsText;
    keys.push({
      file,
      line: i + 1,
      user,
      type,
      fingerprint: fp,
      comment,
      optionsText,
      options: optionsText ? parseKeyOptions(optionsText.slice(0, 8192)) : {},
      text: [shownOptions, type, shortBlob(blob), comment].filter((s) => s !== '').join(' '),
    });
  });
  return { keys, malformed };
}

/** AuthorizedKeysFile tokens: %h home, %u user, %U uid, %% a percent sign; relative paths are under home. */
export function expandKeysPath(pattern: string, u: UserFact): string {
  const expanded = pattern.replace(/%[%huU]/g, (t) => (t === '%%' ? '%' : t === '%h' ? u.home : t === '%u' ? u.name : String(u.uid)));
  return expanded.startsWith('/') ? expanded : `${u.home.replace(/\/+$/, '')}/${expanded}`;
}

/** Every AuthorizedKeysFile pattern sshd could use, with "home" for the compiled-in default. */
export function keysFilePatterns(cfg: SshdConfigFact | undefined): { pattern: string; via: 'home' | 'config' }[] {
  const out: { pattern: string; via: 'home' | 'config' }[] = DEFAULT_FILES.map((pattern) => ({ pattern, via: 'home' }));
  for (const o of cfg?.options ?? []) {
    if (o.key !== 'authorizedkeysfile') continue;
    for (const a of o.args) {
      if (a.toLowerCase() === 'none' || out.some((x) => x.pattern === a)) continue;
      out.push({ pattern: a, via: 'config' });
    }
  }
  return out;
}

/** Scripts a forced command runs are read this far: enough to see what they do, bounded for the snapshot. */
const MAX_FORCED_SCRIPT = 64 * 1024;

/** The programs and scripts one forced command runs, with owner, modes and (for scripts) text. */
export function forcedPrograms(
  host: Host,
  resolver: TargetResolver,
  command: string,
  gap: (p: string, r: string) => void,
): ForcedProgram[] {
  return resolver.resolve(command.slice(0, 4096)).map((t) => {
    const path = t.resolved ?? t.path;
    const none = { ...t, uid: null, mode: null, dirMode: null, dirUid: null, text: null, binary: false };
    if (!t.exists || path === null) return none;
    const read = readPersistenceFile(host, path, gap);
    const dir = host.lstat(parentDir(path));
    return {
      ...none,
      uid: read?.info.uid ?? null,
      mode: read ? read.info.mode & 0o7777 : null,
      dirMode: dir ? dir.mode & 0o7777 : null,
      dirUid: dir ? dir.uid : null,
      text: read?.text ? read.text.slice(0, MAX_FORCED_SCRIPT) : null,
      binary: read?.binary ?? false,
    };
  });
}

function parentDir(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}

export function collectKeys(
  host: Host,
  users: UserFact[],
  cfg: SshdConfigFact | undefined,
  gap: (p: string, r: string) => void,
  paths: Intel['paths'],
): SshKeysFact {
  const files = new Map<string, KeysFile>();
  const keys: AuthorizedKey[] = [];
  const resolver = new TargetResolver(host, paths);
  for (const { pattern, via } of keysFilePatterns(cfg)) {
    for (const u of users) {
      if (!u.home || u.home === '/nonexistent' || (!u.home.startsWith('/') && !pattern.startsWith('/'))) continue;
      const path = expandKeysPath(pattern, u);
      const known = files.get(path);
      if (known) {
        if (!known.users.includes(u.name)) known.users.push(u.name);
        continue;
      }
      const lst = host.lstat(path);
      if (!lst) continue;
      const st = lst.isSymbolicLink() ? host.stat(path) : lst;
      const text = host.readText(path, MAX_KEYS_FILE);
      if (text === null) {
        if (lst.isSymbolicLink() || host.lastError() !== 'ENOENT') gap(path, host.lastError() ?? 'unreadable');
        if (!st) continue;
      }
      const dir = host.lstat(parentDir(path));
      const home = host.lstat(u.home);
      const parsed = parseAuthorizedKeys(text ?? '', path, u.name);
      files.set(path, {
        path,
        users: [u.name],
        via,
        mtime: (st ?? lst).mtime.toISOString(),
        mode: (st ?? lst).mode & 0o7777,
        uid: (st ?? lst).uid,
        symlink: lst.isSymbolicLink() ? host.readlink(path) : null,
        dirMode: dir ? dir.mode & 0o7777 : null,
        dirUid: dir ? dir.uid : null,
        homeMode: home ? home.mode & 0o7777 : null,
        homeUid: home ? home.uid : null,
        malformed: parsed.malformed,
      });
      for (const k of parsed.keys)
        if (k.options.command !== undefined) k.commandPrograms = forcedPrograms(host, resolver, k.options.command, gap);
      keys.push(...parsed.keys);
    }
  }
  return { files: [...files.values()], keys };
}

export default defineCollector({
  name: 'sshKeys',
  description:
    'Authorized SSH keys of every account with a home (authorized_keys, authorized_keys2 and every AuthorizedKeysFile of sshd_config): type, fingerprint, comment, options, file modes and times.',
  paths: ['~/.ssh/authorized_keys', '~/.ssh/authorized_keys2', 'AuthorizedKeysFile paths from sshd_config'],
  after: ['users', 'sshdConfig'],
  collect({ host, facts, gap, intel }) {
    return collectKeys(host, facts.users?.users ?? [], facts.sshdConfig, gap, intel.paths);
  },
});
