import fs from 'node:fs';
import path from 'node:path';
import { isPackageOwned } from '../analyze/facts-index';
import { parseStat } from '../collect/proc-parse';
import type { Snapshot } from '../model/facts';
import { atLeast, type Finding, type Severity } from '../model/finding';
import { findingRef, type PlannedAction, type RefusedAction, type Text } from './action';
import type { Plan } from './apply-plan';
import type { EditData, FileEdit, LineChange } from './actions/file-edit-lines';
import { sha256, splitLines } from './actions/file-edit-lines';
import type { QuarantineData } from './actions/file-quarantine';
import type { SetFlagsData } from './actions/file-set-flags';
import type { KillData } from './actions/process-kill';
import { type GenuineCopy, findGenuineCopy } from './genuine-copy';
import type { ReplaceData } from './actions/file-replace';
import { remedyFor } from './remedies';
import type { ResponseTarget } from './target';

// Turns findings into a clean plan: which files to quarantine, which lines to remove, which
// processes to kill, which accounts to drop — each action naming the findings it answers. Nothing
// here changes the target; what it cannot do safely becomes a refused action with the reason.

export interface CleanOptions {
  /** Touch package-owned files too (trojaned package binaries are replaced by verified copies). */
  force?: boolean;
  /** Findings below this are left alone (default medium). */
  minSeverity?: Severity;
  /** Extra directory of genuine packages (.deb) for replacing trojaned package files. */
  packagesDir?: string;
  /** PIDs never to kill (hostsweep itself and its ancestors on a live system). */
  protectedPids?: Set<number>;
  /** Only findings of these rules ("process/known-miner-name", "process/*", "*"). */
  rules?: string[];
}

/** Does a rule id match one of the --rule patterns (exact, "family/*" or "*")? */
export function ruleSelected(rule: string, patterns: string[] | undefined): boolean {
  if (!patterns || patterns.length === 0) return true;
  return patterns.some((p) => p === '*' || p === rule || (p.endsWith('/*') && rule.startsWith(p.slice(0, -1))));
}

/** Paths that are evidence: logs, login records, shell histories. Never cleaned. */
export function isEvidencePath(p: string): boolean {
  return (
    p.startsWith('/var/log/') ||
    /\/\.[a-z]*_?history$/.test(p) ||
    /\/\.(bash|zsh|sh|ash|python|mysql|psql|lesshst|viminfo)/.test(p) ||
    /^\/(var\/)?run\/utmp$/.test(p) ||
    p === '/var/lib/lastlog'
  );
}

const CRON_SCRIPT_DIR = /^\/etc\/cron\.(hourly|daily|weekly|monthly)\//;
const RC_DIRS = ['/etc/rc0.d', '/etc/rc1.d', '/etc/rc2.d', '/etc/rc3.d', '/etc/rc4.d', '/etc/rc5.d', '/etc/rc6.d', '/etc/rcS.d'];
const RC_D_DIRS = ['0', '1', '2', '3', '4', '5', '6'].map((n) => `/etc/rc.d/rc${n}.d`);
const ACCOUNT_FILES = ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/gshadow'];
/** Package files whose absence stops logins or boot: never removed without a genuine replacement. */
const VITAL = /(\.so(\.|$)|\/(login|su|sudo|sshd|ssh|bash|sh|dash|init|systemd|mount|passwd|getty|agetty|ld-linux[^/]*)$)/;

interface Answered {
  answers: Set<string>;
}

class Planner {
  readonly kills = new Map<number, Answered & { data: KillData }>();
  readonly quarantines = new Map<string, Answered & { why: 'file' | 'unit' | 'initd' | 'library' | 'link' }>();
  readonly edits = new Map<string, Answered & { changes: Map<number, LineChange> }>();
  readonly accounts = new Map<string, Answered>();
  readonly unlocks = new Map<string, Answered>();
  readonly replaces = new Map<string, Answered & { copy: GenuineCopy; expectedMd5: string; package: string }>();
  readonly refused: RefusedAction[] = [];
  readonly notes: Text[] = [];
  private readonly refusedKeys = new Set<string>();

  constructor(
    readonly snapshot: Snapshot,
    readonly target: ResponseTarget,
    readonly opts: CleanOptions,
  ) {}

  refuse(kind: string, summary: Text, ref: string, reason: Text): void {
    const key = `${kind}\0${summary.en}`;
    if (this.refusedKeys.has(key)) {
      const r = this.refused.find((x) => `${x.kind}\0${x.summary.en}` === key);
      if (r && !r.answers.includes(ref)) r.answers.push(ref);
      return;
    }
    this.refusedKeys.add(key);
    this.refused.push({ kind, summary, answers: [ref], reason });
  }

  owned(p: string): boolean {
    return isPackageOwned(this.snapshot, p) === true;
  }

  /** The target path's local spelling, or a refusal recorded for it. */
  reachable(p: string, kind: string, summary: Text, ref: string): boolean {
    if (isEvidencePath(p)) {
      this.refuse(kind, summary, ref, {
        en: `${p} is evidence (a log or history); hostsweep never cleans evidence`,
        'zh-CN': `${p} 属于证据（日志或历史记录）；hostsweep 从不清理证据`,
      });
      return false;
    }
    const r = this.target.tryLocal(p);
    if ('refused' in r) {
      this.refuse(kind, summary, ref, r.refused.reason);
      return false;
    }
    return true;
  }

  lstat(p: string): fs.Stats | null {
    const r = this.target.tryLocal(p);
    if ('refused' in r) return null;
    try {
      return fs.lstatSync(r.local);
    } catch {
      return null;
    }
  }

  read(p: string): Buffer | null {
    const r = this.target.tryLocal(p);
    if ('refused' in r) return null;
    try {
      const fd = fs.openSync(r.local, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
      try {
        if (!fs.fstatSync(fd).isFile()) return null;
        return fs.readFileSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return null;
    }
  }

  listDir(dir: string): string[] {
    const r = this.target.tryLocal(`${dir}/.`);
    if ('refused' in r) return [];
    try {
      const st = fs.lstatSync(r.local);
      if (!st.isDirectory()) return [];
      return fs.readdirSync(r.local);
    } catch {
      return [];
    }
  }

  quarantine(p: string, ref: string, why: 'file' | 'unit' | 'initd' | 'library' | 'link' = 'file'): void {
    const summary: Text = { en: `quarantine ${p}`, 'zh-CN': `隔离 ${p}` };
    if (!this.reachable(p, 'file.quarantine', summary, ref)) return;
    const st = this.lstat(p);
    if (!st) return; // already gone
    if (!st.isFile() && !st.isSymbolicLink()) {
      this.refuse('file.quarantine', summary, ref, {
        en: `${p} is not a regular file or link (directories are left to the operator)`,
        'zh-CN': `${p} 不是普通文件或符号链接（目录由操作员自行处理）`,
      });
      return;
    }
    if (st.isFile() && this.owned(p) && !this.opts.force) {
      this.refuse('file.quarantine', summary, ref, packageOwnedReason(p));
      return;
    }
    const q = this.quarantines.get(p);
    if (q) q.answers.add(ref);
    else this.quarantines.set(p, { answers: new Set([ref]), why });
  }

  editLine(p: string, line: number, text: string, replacement: string | null, ref: string): void {
    const summary: Text = { en: `remove line ${line} of ${p}`, 'zh-CN': `删除 ${p} 第 ${line} 行` };
    if (!this.reachable(p, 'file.edit-lines', summary, ref)) return;
    if (this.owned(p) && !p.startsWith('/etc/') && !this.opts.force) {
      this.refuse('file.edit-lines', summary, ref, packageOwnedReason(p));
      return;
    }
    const e = this.edits.get(p) ?? { answers: new Set<string>(), changes: new Map<number, LineChange>() };
    e.answers.add(ref);
    e.changes.set(line, { line, text, with: replacement });
    this.edits.set(p, e);
  }
}

function packageOwnedReason(p: string): Text {
  return {
    en: `${p} belongs to an installed package; changing it could break the system (use --force to act on package files)`,
    'zh-CN': `${p} 属于已安装的软件包，修改它可能导致系统无法正常工作（如需处理软件包文件，请使用 --force）`,
  };
}

/** "path:N: text" evidence lines of a finding about `file`. */
export function evidenceLines(f: Finding, file: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const prefix = `${file}:`;
  for (const e of f.evidence) {
    if (!e.startsWith(prefix)) continue;
    const m = /^(\d+): ?(.*)$/s.exec(e.slice(prefix.length));
    if (m) out.push({ line: Number(m[1]), text: m[2] });
  }
  return out;
}

/** Does the file's current line look like what the evidence quoted (evidence may be clipped)? */
function sameLine(current: string, quoted: string): boolean {
  const cur = current.trim();
  const q = quoted.split('…')[0].split('  [')[0].trim();
  if (q === '') return cur === '';
  return cur.startsWith(q.slice(0, 48)) || cur.includes(q.slice(0, 48));
}

function linesOf(buf: Buffer): string[] {
  return splitLines(buf.toString('latin1')).map((l) => l.replace(/\n$/, ''));
}

function planLines(pl: Planner, f: Finding, ref: string): number {
  if (!f.path) return 0;
  const refs = evidenceLines(f, f.path);
  if (refs.length === 0) return 0;
  const summary: Text = { en: `remove lines of ${f.path}`, 'zh-CN': `删除 ${f.path} 中的行` };
  if (!pl.reachable(f.path, 'file.edit-lines', summary, ref)) return -1;
  const buf = pl.read(f.path);
  if (!buf) return 0;
  const lines = linesOf(buf);
  let n = 0;
  for (const r of refs) {
    const cur = lines[r.line - 1];
    if (cur === undefined || !sameLine(Buffer.from(cur, 'latin1').toString('utf8'), r.text)) {
      pl.refuse('file.edit-lines', { en: `remove line ${r.line} of ${f.path}`, 'zh-CN': `删除 ${f.path} 第 ${r.line} 行` }, ref, {
        en: `line ${r.line} of ${f.path} is no longer what the scan saw; scan again`,
        'zh-CN': `${f.path} 第 ${r.line} 行已不是扫描时的内容，请重新扫描`,
      });
      continue;
    }
    pl.editLine(f.path, r.line, cur, null, ref);
    n++;
  }
  return n;
}

const PAYLOAD_WHY =
  /^(\/\S+): ("[^"]*" is a known miner|in a world-writable temporary directory|inside hidden directory|random-looking name|in a system directory but no package owns it)/;

/** Programs a flagged persistence entry runs that the rules judged the intruder's (evidence "why" lines). */
export function payloadTargets(f: Finding): string[] {
  const out: string[] = [];
  for (const e of f.evidence) {
    const m = PAYLOAD_WHY.exec(e);
    if (m) out.push(m[1]);
  }
  return out;
}

function quarantinePayloads(pl: Planner, f: Finding, ref: string): void {
  for (const p of payloadTargets(f)) {
    const st = pl.lstat(p);
    if (st?.isFile() && !pl.owned(p)) pl.quarantine(p, ref);
  }
}

function resolveLink(dir: string, value: string): string {
  return path.posix.normalize(value.startsWith('/') ? value : path.posix.join(dir, value));
}

function planInitd(pl: Planner, f: Finding, ref: string): void {
  if (!f.path) return;
  const st = pl.lstat(f.path);
  if (st?.isSymbolicLink() && /\/rc[0-6S]\.d\//.test(f.path)) {
    pl.quarantine(f.path, ref, 'link');
    return;
  }
  if (pl.owned(f.path) && !pl.opts.force) {
    // A package's own init script with a planted line: remove the line, keep the script.
    if (planLines(pl, f, ref) !== 0) return;
  }
  pl.quarantine(f.path, ref, 'initd');
  if (!pl.quarantines.has(f.path)) return;
  const name = path.posix.basename(f.path);
  for (const dir of [...RC_DIRS, ...RC_D_DIRS]) {
    for (const entry of pl.listDir(dir)) {
      if (!entry.endsWith(name)) continue;
      const p = `${dir}/${entry}`;
      const lst = pl.lstat(p);
      if (!lst?.isSymbolicLink()) continue;
      const value = fs.readlinkSync(pl.target.local(p));
      if (resolveLink(dir, value) === f.path || path.posix.basename(value) === name) pl.quarantine(p, ref, 'link');
    }
  }
}

const WANTS_DIR = /\.(wants|requires|upholds)$/;

function planSystemd(pl: Planner, f: Finding, ref: string): void {
  if (!f.path) return;
  const unitPath = f.path;
  const st = pl.lstat(unitPath);
  if (!st) return;
  if (pl.owned(unitPath) && !pl.opts.force) {
    if (planLines(pl, f, ref) !== 0) return;
  }
  const units = [unitPath];
  const dir = path.posix.dirname(unitPath);
  const base = path.posix.basename(unitPath);
  const stem = base.replace(/\.[a-z]+$/, '');
  // The timer that starts a service (and the service a timer starts), when no package owns it.
  for (const sibling of [`${stem}.timer`, `${stem}.service`]) {
    const p = `${dir}/${sibling}`;
    if (p !== unitPath && pl.lstat(p) && !pl.owned(p)) units.push(p);
  }
  for (const u of units) pl.quarantine(u, ref, 'unit');
  const names = new Set(units.map((u) => path.posix.basename(u)));
  const roots = new Set(['/etc/systemd/system', dir]);
  for (const root of roots) {
    const dirs = [
      root,
      ...pl
        .listDir(root)
        .filter((n) => WANTS_DIR.test(n))
        .map((n) => `${root}/${n}`),
    ];
    for (const d of dirs) {
      for (const entry of pl.listDir(d)) {
        const p = `${d}/${entry}`;
        if (units.includes(p)) continue;
        const lst = pl.lstat(p);
        if (!lst?.isSymbolicLink()) continue;
        const value = fs.readlinkSync(pl.target.local(p));
        if (names.has(entry) || names.has(path.posix.basename(value))) pl.quarantine(p, ref, 'link');
      }
    }
    // Drop-in directories of the unit: their files go too.
    for (const n of names) for (const entry of pl.listDir(`${root}/${n}.d`)) pl.quarantine(`${root}/${n}.d/${entry}`, ref, 'unit');
  }
}

function planPreload(pl: Planner, f: Finding, ref: string): void {
  const file = f.path ?? '/etc/ld.so.preload';
  const refs = evidenceLines(f, file);
  if (planLines(pl, { ...f, path: file }, ref) <= 0) return;
  for (const r of refs) {
    for (const lib of r.text.split(/[\s:]+/)) {
      if (!lib.startsWith('/')) continue;
      const st = pl.lstat(lib);
      if (st?.isFile() && !pl.owned(lib)) pl.quarantine(lib, ref, 'library');
    }
  }
}

function planKey(pl: Planner, f: Finding, ref: string): void {
  if (!f.path) return;
  if (planLines(pl, f, ref) !== 0) return;
  if (f.rule === 'ssh/authorized-keys2') pl.quarantine(f.path, ref);
}

function planAccount(pl: Planner, f: Finding, ref: string): void {
  const user = f.user;
  if (!user) return;
  const summary: Text = { en: `remove account ${user}`, 'zh-CN': `删除账户 ${user}` };
  if (user === 'root') {
    pl.refuse('file.edit-lines', summary, ref, { en: 'the root account is never removed', 'zh-CN': '从不删除 root 账户' });
    return;
  }
  for (const p of ACCOUNT_FILES) if (!pl.reachable(p, 'file.edit-lines', summary, ref)) return;
  const a = pl.accounts.get(user);
  if (a) a.answers.add(ref);
  else pl.accounts.set(user, { answers: new Set([ref]) });
}

/** Edits of passwd, shadow, group and gshadow that remove the accounts, consistently. */
function accountEdits(pl: Planner, users: string[]): { edits: FileEdit[]; groups: string[] } {
  const files = new Map(ACCOUNT_FILES.map((p) => [p, pl.read(p)]));
  const passwd = linesOf(files.get('/etc/passwd') ?? Buffer.alloc(0));
  const removed = new Set(users);
  const gids = new Map<string, string>();
  const primaryOfOthers = new Set<string>();
  for (const l of passwd) {
    const f = l.split(':');
    if (f.length < 4) continue;
    if (removed.has(f[0])) gids.set(f[0], f[3]);
    else primaryOfOthers.add(f[3]);
  }
  // A user's own group (same name and gid) goes with the user unless someone else uses it.
  const group = linesOf(files.get('/etc/group') ?? Buffer.alloc(0));
  const groups: string[] = [];
  for (const l of group) {
    const f = l.split(':');
    if (f.length >= 3 && removed.has(f[0]) && gids.get(f[0]) === f[2] && !primaryOfOthers.has(f[2])) groups.push(f[0]);
  }
  const goneGroups = new Set(groups);
  const edits: FileEdit[] = [];
  for (const p of ACCOUNT_FILES) {
    const buf = files.get(p);
    if (!buf) continue;
    const changes: LineChange[] = [];
    linesOf(buf).forEach((l, i) => {
      const f = l.split(':');
      const isGroupFile = p === '/etc/group' || p === '/etc/gshadow';
      const gone = isGroupFile ? goneGroups.has(f[0]) : removed.has(f[0]);
      if (gone) {
        changes.push({ line: i + 1, text: l, with: null });
        return;
      }
      if (!isGroupFile) return;
      // Membership lists: group's 4th field; gshadow's administrators (3rd) and members (4th).
      const listFields = p === '/etc/group' ? [3] : [2, 3];
      let changed = false;
      for (const k of listFields) {
        if (f[k] === undefined || f[k] === '') continue;
        const members = f[k].split(',');
        const kept = members.filter((m) => !removed.has(m));
        if (kept.length !== members.length) {
          f[k] = kept.join(',');
          changed = true;
        }
      }
      if (changed) changes.push({ line: i + 1, text: l, with: f.join(':') });
    });
    if (changes.length > 0) edits.push({ path: p, expectSha256: sha256(buf), changes });
  }
  return { edits, groups };
}

/** Start time in clock ticks of a live process, or null. */
function startTicks(pid: number): { ticks: number; comm: string } | null {
  try {
    const st = parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'));
    return st ? { ticks: st.startTicks, comm: st.comm } : null;
  } catch {
    return null;
  }
}

function bootTimeMs(): number | null {
  try {
    const m = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    return m ? Number(m[1]) * 1000 : null;
  } catch {
    return null;
  }
}

function planKill(pl: Planner, f: Finding, ref: string): void {
  const pid = f.pid;
  if (pid === undefined) return;
  const summary: Text = { en: `kill process ${pid}`, 'zh-CN': `结束进程 ${pid}` };
  if (pl.target.kind !== 'live') return; // an offline disk has no running processes
  if (pid <= 1 || pl.opts.protectedPids?.has(pid)) {
    pl.refuse('process.kill', summary, ref, {
      en: `process ${pid} is init or hostsweep's own process chain`,
      'zh-CN': `进程 ${pid} 是 init 或 hostsweep 自身的进程链`,
    });
    return;
  }
  const now = startTicks(pid);
  if (!now) return; // already gone
  const started = f.process?.startedAt;
  const boot = bootTimeMs();
  if (started && boot !== null && Math.abs(boot + now.ticks * 10 - Date.parse(started)) > 1500) {
    pl.refuse('process.kill', summary, ref, {
      en: `PID ${pid} now belongs to another process than the one the scan saw; nothing will be sent to it`,
      'zh-CN': `PID ${pid} 现在属于另一个进程，而非扫描时看到的进程；不会向其发送信号`,
    });
    return;
  }
  const k = pl.kills.get(pid);
  if (k) k.answers.add(ref);
  else pl.kills.set(pid, { answers: new Set([ref]), data: { pid, startTicks: now.ticks, name: f.process?.name ?? now.comm } });
}

async function planPackage(pl: Planner, f: Finding, ref: string): Promise<void> {
  const p = f.path;
  if (!p) return;
  const problem = pl.snapshot.facts.packageIntegrity?.problems.find((x) => x.path === p && x.status === 'mismatch');
  const pkg = problem?.package ?? '?';
  const summary: Text = { en: `replace ${p} with the genuine file of package ${pkg}`, 'zh-CN': `用软件包 ${pkg} 的原始文件替换 ${p}` };
  if (!pl.reachable(p, 'file.replace', summary, ref)) return;
  if (!pl.opts.force) {
    pl.refuse('file.replace', summary, ref, {
      en: `${p} belongs to package ${pkg} but differs from it (trojaned?); run with --force to quarantine it and put a verified genuine copy in its place`,
      'zh-CN': `${p} 属于软件包 ${pkg}，但内容与软件包记录不符（可能被植入木马）；使用 --force 可隔离它并换上经过校验的原始文件`,
    });
    return;
  }
  if (!problem) return;
  const copy = await findGenuineCopy(pl.target, p, problem.expected, pkg, pl.opts.packagesDir);
  if (copy) {
    pl.replaces.set(p, { answers: new Set([ref]), copy, expectedMd5: problem.expected, package: pkg });
    return;
  }
  if (VITAL.test(p)) {
    pl.refuse('file.replace', summary, ref, {
      en: `no verified genuine copy of ${p} was found, and the system cannot work without it; reinstall package ${pkg} (apt-get install --reinstall ${pkg}), or give --packages DIR with its .deb`,
      'zh-CN': `没有找到经过校验的 ${p} 原始文件，而系统离不开它；请重新安装软件包 ${pkg}（apt-get install --reinstall ${pkg}），或用 --packages DIR 提供其 .deb 文件`,
    });
    return;
  }
  pl.quarantine(p, ref);
  pl.notes.push({
    en: `no verified genuine copy of ${p} was found: after quarantining it, reinstall package ${pkg} (apt-get install --reinstall ${pkg})`,
    'zh-CN': `没有找到经过校验的 ${p} 原始文件：隔离后请重新安装软件包 ${pkg}（apt-get install --reinstall ${pkg}）`,
  });
}

function planUnlock(pl: Planner, f: Finding, ref: string): void {
  // Only locks the rule calls an intruder's ("locked", high); hardening an admin chose stays.
  if (!f.path || !atLeast(f.severity, 'high')) return;
  const summary: Text = { en: `clear the immutable and append-only flags of ${f.path}`, 'zh-CN': `清除 ${f.path} 的不可修改和仅追加属性` };
  if (!pl.reachable(f.path, 'file.set-flags', summary, ref)) return;
  const u = pl.unlocks.get(f.path);
  if (u) u.answers.add(ref);
  else pl.unlocks.set(f.path, { answers: new Set([ref]) });
}

function list(paths: string[], max = 6): string {
  return paths.length <= max ? paths.join(', ') : `${paths.slice(0, max).join(', ')} (+${paths.length - max})`;
}

/** Builds the plan. Findings below minSeverity, evidence and "review" findings get no action. */
export async function planClean(findings: Finding[], snapshot: Snapshot, target: ResponseTarget, opts: CleanOptions = {}): Promise<Plan> {
  const pl = new Planner(snapshot, target, opts);
  const floor = opts.minSeverity ?? 'medium';
  const reviewed = new Set<string>();
  for (const f of findings) {
    if (!atLeast(f.severity, floor) || !ruleSelected(f.rule, opts.rules)) continue;
    const ref = findingRef(f);
    const remedy = remedyFor(f.rule, f.severity);
    if (remedy === 'line' || remedy === 'systemd' || remedy === 'initd') quarantinePayloads(pl, f, ref);
    switch (remedy) {
      case 'kill':
        planKill(pl, f, ref);
        break;
      case 'quarantine':
        if (f.path) {
          const st = pl.lstat(f.path);
          if (st?.isDirectory()) reviewed.add(ref);
          else pl.quarantine(f.path, ref);
        }
        break;
      case 'line':
        if (f.path && CRON_SCRIPT_DIR.test(f.path) && !pl.owned(f.path)) pl.quarantine(f.path, ref);
        else if (planLines(pl, f, ref) === 0) reviewed.add(ref);
        break;
      case 'preload':
        planPreload(pl, f, ref);
        break;
      case 'systemd':
        planSystemd(pl, f, ref);
        break;
      case 'initd':
        planInitd(pl, f, ref);
        break;
      case 'account':
        planAccount(pl, f, ref);
        break;
      case 'key':
        planKey(pl, f, ref);
        break;
      case 'unlock':
        planUnlock(pl, f, ref);
        break;
      case 'package':
        await planPackage(pl, f, ref);
        break;
      case 'evidence':
        break;
      case 'review':
        reviewed.add(ref);
        break;
    }
  }
  const actions = buildActions(pl);
  if (target.kind === 'live' && [...pl.quarantines.values()].some((q) => q.why === 'unit'))
    pl.notes.push({
      en: "systemd keeps a removed unit loaded until it reloads: afterwards run systemctl daemon-reload (the unit's processes are killed by the plan when a finding names them)",
      'zh-CN': 'systemd 在重新加载前仍保留已删除的单元：执行后请运行 systemctl daemon-reload（计划会结束发现中点名的单元进程）',
    });
  return { command: 'clean', target, actions, refused: pl.refused, notes: [...pl.notes, ...reviewNote(reviewed)] };
}

function reviewNote(reviewed: Set<string>): Text[] {
  if (reviewed.size === 0) return [];
  const refs = list([...reviewed], 8);
  return [
    {
      en: `left for you to review (hostsweep cannot tell the intruder's from yours here): ${refs}`,
      'zh-CN': `以下发现需要您自行核查（hostsweep 无法判断其属于入侵者还是您自己）：${refs}`,
    },
  ];
}

function buildActions(pl: Planner): PlannedAction[] {
  const actions: PlannedAction[] = [];
  let n = 0;
  const push = <D>(a: Omit<PlannedAction<D>, 'id'>) => actions.push({ ...a, id: `a${++n}` } as PlannedAction);

  // 1. Running payloads first, so they cannot rewrite what is removed next.
  for (const [pid, k] of [...pl.kills].sort((a, b) => a[0] - b[0])) {
    push<KillData>({
      kind: 'process.kill',
      summary: { en: `stop, then kill process ${pid} (${k.data.name})`, 'zh-CN': `先冻结再结束进程 ${pid}（${k.data.name}）` },
      answers: [...k.answers],
      undoSummary: {
        en: 'a killed process cannot be restarted (collect keeps its executable); if interrupted before the kill, it is resumed',
        'zh-CN': '已结束的进程无法恢复（collect 已保存其可执行文件）；若在结束前中断，则恢复其运行',
      },
      data: k.data,
    });
  }
  // 2. Lines in files that stay (cron entries, preload entries, keys, hooks, sshd), file by file.
  const quarantined = new Set(pl.quarantines.keys());
  for (const [p, e] of [...pl.edits].sort((a, b) => (a[0] === '/etc/ld.so.preload' ? -1 : b[0] === '/etc/ld.so.preload' ? 1 : 0))) {
    if (quarantined.has(p)) {
      const q = pl.quarantines.get(p);
      for (const r of e.answers) q?.answers.add(r);
      continue;
    }
    const buf = pl.read(p);
    if (!buf) continue;
    const changes = [...e.changes.values()].sort((a, b) => a.line - b.line);
    const shown = changes.map((c) => `${c.line}: ${Buffer.from(c.text, 'latin1').toString('utf8').slice(0, 120)}`).join(' | ');
    push<EditData>({
      kind: 'file.edit-lines',
      summary: {
        en: `remove ${changes.length === 1 ? 'line' : 'lines'} of ${p} (the rest of the file stays): ${shown}`,
        'zh-CN': `删除 ${p} 中的 ${changes.length} 行（文件其余内容保留）：${shown}`,
      },
      answers: [...e.answers],
      undoSummary: { en: `put ${p} back byte for byte`, 'zh-CN': `将 ${p} 逐字节恢复原样` },
      data: { edits: [{ path: p, expectSha256: sha256(buf), changes }] },
    });
  }
  // 3. Files, links, units and init scripts into quarantine, grouped by what answers the same findings.
  const groups = new Map<string, { paths: string[]; answers: Set<string> }>();
  for (const [p, q] of pl.quarantines) {
    const key = [...q.answers].sort().join('\n');
    const g = groups.get(key) ?? { paths: [], answers: q.answers };
    g.paths.push(p);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    push<QuarantineData>({
      kind: 'file.quarantine',
      summary: {
        en: `move into quarantine (flags cleared first, bytes and attributes kept): ${list(g.paths)}`,
        'zh-CN': `移入隔离区（先清除不可修改属性，保留内容和属性）：${list(g.paths)}`,
      },
      answers: [...g.answers],
      undoSummary: {
        en: 'put every file back byte for byte with owner, mode, times, xattrs and flags',
        'zh-CN': '逐字节放回每个文件，并恢复属主、权限、时间、扩展属性和文件属性',
      },
      data: { paths: g.paths },
    });
  }
  // 4. Trojaned package files replaced by verified genuine copies (--force).
  for (const [p, r] of pl.replaces) {
    push<ReplaceData>({
      kind: 'file.replace',
      summary: {
        en: `quarantine the modified ${p} and put the genuine file of package ${r.package} in its place (from ${r.copy.description}, md5 verified)`,
        'zh-CN': `隔离被篡改的 ${p}，换上软件包 ${r.package} 的原始文件（来源 ${r.copy.description}，已校验 md5）`,
      },
      answers: [...r.answers],
      undoSummary: { en: `put the modified ${p} back as it was`, 'zh-CN': `将被篡改的 ${p} 恢复原样` },
      data: { path: p, expectedMd5: r.expectedMd5, source: r.copy.source, package: r.package },
    });
  }
  // 5. Locks an intruder set on files that stay.
  for (const [p, u] of pl.unlocks) {
    if (quarantined.has(p)) continue;
    push<SetFlagsData>({
      kind: 'file.set-flags',
      summary: { en: `clear the immutable and append-only flags of ${p}`, 'zh-CN': `清除 ${p} 的不可修改和仅追加属性` },
      answers: [...u.answers],
      undoSummary: { en: `set the flags of ${p} back`, 'zh-CN': `恢复 ${p} 的文件属性` },
      data: { path: p, clear: 'ia' },
    });
  }
  // 6. Accounts last: one action for all four files, so they never disagree.
  if (pl.accounts.size > 0) {
    const users = [...pl.accounts.keys()].sort();
    const { edits, groups: gone } = accountEdits(pl, users);
    const answers = new Set<string>();
    for (const a of pl.accounts.values()) for (const r of a.answers) answers.add(r);
    if (edits.length > 0) {
      const grp = gone.length > 0 ? gone.join(', ') : '-';
      push<EditData>({
        kind: 'file.edit-lines',
        summary: {
          en: `remove accounts ${users.join(', ')} and their own groups (${grp}) from ${edits.map((e) => e.path).join(', ')}; home directories stay as evidence`,
          'zh-CN': `从 ${edits.map((e) => e.path).join('、')} 删除账户 ${users.join(', ')} 及其同名组（${grp}）；主目录作为证据保留`,
        },
        answers: [...answers],
        undoSummary: { en: 'put the account files back byte for byte', 'zh-CN': '将账户文件逐字节恢复原样' },
        data: { edits },
      });
    }
  }
  return actions;
}
