import type { ParsedActivity } from './activity-parse';
import { iso } from './log-time';
import { clip } from './read-log';

// Aggregates what sudo, su, shadow-utils and cron logged: repeated commands (an Ansible run, a
// cron job every minute) become one row with a count, so a busy server stays bounded.

interface Seen {
  count: number;
  firstTime: string | null;
  lastTime: string | null;
  /** Where the first occurrence was logged, and the line itself (evidence). */
  path: string;
  line: string;
}

export interface SudoUse extends Seen {
  actor: string;
  runAs: string;
  tty: string;
  pwd: string;
  command: string;
  /** sudo's reason for refusing ("3 incorrect password attempts", "user NOT in sudoers"), or null. */
  failed: string | null;
}

export interface SuUse extends Seen {
  actor: string;
  target: string;
  tty: string;
  failed: boolean;
}

export interface CronRun extends Seen {
  user: string;
  command: string;
}

export interface AccountChange {
  kind: 'new-user' | 'new-group' | 'group-member' | 'uid-change' | 'delete-user' | 'password';
  /** Account (or group, for new-group) the change is about. */
  name: string;
  /** Group joined, home and shell of a new user, old UID… */
  detail: string;
  /** New UID/GID when the line gives one. */
  id: number | null;
  program: string;
  /** Who made the change, when the line says (passwd: "changed by 'alice'"); "" otherwise. */
  actor?: string;
  time: string | null;
  path: string;
  line: string;
}

export interface ActivityFact {
  sudo: SudoUse[];
  su: SuUse[];
  cron: CronRun[];
  accountChanges: AccountChange[];
}

const MAX_DISTINCT = 2000;

class Aggregate<T extends Seen> {
  readonly rows = new Map<string, T>();
  add(key: string, ms: number | null, path: string, line: string, make: () => Omit<T, keyof Seen>) {
    const t = iso(ms);
    const hit = this.rows.get(key);
    if (hit) {
      hit.count++;
      if (t !== null) {
        if (hit.firstTime === null || t < hit.firstTime) hit.firstTime = t;
        if (hit.lastTime === null || t > hit.lastTime) hit.lastTime = t;
      }
      return;
    }
    if (this.rows.size >= MAX_DISTINCT) return;
    this.rows.set(key, { ...make(), count: 1, firstTime: t, lastTime: t, path, line: clip(line) } as T);
  }
}

export class ActivityCollector {
  private readonly sudo = new Aggregate<SudoUse>();
  private readonly su = new Aggregate<SuUse>();
  private readonly cron = new Aggregate<CronRun>();
  private readonly changes: AccountChange[] = [];
  /** su on Debian logs "(to root) alice on pts/0" and then a PAM session line: count the first only. */
  private readonly suPids = new Set<string>();

  add(p: ParsedActivity, ms: number | null, path: string, line: string): void {
    const a = p.activity;
    const c = (s: string, max = 64) => clip(s, max);
    switch (a.kind) {
      case 'sudo':
        this.sudo.add([a.actor, a.runAs, a.command, a.failed ?? ''].join('\u0000'), ms, path, line, () => ({
          actor: c(a.actor),
          runAs: c(a.runAs),
          tty: c(a.tty),
          pwd: c(a.pwd, 256),
          command: c(a.command, 4096),
          failed: a.failed === null ? null : c(a.failed, 120),
        }));
        return;
      case 'su':
        if (a.tty === '' && p.pid !== '' && this.suPids.has(p.pid)) return;
        if (a.tty !== '' && p.pid !== '' && this.suPids.size < 100_000) this.suPids.add(p.pid);
        this.su.add([a.actor, a.target, String(a.failed)].join('\u0000'), ms, path, line, () => ({
          actor: c(a.actor),
          target: c(a.target),
          tty: c(a.tty),
          failed: a.failed,
        }));
        return;
      case 'cron':
        this.cron.add(`${a.user}\u0000${a.command}`, ms, path, line, () => ({ user: c(a.user), command: c(a.command, 4096) }));
        return;
      default: {
        if (this.changes.length >= MAX_DISTINCT) this.changes.shift();
        const base = { program: p.program, time: iso(ms), path, line: clip(line) };
        if (a.kind === 'new-user')
          this.changes.push({
            ...base,
            kind: a.kind,
            name: c(a.user),
            id: a.uid,
            detail: `home=${c(a.home, 256)} shell=${c(a.shell, 256)}`,
          });
        else if (a.kind === 'new-group') this.changes.push({ ...base, kind: a.kind, name: c(a.group), id: a.gid, detail: '' });
        else if (a.kind === 'group-member') this.changes.push({ ...base, kind: a.kind, name: c(a.user), id: null, detail: c(a.group) });
        else if (a.kind === 'uid-change')
          this.changes.push({ ...base, kind: a.kind, name: c(a.user), id: a.to, detail: `from UID ${a.from}` });
        else if (a.kind === 'delete-user') this.changes.push({ ...base, kind: a.kind, name: c(a.user), id: null, detail: '' });
        else if (a.kind === 'password')
          this.changes.push({ ...base, kind: a.kind, name: c(a.user), id: null, detail: a.program, actor: c(a.actor) });
      }
    }
  }

  result(): ActivityFact {
    return {
      sudo: [...this.sudo.rows.values()],
      su: [...this.su.rows.values()],
      cron: [...this.cron.rows.values()],
      accountChanges: this.changes,
    };
  }
}
