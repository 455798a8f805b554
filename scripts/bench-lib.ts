// Helpers every bench script uses: command-line options, medians, CPU time and the bundled CLI.
import { buildSync } from 'esbuild';

const args = process.argv.slice(2);

/** The value after `name` on the command line (`--runs 9`), or the default. */
export function option(name: string, def: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
}

/** A numeric option; the default when it is missing or not a positive number. */
export function numberOption(name: string, def: number): number {
  const n = Number(option(name, String(def)));
  return Number.isFinite(n) && n > 0 ? n : def;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** CPU milliseconds (user + system) this process spent since `start` (a process.cpuUsage() value). */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** CPU milliseconds of a synchronous call: steadier than wall time on a shared machine. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  return cpuMsSince(start);
}

/** Bundles `entry` as the CLI is shipped (one CommonJS file for Node 20), so a bench measures what users run. */
export function bundleScript(entry: string, outfile: string): string {
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  return outfile;
}
