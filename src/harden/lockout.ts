import fs from 'node:fs';
import type { Text } from '../respond/action';
import type { Facts } from '../model/facts';

// A hardening change must never lock out the person applying it. Before sshd stops accepting
// passwords (or root passwords), find how the operator logged in: the sshd process that owns this
// session (an ancestor of hostsweep) wrote "Accepted <method> for <user>" to the auth log under its
// PID; SSH_CONNECTION names the address and port when the environment kept it.

export interface OperatorLogin {
  via: 'ssh' | 'local' | 'unknown';
  user?: string;
  method?: string;
  ip?: string;
  /** The auth-log line or process that says so. */
  evidence?: string;
}

/** PIDs from this process up to init, as /proc/<pid>/stat tells them (live only). */
export function ancestorPids(start = process.pid, readStat = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8')): number[] {
  const out: number[] = [];
  let pid = start;
  for (let i = 0; i < 64 && pid > 1; i++) {
    out.push(pid);
    try {
      const stat = readStat(pid);
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return out;
}

/** How the operator of this (live) session logged in. */
export function operatorLogin(facts: Partial<Facts>, env: NodeJS.ProcessEnv, ancestors: number[]): OperatorLogin {
  const accepted = facts.authLog?.accepted ?? [];
  const sshdPids = new Set(ancestors);
  for (const a of [...accepted].reverse()) {
    const pid = Number(/\bsshd(?:-session)?\[(\d+)\]/.exec(a.line)?.[1]);
    if (sshdPids.has(pid)) return { via: 'ssh', user: a.user, method: a.method, ip: a.ip, evidence: a.line };
  }
  const conn = (env.SSH_CONNECTION ?? '').split(' ');
  if (conn.length >= 2 && conn[0] !== '') {
    const [ip, port] = conn;
    const hit = [...accepted].reverse().find((a) => a.ip === ip && a.line.includes(` port ${port} `));
    if (hit) return { via: 'ssh', user: hit.user, method: hit.method, ip, evidence: hit.line };
    return { via: 'unknown', ip, evidence: `SSH_CONNECTION=${env.SSH_CONNECTION}` };
  }
  // Through sudo the environment is reset, but an sshd ancestor still betrays a remote session.
  const sshdAncestor = (facts.processes ?? []).find((p) => sshdPids.has(p.pid) && /^sshd/.test(p.name));
  if (sshdAncestor) return { via: 'unknown', evidence: `ancestor ${sshdAncestor.name} (PID ${sshdAncestor.pid}) without an auth-log line` };
  return { via: 'local' };
}

const PASSWORD_METHODS = /^(password|keyboard-interactive)/;

/** Accounts that have at least one authorized key sshd would accept. */
export function usersWithKeys(facts: Partial<Facts>): Set<string> {
  const out = new Set<string>();
  const files = new Map((facts.sshKeys?.files ?? []).map((f) => [f.path, f]));
  for (const k of facts.sshKeys?.keys ?? []) {
    if (!k.fingerprint) continue;
    for (const u of files.get(k.file)?.users ?? [k.user]) out.add(u);
  }
  return out;
}

const LOGIN_SHELL = /(^|\/)(ba|z|k|c|tc|da|fi)?sh$/;

/**
 * Why setting `key value` would lock someone out, or null when it is safe. Live: the operator's
 * own login decides. Offline (--root): nobody is logged in, so the change must leave a way in by
 * key for some account that can log in.
 */
export function lockoutReason(
  key: string,
  value: string,
  facts: Partial<Facts>,
  target: 'live' | 'root',
  operator: OperatorLogin,
): Text | null {
  const k = key.toLowerCase();
  const disablesPasswords =
    ((k === 'passwordauthentication' || k === 'kbdinteractiveauthentication') && value === 'no') ||
    (k === 'permitrootlogin' && value !== 'yes');
  if (!disablesPasswords) return null;
  const keyed = usersWithKeys(facts);
  if (target === 'live') {
    if (operator.via === 'unknown')
      return {
        en: `you are logged in over SSH but the auth log does not say how (${operator.evidence ?? '?'}); not changing ${key} while that could be your way in`,
        'zh-CN': `你通过 SSH 登录，但认证日志无法说明登录方式（${operator.evidence ?? '?'}）；在无法确认前不修改 ${key}`,
      };
    if (operator.via === 'ssh' && PASSWORD_METHODS.test(operator.method ?? '')) {
      const rootOnly = k === 'permitrootlogin';
      if (!rootOnly || operator.user === 'root')
        return {
          en: `you logged in as ${operator.user} from ${operator.ip} with a ${operator.method}; ${key} ${value} would refuse your next login. Log in with a key first`,
          'zh-CN': `你以 ${operator.user} 身份从 ${operator.ip} 使用 ${operator.method} 登录；设置 ${key} ${value} 会拒绝你的下一次登录。请先改用密钥登录`,
        };
    }
    const user = operator.user ?? 'root';
    if (operator.via === 'ssh' && !keyed.has(user) && (k !== 'permitrootlogin' || user === 'root'))
      return {
        en: `${user} has no authorized key; after ${key} ${value} there would be no way back in as ${user}`,
        'zh-CN': `${user} 没有已授权的公钥；设置 ${key} ${value} 后将无法再以 ${user} 身份登录`,
      };
    return null;
  }
  const shells = new Map((facts.users?.users ?? []).map((u) => [u.name, u.shell]));
  const canLogin = [...keyed].filter((u) => LOGIN_SHELL.test(shells.get(u) ?? ''));
  if (k === 'permitrootlogin') {
    const others = (facts.users?.users ?? []).filter((u) => u.name !== 'root' && u.uid >= 1000 && LOGIN_SHELL.test(u.shell));
    if (keyed.has('root') || others.length > 0) return null;
    return {
      en: `root has no authorized key and no other account can log in; ${key} ${value} could leave no way in`,
      'zh-CN': `root 没有已授权的公钥，也没有其他可登录账号；设置 ${key} ${value} 可能导致无法登录`,
    };
  }
  if (canLogin.length > 0) return null;
  return {
    en: `no account with a login shell has an authorized key; ${key} ${value} would leave no way in`,
    'zh-CN': `没有任何可登录账号配置了已授权的公钥；设置 ${key} ${value} 将导致无法登录`,
  };
}
