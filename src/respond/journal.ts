import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import pkg from '../../package.json';
import { makeOutputDir, OutputPathError, writeOutputFile } from '../output/write-file';
import type { PlannedAction } from './action';

// The journal is what makes every change undoable: the intent line, carrying everything undo
// needs, is written and fsync'ed before an action touches the system. It lives in the state
// directory of the machine running hostsweep (outside the target for --root), mode 0700,
// and original bytes live beside it in a content-addressed quarantine store (0600 files).
//
//   <state>/runs/<runId>/run.json        what ran, against what, when
//   <state>/runs/<runId>/journal.jsonl   one line per step
//   <state>/runs/<runId>/quarantine/<sha256>

export const DEFAULT_STATE_DIR = '/var/lib/hostsweep';

export const RunInfoSchema = z.object({
  schema: z.literal('hostsweep/run@1'),
  id: z.string(),
  command: z.string(),
  target: z.object({ kind: z.enum(['live', 'root']), root: z.string() }),
  host: z.string(),
  startedAt: z.string(),
  toolVersion: z.string(),
  lang: z.string(),
});
export type RunInfo = z.infer<typeof RunInfoSchema>;

export type Phase = 'intent' | 'applied' | 'failed' | 'undone' | 'undo-failed';

export interface JournalEntry {
  seq: number;
  time: string;
  phase: Phase;
  /** The action (whole on 'intent'; later lines repeat it so each line stands alone). */
  action: PlannedAction;
  /** The prepared undo record (on 'intent'). */
  undo?: unknown;
  error?: string;
}

const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/** Sortable by time: 20261130T071500Z-a1b2c3. */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function isRunId(s: string): boolean {
  return RUN_ID.test(s);
}

function runsDir(stateDir: string): string {
  return path.join(stateDir, 'runs');
}

/** Creates the state directory (0700) and refuses one that others can write or that is a link. */
export function ensureStateDir(stateDir: string): void {
  makeOutputDir(stateDir, 0o700);
  makeOutputDir(runsDir(stateDir), 0o700);
  for (const d of [stateDir, runsDir(stateDir)]) {
    const st = fs.lstatSync(d);
    if ((st.mode & 0o022) !== 0 || (process.getuid && st.uid !== process.getuid()))
      throw new OutputPathError(d, 'not-writable', 'is writable by others or owned by another user; refusing to keep the journal there');
  }
}

export class Journal {
  private seq = 0;

  private constructor(
    readonly stateDir: string,
    readonly info: RunInfo,
    private fd: number | null,
  ) {}

  get dir(): string {
    return path.join(runsDir(this.stateDir), this.info.id);
  }

  get quarantineDir(): string {
    return path.join(this.dir, 'quarantine');
  }

  /** Starts a new run: run.json and an empty journal, both fsync'ed. */
  static create(
    stateDir: string,
    init: Omit<RunInfo, 'schema' | 'id' | 'startedAt' | 'toolVersion' | 'host'> & { host?: string },
  ): Journal {
    ensureStateDir(stateDir);
    const now = new Date();
    const info: RunInfo = {
      schema: 'hostsweep/run@1',
      id: newRunId(now),
      command: init.command,
      target: init.target,
      host: init.host ?? os.hostname(),
      startedAt: now.toISOString(),
      toolVersion: pkg.version,
      lang: init.lang,
    };
    const dir = path.join(runsDir(stateDir), info.id);
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.mkdirSync(path.join(dir, 'quarantine'), { mode: 0o700 });
    writeOutputFile(path.join(dir, 'run.json'), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
    const { O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW } = fs.constants;
    const fd = fs.openSync(path.join(dir, 'journal.jsonl'), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW, 0o600);
    fsyncDir(dir);
    return new Journal(stateDir, info, fd);
  }

  /** Opens an existing run to append (undo) or read. */
  static open(stateDir: string, runId: string): Journal {
    if (!isRunId(runId)) throw new Error(`${runId}: not a run id (expected e.g. 20261130T071500Z-a1b2c3)`);
    const dir = path.join(runsDir(stateDir), runId);
    const info = RunInfoSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')));
    const { O_WRONLY, O_APPEND, O_NOFOLLOW } = fs.constants;
    const fd = fs.openSync(path.join(dir, 'journal.jsonl'), O_WRONLY | O_APPEND | O_NOFOLLOW);
    const j = new Journal(stateDir, info, fd);
    j.seq = j.entries().reduce((m, e) => Math.max(m, e.seq), 0);
    return j;
  }

  /** Appends one line and fsyncs it: when this returns, the step survives a crash. */
  append(phase: Phase, action: PlannedAction, extra: { undo?: unknown; error?: string } = {}): JournalEntry {
    if (this.fd === null) throw new Error('journal is closed');
    const entry: JournalEntry = { seq: ++this.seq, time: new Date().toISOString(), phase, action, ...extra };
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fs.fsyncSync(this.fd);
    return entry;
  }

  /** Every complete line; a line torn by a crash mid-write is ignored. */
  entries(): JournalEntry[] {
    return readJournal(path.join(this.dir, 'journal.jsonl'));
  }

  /**
   * Copies bytes into the quarantine store under their SHA-256 (0600, fsync'ed) and returns the
   * digest. The same content is stored once.
   */
  storeBytes(data: Buffer): string {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const dest = path.join(this.quarantineDir, sha256);
    if (fs.existsSync(dest)) return sha256;
    const tmp = `${dest}.${process.pid}.tmp`;
    const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = fs.constants;
    const fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, dest);
    fsyncDir(this.quarantineDir);
    return sha256;
  }

  /**
   * One line per file put in quarantine, beside the bytes, for an operator browsing the store
   * without the journal: where it was, its attributes and its hash.
   */
  indexQuarantined(entry: Record<string, unknown>): void {
    const { O_WRONLY, O_CREAT, O_APPEND, O_NOFOLLOW } = fs.constants;
    const fd = fs.openSync(path.join(this.quarantineDir, 'index.jsonl'), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The stored bytes for a digest, checked against it (a tampered store must not be restored). */
  loadBytes(sha256: string): Buffer {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`bad quarantine digest ${sha256}`);
    const data = fs.readFileSync(path.join(this.quarantineDir, sha256));
    const got = createHash('sha256').update(data).digest('hex');
    if (got !== sha256) throw new Error(`quarantine ${sha256} is corrupt (now ${got}); refusing to restore it`);
    return data;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function readJournal(file: string): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const e = JSON.parse(line) as JournalEntry;
      if (typeof e.seq === 'number' && typeof e.phase === 'string' && e.action && typeof e.action.id === 'string') out.push(e);
    } catch {
      // torn last line of a run killed mid-write
    }
  }
  return out;
}

export interface RunSummary {
  info: RunInfo;
  /** Actions whose intent was written. */
  intents: number;
  applied: number;
  failed: number;
  undone: number;
  /** Intents neither undone nor known to have failed before changing anything. */
  pending: number;
}

export function summarizeRun(info: RunInfo, entries: JournalEntry[]): RunSummary {
  const last = new Map<string, Phase>();
  const phases = new Map<string, Set<Phase>>();
  for (const e of entries) {
    last.set(e.action.id, e.phase);
    const s = phases.get(e.action.id) ?? new Set<Phase>();
    s.add(e.phase);
    phases.set(e.action.id, s);
  }
  let intents = 0;
  let applied = 0;
  let failed = 0;
  let undone = 0;
  for (const s of phases.values()) {
    if (s.has('intent')) intents++;
    if (s.has('applied')) applied++;
    if (s.has('failed')) failed++;
  }
  for (const p of last.values()) if (p === 'undone') undone++;
  return { info, intents, applied, failed, undone, pending: intents - undone };
}

/** All runs in the state directory, oldest first. Unreadable runs are skipped. */
export function listRuns(stateDir: string): RunSummary[] {
  let names: string[];
  try {
    names = fs.readdirSync(runsDir(stateDir));
  } catch {
    return [];
  }
  const out: RunSummary[] = [];
  for (const id of names.filter(isRunId).sort()) {
    try {
      const dir = path.join(runsDir(stateDir), id);
      const info = RunInfoSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')));
      out.push(summarizeRun(info, readJournal(path.join(dir, 'journal.jsonl'))));
    } catch {
      // a run killed before run.json was complete has nothing to undo
    }
  }
  return out;
}
