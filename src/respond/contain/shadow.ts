import fs from 'node:fs';
import { writeOutputFile } from '../../output/write-file';

// Account locking on /etc/shadow directly, as `passwd -l` plus `usermod --expiredate 1` do: a "!"
// before the hash stops password logins, an expiry date in the past stops key logins too (sshd
// checks expiry). Only those two fields of that one line change; the rest is kept byte for byte.

export interface ShadowFields {
  password: string;
  expire: string;
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

export function shadowFields(text: string, user: string): ShadowFields | null {
  for (const line of splitLines(text)) {
    const f = line.split(':');
    if (f[0] === user && f.length >= 8) return { password: f[1], expire: f[7] };
  }
  return null;
}

/** The file with `user`'s password and expiry fields set; null if the user is not there. */
export function withFields(text: string, user: string, fields: ShadowFields): string | null {
  let found = false;
  const out = splitLines(text).map((line) => {
    const f = line.split(':');
    if (found || f[0] !== user || f.length < 8) return line;
    found = true;
    f[1] = fields.password;
    f[7] = fields.expire;
    return f.join(':');
  });
  return found ? out.join('\n') : null;
}

export function lockedFields(f: ShadowFields): ShadowFields {
  return { password: f.password.startsWith('!') ? f.password : `!${f.password}`, expire: '1' };
}

/** Replaces the file atomically, keeping its mode, owner and group. */
export function rewriteShadow(file: string, text: string): void {
  const st = fs.lstatSync(file);
  writeOutputFile(file, text, { overwrite: true, mode: st.mode & 0o7777 });
  fs.chownSync(file, st.uid, st.gid);
  fs.chmodSync(file, st.mode & 0o7777);
}
