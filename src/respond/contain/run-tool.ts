import { execFile } from 'node:child_process';
import fs from 'node:fs';

// The system tools containment drives. Always by absolute path and argument array: PATH on a
// compromised host is the attacker's, and nothing from the command line reaches a shell.
const CANDIDATES = {
  nft: ['/usr/sbin/nft', '/sbin/nft'],
  iptables: ['/usr/sbin/iptables', '/sbin/iptables'],
  ip6tables: ['/usr/sbin/ip6tables', '/sbin/ip6tables'],
  'iptables-nft': ['/usr/sbin/iptables-nft', '/sbin/iptables-nft'],
  'ip6tables-nft': ['/usr/sbin/ip6tables-nft', '/sbin/ip6tables-nft'],
  'iptables-legacy': ['/usr/sbin/iptables-legacy', '/sbin/iptables-legacy'],
  'ip6tables-legacy': ['/usr/sbin/ip6tables-legacy', '/sbin/ip6tables-legacy'],
  tc: ['/usr/sbin/tc', '/sbin/tc'],
} as const;

export type Tool = keyof typeof CANDIDATES;

export function toolPath(tool: Tool): string | null {
  for (const p of CANDIDATES[tool]) {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {}
  }
  return null;
}

export class ToolError extends Error {
  constructor(
    readonly tool: string,
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(`${tool} ${args.join(' ')}: ${stderr.trim().split('\n')[0] || 'failed'}`);
    this.name = 'ToolError';
  }
}

/** Runs a tool and returns its stdout; throws ToolError with its stderr when it fails. */
export function runTool(tool: Tool, args: string[], input?: string): Promise<string> {
  const bin = toolPath(tool);
  if (!bin) return Promise.reject(new ToolError(tool, args, `${tool} not found in ${CANDIDATES[tool].join(', ')}`));
  return new Promise((resolve, reject) => {
    const child = execFile(bin, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { LC_ALL: 'C' } }, (err, stdout, stderr) => {
      if (err) reject(new ToolError(tool, args, stderr || err.message));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
