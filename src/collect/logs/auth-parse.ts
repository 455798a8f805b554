// sshd messages as OpenSSH writes them to auth.log / secure. Usernames are attacker-chosen and may
// contain spaces or " from 1.2.3.4": the patterns anchor on the trailing "from IP port N", which
// sshd always writes last, so the greedy user group swallows any injected text.

export type AuthEventKind = 'failed' | 'invalid' | 'pam-failure' | 'preauth-closed' | 'max-attempts' | 'accepted';

export interface AuthEvent {
  kind: AuthEventKind;
  user: string;
  ip: string;
  /** "password", "publickey", "keyboard-interactive/pam" for failed/accepted. */
  method?: string;
  invalidUser?: boolean;
  /** Accepted publickey: the key type and fingerprint sshd logs after "ssh2: ". */
  keyType?: string;
  fingerprint?: string;
  /** rsyslog folds repeats into "message repeated N times: [ … ]". */
  repeat: number;
}

const PROGRAM = /^\S+ sshd(?:-session)?(?:\[\d+\])?: (.*)$/;
const REPEATED = /^message repeated (\d+) times: \[ ?(.*?) ?\]$/;
const FAILED = /^Failed (\S+) for (invalid user )?(.*) from (\S+) port \d+(?: ssh\d)?(?:: .*)?$/;
const INVALID = /^Invalid user (.*) from (\S+?)(?: port \d+)?$/;
const PAM = /^pam_unix\(sshd:auth\): authentication failure;.*\brhost=(\S+)(?:\s+user=(.*))?$/;
const CLOSED = /^(?:Connection closed|Disconnected) by authenticating user (.*) (\S+) port \d+ \[preauth\]$/;
const MAX = /^(?:error: )?maximum authentication attempts exceeded for (invalid user )?(.*) from (\S+) port \d+(?: ssh\d)? \[preauth\]$/;
const ACCEPTED = /^Accepted (\S+) for (.*) from (\S+) port \d+(?: ssh\d)?(?:: (.*))?$/;
// "RSA SHA256:base64", "ED25519-CERT SHA256:… ID x (serial 1) CA …", or the old "RSA aa:bb:…" MD5 form.
const KEY = /^(\S{1,40}) (SHA256:[A-Za-z0-9+/]{20,64}|MD5:[0-9a-f:]{47}|[0-9a-f]{2}(?::[0-9a-f]{2}){15})(?: |$)/;

/** The sshd event in the part of a syslog line after its timestamp, or null. */
export function parseSshdMessage(rest: string): AuthEvent | null {
  const p = PROGRAM.exec(rest);
  if (!p) return null;
  let msg = p[1];
  let repeat = 1;
  const r = REPEATED.exec(msg);
  if (r) {
    repeat = Math.min(Number(r[1]), 100000);
    msg = r[2];
  }
  let m: RegExpExecArray | null;
  if ((m = FAILED.exec(msg))) return { kind: 'failed', method: m[1], invalidUser: m[2] !== undefined, user: m[3], ip: m[4], repeat };
  if ((m = ACCEPTED.exec(msg))) {
    const k = m[4] === undefined ? null : KEY.exec(m[4]);
    const key = k ? { keyType: k[1], fingerprint: k[2] } : {};
    return { kind: 'accepted', method: m[1], user: m[2], ip: m[3], repeat: 1, ...key };
  }
  if ((m = INVALID.exec(msg))) return { kind: 'invalid', user: m[1], ip: m[2], invalidUser: true, repeat };
  if ((m = PAM.exec(msg))) return { kind: 'pam-failure', user: (m[2] ?? '').trim(), ip: m[1], repeat };
  if ((m = CLOSED.exec(msg))) return { kind: 'preauth-closed', user: m[1], ip: m[2], repeat };
  if ((m = MAX.exec(msg))) return { kind: 'max-attempts', user: m[2], ip: m[3], invalidUser: m[1] !== undefined, repeat };
  return null;
}
