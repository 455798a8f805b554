import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers/namespace';

// The layers of DESIGN.md as imports: collectors collect (no judging code, no built-in intel
// data: the loaded intel reaches them through their context), rules share helpers through
// src/rules/shared only, and nothing outside src/rules reaches into a rule family.

const SRC = path.join(REPO, 'src');

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of every non-test module under src/, as paths relative to src/ without extension. */
function importGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const from = path.relative(SRC, file).replace(/\.ts$/, '');
    for (const m of text.matchAll(IMPORT)) {
      const to = path.relative(SRC, path.resolve(path.dirname(file), m[2])).replace(/\.ts$/, '');
      edges.push({ from, to, typeOnly: m[1] !== undefined });
    }
  }
  return edges;
}

const top = (p: string) => p.split('/')[0];
/** The rule family of a module under src/rules/<family>/ (rules/shared is no family). */
const family = (p: string) => {
  const parts = p.split('/');
  return parts[0] === 'rules' && parts.length === 3 && parts[1] !== 'shared' ? parts[1] : null;
};
const isRuleModule = (p: string) => fs.readFileSync(path.join(SRC, `${p}.ts`), 'utf8').includes('defineRule(');
const isIndex = (p: string) => p === 'rules/registry' || /^rules\/[^/]+\/index$/.test(p);

/** The edges that break the layering, one line each. */
function layeringViolations(edges: Edge[]): string[] {
  const bad: string[] = [];
  const exists = (p: string) => fs.existsSync(path.join(SRC, `${p}.ts`));
  for (const { from, to, typeOnly } of edges) {
    const say = (why: string) => bad.push(`${from} imports ${to}: ${why}`);
    if (top(from) === 'collect') {
      if (['analyze', 'rules', 'report', 'respond', 'cli', 'harden', 'scan'].includes(top(to)))
        say('collect must not import judging or output code');
      if (top(to) === 'intel' && !typeOnly) say('collectors get the loaded intel from their context (ctx.intel), not the built-in files');
    }
    if (top(to) !== 'rules' || isIndex(from)) continue;
    const shared = to.startsWith('rules/shared/') || to === 'rules/rule' || to === 'rules/registry';
    if (top(from) !== 'rules') {
      if (!shared) say('outside src/rules only rules/registry, rules/rule and rules/shared/* may be imported');
      continue;
    }
    if (from.startsWith('rules/shared/') && !shared) say('the shared module must not depend on a rule family');
    if (family(from) !== null && family(to) !== null && family(from) !== family(to))
      say('a rule family imports only its own modules and rules/shared/*');
    // Helpers a rule file exports to others belong in a helper module or in rules/shared.
    if (family(to) !== null && exists(to) && isRuleModule(to)) say('a rule file is imported only by its index');
  }
  return bad.sort();
}

describe('layering', () => {
  const edges = importGraph();

  it('the import graph was read', () => {
    assert.ok(edges.length > 500, `only ${edges.length} imports found`);
    assert.ok(edges.some((e) => e.from === 'scan' && e.to === 'collect/registry'));
  });

  it('collect imports no analyze, rules or report code and no built-in intel; rules share helpers only through rules/shared', () => {
    assert.deepEqual(layeringViolations(edges), []);
  });

  it('the check catches each kind of violation', () => {
    const probes: Edge[] = [
      { from: 'collect/files/file-inventory', to: 'analyze/facts-index', typeOnly: false },
      { from: 'collect/rootkit/kernel-modules', to: 'intel/rootkit.json', typeOnly: false },
      { from: 'report/terminal', to: 'rules/network/egress-flood', typeOnly: false },
      { from: 'rules/files/unowned-system-executable', to: 'rules/process/random-name', typeOnly: false },
      { from: 'rules/hooks/motd-script', to: 'rules/hooks/shell-download-exec', typeOnly: false },
      { from: 'rules/shared/rates', to: 'rules/network/egress-flood', typeOnly: false },
    ];
    for (const probe of probes) assert.notDeepEqual(layeringViolations([probe]), [], `${probe.from} -> ${probe.to}`);
    const fine: Edge[] = [
      { from: 'collect/collector', to: 'intel/schema', typeOnly: true },
      { from: 'rules/hooks/motd-script', to: 'rules/hooks/hook-paths', typeOnly: false },
      { from: 'rules/network/pool-domain', to: 'rules/shared/process-evidence', typeOnly: false },
      { from: 'rules/process/index', to: 'rules/process/random-name', typeOnly: false },
      { from: 'report/terminal', to: 'rules/shared/rates', typeOnly: false },
    ];
    assert.deepEqual(layeringViolations(fine), []);
  });
});
