import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { checkOutputFile, makeOutputDir, OutputPathError, writeOutputFile } from './write-file';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-write-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function problem(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof OutputPathError, String(e));
    return e.problem;
  }
  assert.fail('expected a refusal');
}

describe('writeOutputFile', () => {
  it('writes a new file and leaves no temporary file behind', () => {
    const f = path.join(tmp, 'new.json');
    writeOutputFile(f, '{"a":1}\n');
    assert.equal(fs.readFileSync(f, 'utf8'), '{"a":1}\n');
    assert.deepEqual(
      fs.readdirSync(tmp).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('refuses to clobber an existing file unless told, then replaces it whole', () => {
    const f = path.join(tmp, 'exists.json');
    fs.writeFileSync(f, 'old');
    assert.equal(
      problem(() => writeOutputFile(f, 'new')),
      'exists',
    );
    assert.equal(fs.readFileSync(f, 'utf8'), 'old');
    writeOutputFile(f, 'new', { overwrite: true });
    assert.equal(fs.readFileSync(f, 'utf8'), 'new');
  });

  it('never writes through a symlink, even with overwrite', () => {
    const target = path.join(tmp, 'victim');
    fs.writeFileSync(target, 'precious');
    const link = path.join(tmp, 'report.json');
    fs.symlinkSync(target, link);
    assert.equal(
      problem(() => writeOutputFile(link, 'x', { overwrite: true })),
      'symlink',
    );
    assert.equal(fs.readFileSync(target, 'utf8'), 'precious');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
  });

  it('refuses a FIFO and a directory without blocking', () => {
    const fifo = path.join(tmp, 'fifo');
    execFileSync('mkfifo', [fifo]);
    assert.equal(
      problem(() => writeOutputFile(fifo, 'x', { overwrite: true })),
      'not-regular',
    );
    assert.equal(
      problem(() => writeOutputFile(tmp, 'x', { overwrite: true })),
      'not-regular',
    );
  });

  it('names a missing directory before any work starts', () => {
    assert.equal(
      problem(() => checkOutputFile(path.join(tmp, 'nope', 'x.json'))),
      'no-directory',
    );
  });

  it('makeOutputDir creates 0700 directories and refuses a symlink', () => {
    const d = path.join(tmp, 'ev', 'run');
    makeOutputDir(d);
    assert.equal(fs.statSync(d).mode & 0o777, 0o700);
    const link = path.join(tmp, 'evlink');
    fs.symlinkSync('/', link);
    assert.equal(
      problem(() => makeOutputDir(link)),
      'symlink',
    );
  });
});
