import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Every file hostsweep writes goes through here. Output paths are often typed in a hurry on a
// compromised box, where an attacker may have planted a symlink or FIFO at a predictable name:
// never write through a link, never into a special file, never clobber without being told to,
// and never leave a half-written report behind.

/** A path the tool refuses to write; the CLI turns it into exit code 2 naming the file. */
export class OutputPathError extends Error {
  constructor(
    readonly file: string,
    readonly problem: 'symlink' | 'not-regular' | 'exists' | 'no-directory' | 'not-writable',
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'OutputPathError';
  }
}

export interface WriteOptions {
  /** Replace an existing regular file (atomically). Without it an existing file is an error. */
  overwrite?: boolean;
  mode?: number;
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Checks, before any work starts, that `file` can be written as asked. Throws OutputPathError. */
export function checkOutputFile(file: string, opts: WriteOptions = {}): void {
  const st = lstatOrNull(file);
  if (st) {
    if (st.isSymbolicLink()) throw new OutputPathError(file, 'symlink', 'is a symbolic link; refusing to write through it');
    if (!st.isFile()) throw new OutputPathError(file, 'not-regular', 'is not a regular file (directory, FIFO, socket or device)');
    if (!opts.overwrite) throw new OutputPathError(file, 'exists', 'already exists; use --force to replace it');
  }
  const dir = path.dirname(path.resolve(file));
  let dst: fs.Stats;
  try {
    dst = fs.statSync(dir);
  } catch {
    throw new OutputPathError(file, 'no-directory', `directory ${dir} does not exist`);
  }
  if (!dst.isDirectory()) throw new OutputPathError(file, 'no-directory', `${dir} is not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new OutputPathError(file, 'not-writable', `directory ${dir} is not writable`);
  }
}

/**
 * Writes `data` to `file` whole or not at all: a temporary file in the same directory (O_EXCL,
 * O_NOFOLLOW), fsync, then an atomic rename (or a hard link when overwriting is not allowed, which
 * fails instead of replacing a file that appeared meanwhile).
 */
export function writeOutputFile(file: string, data: string | Uint8Array, opts: WriteOptions = {}): void {
  checkOutputFile(file, opts);
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, opts.mode ?? 0o644);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (opts.overwrite) {
      fs.renameSync(tmp, file);
    } else {
      try {
        fs.linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST')
          throw new OutputPathError(file, 'exists', 'already exists; use --force to replace it');
        throw e;
      }
      fs.unlinkSync(tmp);
    }
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Checks, before any work starts, that `dir` can be used (or created) for tool-owned output. */
export function checkOutputDir(dir: string): void {
  const st = lstatOrNull(dir);
  if (st?.isSymbolicLink()) throw new OutputPathError(dir, 'symlink', 'is a symbolic link; refusing to write through it');
  if (st && !st.isDirectory()) throw new OutputPathError(dir, 'not-regular', 'exists and is not a directory');
  const writable = st ? path.resolve(dir) : path.dirname(path.resolve(dir));
  if (!st && !lstatOrNull(writable)?.isDirectory()) throw new OutputPathError(dir, 'no-directory', `directory ${writable} does not exist`);
  try {
    fs.accessSync(writable, fs.constants.W_OK);
  } catch {
    throw new OutputPathError(dir, 'not-writable', `directory ${writable} is not writable`);
  }
}

/**
 * Creates `dir` (and parents) for tool-owned output such as evidence or the quarantine store,
 * mode 0700. An existing symlink at `dir` is refused; an existing directory is accepted.
 */
export function makeOutputDir(dir: string, mode = 0o700): void {
  const st = lstatOrNull(dir);
  if (st) {
    if (st.isSymbolicLink()) throw new OutputPathError(dir, 'symlink', 'is a symbolic link; refusing to write through it');
    if (!st.isDirectory()) throw new OutputPathError(dir, 'not-regular', 'exists and is not a directory');
    return;
  }
  fs.mkdirSync(dir, { recursive: true, mode });
}
