import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

// Two network namespaces joined by a veth pair, named uniquely per test run, so containment rules
// are only ever added where the test made them. `sender` plays the compromised host (10.88.0.1,
// fd88::1), `receiver` the rest of the internet (10.88.0.2, fd88::2).

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

export class NetnsPair {
  readonly id = `${process.pid}${randomBytes(2).toString('hex')}`;
  readonly sender = `hsS${this.id}`;
  readonly receiver = `hsR${this.id}`;
  readonly senderDev = `hva${this.id}`.slice(0, 15);
  readonly receiverDev = `hvb${this.id}`.slice(0, 15);
  readonly senderAddr = '10.88.0.1';
  readonly receiverAddr = '10.88.0.2';
  readonly senderAddr6 = 'fd88::1';
  readonly receiverAddr6 = 'fd88::2';
  private children: ChildProcess[] = [];

  constructor() {
    ip(['netns', 'add', this.sender]);
    ip(['netns', 'add', this.receiver]);
    ip(['link', 'add', this.senderDev, 'netns', this.sender, 'type', 'veth', 'peer', 'name', this.receiverDev, 'netns', this.receiver]);
    for (const [ns, dev, v4, v6] of [
      [this.sender, this.senderDev, this.senderAddr, this.senderAddr6],
      [this.receiver, this.receiverDev, this.receiverAddr, this.receiverAddr6],
    ]) {
      ip(['-n', ns, 'addr', 'add', `${v4}/24`, 'dev', dev]);
      ip(['-n', ns, 'addr', 'add', `${v6}/64`, 'dev', dev, 'nodad']);
      ip(['-n', ns, 'link', 'set', dev, 'up']);
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    }
  }

  /** Runs a command inside a namespace and waits for it. */
  run(ns: string, cmd: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}) {
    const r = spawnSync('ip', ['netns', 'exec', ns, ...cmd], {
      encoding: 'utf8',
      timeout: opts.timeoutMs ?? 60_000,
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...opts.env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  /** Starts a long-running command inside a namespace; stopped by close(). */
  start(ns: string, cmd: string[], env?: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, ...cmd], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.children.push(child);
    return child;
  }

  close(): void {
    for (const c of this.children) c.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', this.sender]);
    spawnSync('ip', ['netns', 'del', this.receiver]);
  }
}

/** Resolves with the first line a child prints that matches, or rejects after `ms`. */
export function waitForLine(child: ChildProcess, re: RegExp, ms = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} (got: ${buf.slice(-500)})`)), ms);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => re.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited before ${re} (got: ${buf.slice(-500)})`));
    });
  });
}
