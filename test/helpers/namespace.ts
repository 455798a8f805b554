import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanResult } from '../../src/model/scan-result';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const TMP_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];

function underTmp(p: string): boolean {
  return TMP_DIRS.some((d) => p === d || p.startsWith(`${d}/`));
}

/**
 * Where this test process keeps what it builds (the bundled scanner, compiled stand-ins). Never in
 * a temporary directory: namespace scripts get private, empty /tmp, /var/tmp and /dev/shm, and a
 * scan must not mistake the test's own tools for dropped payloads.
 */
const ARTIFACTS = path.join(underTmp(REPO) ? '/var/cache/hostsweep-test' : path.join(REPO, 'dist', 'test'), String(process.pid));
fs.mkdirSync(ARTIFACTS, { recursive: true });
process.on('exit', () => fs.rmSync(ARTIFACTS, { recursive: true, force: true }));

/**
 * The scanner as a shell command, to be run inside a namespace script. It is the bundled CLI run
 * by plain node, as users run it: under tsx an esbuild helper process would share the namespace
 * and be scanned too.
 */
function bundleScanner(): string {
  // The same build users get (scripts/build.mjs), without the single executable.
  execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs'), '--no-sea', '--quiet', '--outdir', ARTIFACTS], {
    cwd: REPO,
    stdio: 'inherit',
  });
  return path.join(ARTIFACTS, 'hostsweep.cjs');
}

let scanner: string | null = null;

/** Path of this test process's bundled scanner. */
export function scannerBundle(): string {
  scanner ??= bundleScanner();
  return scanner;
}

export function scanCmd(): string {
  const modules = path.join(REPO, 'node_modules');
  return `NODE_PATH=${JSON.stringify(modules)} ${JSON.stringify(process.execPath)} ${JSON.stringify(scannerBundle())} scan`;
}

export interface NsRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a bash script in fresh PID, mount and network namespaces with their own /proc and empty
 * private /tmp, /var/tmp and /dev/shm: whatever the script plants (processes, files, bind mounts,
 * sockets) exists only there and dies with it.
 */
export function inNamespace(script: string, opts: { net?: boolean; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): NsRun {
  const flags = ['--fork', '--pid', '--mount-proc', '--mount', ...(opts.net === false ? [] : ['--net'])];
  const privateTmp = TMP_DIRS.map((d) => `mount -t tmpfs tmpfs ${d}`).join('\n');
  const r = spawnSync('unshare', [...flags, 'bash', '-c', `set -e\n${privateTmp}\nip link set lo up 2>/dev/null || true\n${script}`], {
    cwd: REPO,
    encoding: 'utf8',
    // Only a guard against a hang: a scan on a machine whose cores are shared with other work can
    // take minutes, and a tight limit here would fail the test for the machine's load.
    timeout: opts.timeoutMs ?? 600_000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  // A timeout or spawn failure is said in stderr, so a failing test tells why there was no output.
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}` };
}

/** Parses the JSON scan document a namespace script printed (the last JSON object on stdout). */
export function scanJson(run: NsRun): ScanResult {
  const start = run.stdout.indexOf('{\n  "schema"');
  if (start < 0)
    throw new Error(`no scan JSON (status ${run.status})\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 4000)}`);
  return JSON.parse(run.stdout.slice(start)) as ScanResult;
}

/** Compiles a small C program for a test and returns the binary path (usable inside namespaces too). */
export function compileC(name: string, source: string, extraArgs: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(ARTIFACTS, `c-${name}-`));
  const src = path.join(dir, `${name}.c`);
  const out = path.join(dir, name);
  fs.writeFileSync(src, source);
  const r = spawnSync('gcc', ['-O1', '-o', out, src, ...extraArgs], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc ${name}: ${r.stderr}`);
  return out;
}

/** Same as scanCmd(), bundled when this helper is first imported. */
export const SCAN_CMD = scanCmd();
