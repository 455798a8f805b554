import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { ctextBy, cui } from '../../i18n/contain-ui';
import type { Lang } from '../../i18n/lang';
import type { PlannedAction, Text } from '../action';
import { lockAction } from '../actions/account-lock';
import { firewallAction } from '../actions/firewall';
import { endSessionAction, freezeAction } from '../actions/process-freeze';
import type { Plan } from '../apply-plan';
import { ResponseTarget } from '../target';
import { siteFirewalls } from './backends';
import type { BackendId } from './firewall';
import { FreezeRefused, planFreeze } from './freeze';
import { listProcs } from './proc-tree';
import { findSessions, frozenEntries, ttyDevice } from './sessions';

// `hostsweep contain` as a plan: each containment the operator asked for becomes one action, in
// an order that keeps the operator in: the management path is known before any rule drops.

export interface ContainRequest {
  backend: BackendId;
  egressLimit?: number;
  keepPorts: number[];
  keepAddrs: string[];
  block: string[];
  isolate: boolean;
  freeze: number[];
  endSessions: string[];
  endUsers: string[];
  lockUsers: string[];
  shadowFile?: string;
  passwdFile?: string;
}

/** A request the plan cannot honour; the CLI prints it and exits 2 before anything changes. */
export class ContainUsageError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = 'ContainUsageError';
  }
}

/**
 * The operator's own SSH session, from the environment sshd gives it: the server port to keep
 * and the client address (for --isolate). SSH_CONNECTION is "client port server port".
 */
export function operatorPath(env: NodeJS.ProcessEnv = process.env): { port: number | null; addr: string | null } {
  const conn = env.SSH_CONNECTION?.trim().split(/\s+/);
  if (conn && conn.length === 4 && /^\d+$/.test(conn[3])) return { port: Number(conn[3]), addr: conn[0] };
  const client = env.SSH_CLIENT?.trim().split(/\s+/);
  if (client && client.length === 3 && /^\d+$/.test(client[2])) return { port: Number(client[2]), addr: client[0] };
  return { port: null, addr: null };
}

function uidOf(user: string, passwd: string): number | null {
  try {
    for (const line of fs.readFileSync(passwd, 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] === user && f.length >= 7 && /^\d+$/.test(f[2])) return Number(f[2]);
    }
  } catch {}
  return null;
}

function userOf(uid: number | null, passwd: string): string {
  if (uid === null) return '?';
  try {
    for (const line of fs.readFileSync(passwd, 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[2] === String(uid)) return f[0];
    }
  } catch {}
  return String(uid);
}

export function planContain(req: ContainRequest): Plan {
  const tag = randomBytes(3).toString('hex');
  const actions: PlannedAction[] = [];
  const notes: Text[] = [];
  const nextId = () => `a${actions.length + 1}`;
  const chainTag = () => (req.backend === 'nft' ? `hs-${tag}-${actions.length + 1}` : `${tag}-${actions.length + 1}`);
  const keepAddrsText = (lang: Lang) => (req.keepAddrs.length > 0 ? cui(lang, 'isolateAddrs', { addrs: req.keepAddrs.join(', ') }) : '');
  const passwd = req.passwdFile ?? '/etc/passwd';

  if (req.egressLimit !== undefined || req.block.length > 0 || req.isolate) {
    notes.push(ctextBy((lang) => cui(lang, 'backendNote', { backend: req.backend })));
    notes.push(ctextBy((lang) => cui(lang, 'keepNote', { ports: req.keepPorts.join(', '), addrs: keepAddrsText(lang) })));
    const site = siteFirewalls();
    if (site.firewalld)
      notes.push(ctextBy((lang) => cui(lang, 'firewalldNote', { extra: req.backend === 'nft' ? '' : cui(lang, 'firewalldIptables') })));
    if (site.ufw) notes.push(ctextBy((lang) => cui(lang, 'ufwNote')));
    notes.push(ctextBy((lang) => cui(lang, 'statusHint')));
  }
  // Blocking comes first: the attacker's addresses are cut before anything else changes.
  if (req.block.length > 0)
    actions.push(
      firewallAction(nextId(), { backend: req.backend, tag: chainTag(), change: { kind: 'block', addrs: req.block } }, keepAddrsText),
    );
  if (req.egressLimit !== undefined)
    actions.push(
      firewallAction(
        nextId(),
        { backend: req.backend, tag: chainTag(), change: { kind: 'egress-limit', bytesPerSec: req.egressLimit, keepPorts: req.keepPorts } },
        keepAddrsText,
      ),
    );
  if (req.isolate)
    actions.push(
      firewallAction(
        nextId(),
        { backend: req.backend, tag: chainTag(), change: { kind: 'isolate', keepPorts: req.keepPorts, keepAddrs: req.keepAddrs } },
        keepAddrsText,
      ),
    );

  const procs = listProcs();
  for (const pid of req.freeze) {
    try {
      actions.push(freezeAction(nextId(), planFreeze(pid, procs)));
    } catch (e) {
      if (!(e instanceof FreezeRefused)) throw e;
      const why = (lang: Lang) =>
        e.reason === 'missing'
          ? cui(lang, 'refuseMissing')
          : cui(
              lang,
              (
                {
                  init: 'reasonInit',
                  operator: 'reasonOperator',
                  kernel: 'reasonKernel',
                  'service-manager': 'reasonServiceManager',
                } as const
              )[e.reason],
            );
      throw new ContainUsageError(ctextBy((lang) => cui(lang, 'freezeRefused', { pid, why: why(lang) })));
    }
  }

  const ended = new Set<number>();
  const endMatches = (match: { ttyNr?: number; uid?: number }, what: string, none: Text) => {
    const { found, own } = findSessions(match, procs);
    if (own) throw new ContainUsageError(ctextBy((lang) => cui(lang, 'ownSession', { what })));
    if (found.length === 0) throw new ContainUsageError(none);
    for (const s of found) {
      if (ended.has(s.sid)) continue;
      ended.add(s.sid);
      const procsOf = frozenEntries(s);
      const leader = procsOf.find((p) => p.pid === s.sid) ?? procsOf[0];
      actions.push(endSessionAction(nextId(), { tty: s.tty, user: userOf(s.uid, passwd), leader, procs: procsOf }));
    }
  };
  for (const tty of req.endSessions) {
    const dev = ttyDevice(tty);
    const none = ctextBy((lang) => cui(lang, 'noSession', { tty }));
    if (dev === null) throw new ContainUsageError(none);
    endMatches({ ttyNr: dev }, tty, none);
  }
  for (const user of req.endUsers) {
    const uid = uidOf(user, passwd);
    const none = ctextBy((lang) => cui(lang, 'noUserSession', { user }));
    if (uid === null) throw new ContainUsageError(none);
    endMatches({ uid }, user, none);
  }
  const shadow = req.shadowFile ?? '/etc/shadow';
  for (const user of req.lockUsers) {
    if (uidOf(user, passwd) === null) throw new ContainUsageError(ctextBy((lang) => cui(lang, 'noUser', { user, file: passwd })));
    actions.push(lockAction(nextId(), { user, shadow }));
  }
  return { command: 'contain', target: new ResponseTarget(), actions, refused: [], notes };
}
