import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { type ActionKind, type PlannedAction, registerActionKind } from './action';
import { applyPlan, lastUndoableRun, renderPlan, undoRun } from './apply-plan';
import { Journal, listRuns, readJournal } from './journal';
import { ResponseTarget } from './target';

// A small real action kind for exercising the core: appends a line to a file of the target and
// keeps the original bytes in the quarantine store.
interface AppendData {
  path: string;
  line: string;
}
interface AppendUndo {
  sha256: string;
}
const appendLine: ActionKind<AppendData, AppendUndo> = registerActionKind({
  kind: 'test.append-line',
  async prepare(a, ctx) {
    return { sha256: ctx.journal.storeBytes(fs.readFileSync(ctx.target.local(a.data.path))) };
  },
  async apply(a, _u, ctx) {
    if (a.data.line === 'boom') throw new Error('refused by test');
    fs.appendFileSync(ctx.target.local(a.data.path), `${a.data.line}\n`);
  },
  async undo(a, u, ctx) {
    fs.writeFileSync(ctx.target.local(a.data.path), ctx.journal.loadBytes(u.sha256));
  },
});

function action(id: string, p: string, line: string): PlannedAction<AppendData> {
  return {
    id,
    kind: appendLine.kind,
    summary: { en: `append ${line} to ${p}`, 'zh-CN': `向 ${p} 追加 ${line}` },
    answers: [`test/rule ${p}`],
    undoSummary: { en: `restore ${p}`, 'zh-CN': `恢复 ${p}` },
    data: { path: p, line },
  };
}

describe('apply-plan and journal', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-apply-'));
  after(() => fs.rmSync(base, { recursive: true, force: true }));
  let n = 0;
  function setup() {
    const dir = path.join(base, `case${++n}`);
    const root = path.join(dir, 'root');
    const state = path.join(dir, 'state');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/a'), 'one\n');
    fs.writeFileSync(path.join(root, 'etc/b'), 'two\n');
    return { root, state, target: new ResponseTarget(root) };
  }
  const quiet = { out: () => {} };

  it('a dry run prints every action with its finding and undo, and changes nothing', async () => {
    const { root, state, target } = setup();
    let printed = '';
    const r = await applyPlan(
      { command: 'clean', target, actions: [action('a1', '/etc/a', 'x')], refused: [] },
      { stateDir: state, lang: 'en', yes: false, out: (s) => (printed += s) },
    );
    assert.equal(r.runId, null);
    assert.equal(fs.readFileSync(path.join(root, 'etc/a'), 'utf8'), 'one\n');
    assert.equal(fs.existsSync(state), false);
    assert.match(printed, /\[a1\] append x to \/etc\/a/);
    assert.match(printed, /answers: test\/rule \/etc\/a/);
    assert.match(printed, /undo: restore \/etc\/a/);
    assert.match(printed, /Dry run: nothing was changed/);
    const zh = renderPlan({ command: 'clean', target, actions: [action('a1', '/etc/a', 'x')], refused: [] }, 'zh-CN');
    assert.match(zh, /对应发现：|对应发现: /);
    assert.match(zh, /撤销方式: 恢复 \/etc\/a/);
  });

  it('journals the intent before applying, then undo restores every file', async () => {
    const { root, state, target } = setup();
    const seen: string[] = [];
    const r = await applyPlan(
      { command: 'clean', target, actions: [action('a1', '/etc/a', 'x'), action('a2', '/etc/b', 'y')], refused: [] },
      {
        stateDir: state,
        lang: 'en',
        yes: true,
        ...quiet,
        afterStep: (e) => {
          // At the intent line the file is still untouched: the record came first.
          if (e.phase === 'intent')
            seen.push(`${e.action.id}:${fs.readFileSync(path.join(root, e.action.id === 'a1' ? 'etc/a' : 'etc/b'), 'utf8')}`);
        },
      },
    );
    assert.deepEqual(seen, ['a1:one\n', 'a2:two\n']);
    assert.deepEqual(r.applied, ['a1', 'a2']);
    assert.equal(fs.readFileSync(path.join(root, 'etc/a'), 'utf8'), 'one\nx\n');
    assert.ok(r.runId);
    const runDir = path.join(state, 'runs', r.runId);
    assert.equal(fs.statSync(state).mode & 0o777, 0o700);
    assert.equal(fs.statSync(runDir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(runDir, 'journal.jsonl')).mode & 0o777, 0o600);
    const phases = readJournal(path.join(runDir, 'journal.jsonl')).map((e) => `${e.action.id}:${e.phase}`);
    assert.deepEqual(phases, ['a1:intent', 'a1:applied', 'a2:intent', 'a2:applied']);
    for (const q of fs.readdirSync(path.join(runDir, 'quarantine')))
      assert.equal(fs.statSync(path.join(runDir, 'quarantine', q)).mode & 0o777, 0o600);

    const runs = listRuns(state);
    assert.equal(runs.length, 1);
    assert.deepEqual([runs[0].info.command, runs[0].applied, runs[0].pending], ['clean', 2, 2]);
    assert.equal(lastUndoableRun(state, target)?.info.id, r.runId);

    const u = await undoRun(r.runId, { stateDir: state, lang: 'en', ...quiet });
    assert.deepEqual(u.undone, ['a2', 'a1']);
    assert.equal(fs.readFileSync(path.join(root, 'etc/a'), 'utf8'), 'one\n');
    assert.equal(fs.readFileSync(path.join(root, 'etc/b'), 'utf8'), 'two\n');
    assert.equal(lastUndoableRun(state, target), null);
    // A second undo has nothing left to do.
    const again = await undoRun(r.runId, { stateDir: state, lang: 'en', ...quiet });
    assert.deepEqual([again.undone, again.skipped], [[], ['a2', 'a1']]);
  });

  it('a failed action is journaled, the rest still runs, and undo reverts what was started', async () => {
    const { root, state, target } = setup();
    const r = await applyPlan(
      { command: 'clean', target, actions: [action('a1', '/etc/a', 'boom'), action('a2', '/etc/b', 'y')], refused: [] },
      { stateDir: state, lang: 'en', yes: true, ...quiet },
    );
    assert.deepEqual(r.applied, ['a2']);
    assert.deepEqual(r.failed, [{ id: 'a1', error: 'refused by test' }]);
    await undoRun(r.runId as string, { stateDir: state, lang: 'en', ...quiet });
    assert.equal(fs.readFileSync(path.join(root, 'etc/b'), 'utf8'), 'two\n');
  });

  it('a run that dies between intent and apply, with a torn last line, is undone completely', async () => {
    const { root, state, target } = setup();
    class Crash extends Error {}
    let runId = '';
    await assert.rejects(
      applyPlan(
        { command: 'clean', target, actions: [action('a1', '/etc/a', 'x'), action('a2', '/etc/b', 'y')], refused: [] },
        {
          stateDir: state,
          lang: 'en',
          yes: true,
          ...quiet,
          afterStep: (e) => {
            if (e.action.id === 'a2' && e.phase === 'intent') {
              // Half of a2 happened (as a kill -9 mid-action would leave it), then the process died.
              fs.appendFileSync(path.join(root, 'etc/b'), 'y');
              runId = fs.readdirSync(path.join(state, 'runs'))[0];
              throw new Crash();
            }
          },
        },
      ),
      Crash,
    );
    const jf = path.join(state, 'runs', runId, 'journal.jsonl');
    fs.appendFileSync(jf, '{"seq":9,"time":"2026-'); // torn write
    assert.equal(listRuns(state)[0].pending, 2);
    const u = await undoRun(runId, { stateDir: state, lang: 'en', ...quiet });
    assert.deepEqual(u.undone, ['a2', 'a1']);
    assert.equal(fs.readFileSync(path.join(root, 'etc/a'), 'utf8'), 'one\n');
    assert.equal(fs.readFileSync(path.join(root, 'etc/b'), 'utf8'), 'two\n');
  });

  it('refuses a tampered quarantine copy instead of restoring it', () => {
    const { state } = setup();
    const j = Journal.create(state, { command: 'clean', target: { kind: 'root', root: '/x' }, lang: 'en' });
    const sha = j.storeBytes(Buffer.from('original'));
    assert.equal(j.loadBytes(sha).toString(), 'original');
    fs.chmodSync(path.join(j.quarantineDir, sha), 0o600);
    fs.writeFileSync(path.join(j.quarantineDir, sha), 'evil');
    assert.throws(() => j.loadBytes(sha), /corrupt/);
    j.close();
  });

  it('refuses a state directory that is a symbolic link or writable by others', () => {
    const { state } = setup();
    fs.mkdirSync(path.join(state, '..', 'real'));
    fs.symlinkSync(path.join(state, '..', 'real'), state);
    assert.throws(() => Journal.create(state, { command: 'clean', target: { kind: 'live', root: '/' }, lang: 'en' }), /symbolic link/);
    const open = path.join(path.dirname(state), 'open');
    fs.mkdirSync(open, { mode: 0o777 });
    fs.chmodSync(open, 0o777);
    assert.throws(() => Journal.create(open, { command: 'clean', target: { kind: 'live', root: '/' }, lang: 'en' }), /writable by others/);
  });
});

describe('response target', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostsweep-target-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'usr/lib'), { recursive: true });
  fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
  fs.symlinkSync('usr/lib', path.join(root, 'lib'));
  fs.symlinkSync('/etc', path.join(root, 'etc/abs'));
  fs.symlinkSync('../../..', path.join(root, 'etc/up'));
  fs.symlinkSync('/etc/shadow', path.join(root, 'etc/final'));
  const t = new ResponseTarget(root);

  it('follows links that stay inside the root and never the final component', () => {
    assert.equal(t.local('/lib/x.so'), path.join(root, 'usr/lib/x.so'));
    assert.equal(t.local('/etc/final'), path.join(root, 'etc/final'));
    assert.equal(t.local('/etc/../etc/a'), path.join(root, 'etc/a'));
  });

  it('refuses a path whose directory link leaves the root, in both languages', () => {
    assert.throws(() => t.local('/etc/abs/passwd'), /\/etc\/abs -> \/etc leads outside the target root/);
    assert.throws(() => t.local('/etc/up/x'), /leads outside the target root/);
    const r = t.tryLocal('/etc/abs/passwd');
    assert.ok('refused' in r && /指向目标根目录之外/.test(r.refused.reason['zh-CN']));
  });
});
