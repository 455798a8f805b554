import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { compileC, inNamespace, REPO, scanCmd, scanJson } from './helpers/namespace';
import { NEEDS_ROOT } from './helpers/privilege';

// A program dropped in a home's hidden directory is a foothold; running, it is a high one. The
// homes are a tmpfs inside fresh namespaces: the planted files and processes exist only there.

let standin = '';

describe('dropped programs in home dot-directories, live (namespaces)', {
  skip: NEEDS_ROOT || (!fs.existsSync('/home') && 'no /home'),
}, () => {
  before(() => {
    standin = compileC('standin', fs.readFileSync(path.join(REPO, 'test/fixtures/c/standin.c'), 'utf8'), ['-pthread']);
  });

  it('a running program in ~/.cache/.x is high; a running editor server and an idle drop are not', () => {
    const run = inNamespace(`
      mount -t tmpfs tmpfs /home
      mkdir -p /home/web/.cache/.x /home/web/.config/.kde/bin /home/dev/.vscode-server/bin/1a2b
      cp ${standin} /home/web/.cache/.x/kswapd0
      cp ${standin} /home/web/.config/.kde/bin/kded4
      cp ${standin} /home/dev/.vscode-server/bin/1a2b/node
      /home/web/.cache/.x/kswapd0 sleep & echo DROP=$!
      /home/dev/.vscode-server/bin/1a2b/node sleep &
      sleep 0.2
      ${scanCmd()} --json --sample 0 || true`);
    const r = scanJson(run);
    const dropped = r.findings
      .filter((f) => f.rule === 'files/dropped-executable' && f.path?.startsWith('/home/'))
      .map((f) => `${f.severity} ${f.path}`)
      .sort();
    assert.deepEqual(dropped, ['high /home/web/.cache/.x/kswapd0', 'medium /home/web/.config/.kde/bin/kded4']);
    const pid = Number(/^DROP=(\d+)$/m.exec(run.stdout)?.[1]);
    const running = r.findings.find((f) => f.path === '/home/web/.cache/.x/kswapd0' && f.rule === 'files/dropped-executable');
    assert.ok(running?.evidence.includes(`running now: pid ${pid} (kswapd0)`), running?.evidence.join('\n'));
    assert.ok(!r.findings.some((f) => f.path?.startsWith('/home/dev/') && f.severity !== 'info' && f.severity !== 'low'));
  });
});
