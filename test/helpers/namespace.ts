import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScanResult } from '../../src/model/scan-result';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * The scanner as a shell command, to be run inside a namespace script. It is the bundled CLI run
 * by plain node, as users run it: under tsx an esbuild helper process would share the namespace
 * and be scanned too. Each test process bundles its own copy, so parallel test files never race.
 */
function bundleScanner(): string {
  const out = path.join(REPO, 'dist', 'test', `hostsweep-${process.pid}.cjs`);
  buildSync({ entryPoints: [path.join(REPO, 'src/cli/main.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  process.on('exit', () => fs.rmSync(out, { force: true }));
  return out;
}

let scanner: string | null = null;

export function scanCmd(): string {
  scanner ??= bundleScanner();
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(scanner)} scan`;
}

export interface NsRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a bash script in fresh PID, mount and network namespaces with their own /proc: whatever
 * the script plants (processes, bind-mounted files, sockets) exists only there and dies with it.
 */
export function inNamespace(script: string, opts: { net?: boolean; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): NsRun {
  const flags = ['--fork', '--pid', '--mount-proc', '--mount', ...(opts.net === false ? [] : ['--net'])];
  const r = spawnSync('unshare', [...flags, 'bash', '-c', `set -e\nip link set lo up 2>/dev/null || true\n${script}`], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Parses the JSON scan document a namespace script printed (the last JSON object on stdout). */
export function scanJson(run: NsRun): ScanResult {
  const start = run.stdout.indexOf('{\n  "schema"');
  if (start < 0) throw new Error(`no scan JSON (status ${run.status})\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 4000)}`);
  return JSON.parse(run.stdout.slice(start)) as ScanResult;
}

/** Compiles a small C program for a test into a temp dir and returns the binary path. */
export function compileC(name: string, source: string, extraArgs: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hostsweep-c-${name}-`));
  const src = path.join(dir, `${name}.c`);
  const out = path.join(dir, name);
  fs.writeFileSync(src, source);
  const r = spawnSync('gcc', ['-O1', '-o', out, src, ...extraArgs], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc ${name}: ${r.stderr}`);
  return out;
}

/** Same as scanCmd(), bundled when this helper is first imported. */
export const SCAN_CMD = scanCmd();
