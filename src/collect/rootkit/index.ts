import type { Collector } from '../collector';
import cloakedFiles from './cloaked-files';
import hiddenPorts from './hidden-ports';
import hiddenProcesses from './hidden-processes';
import kernelModules from './kernel-modules';
import packedExecutables from './packed-executables';
import scannerIntegrity from './scanner-integrity';

// Collectors of the rootkit family, in dependency order. They run after the processes, packages
// and files collectors (registry order) and read those facts when present.
export const collectors: Collector[] = [
  scannerIntegrity,
  hiddenProcesses,
  hiddenPorts,
  cloakedFiles,
  kernelModules,
  packedExecutables,
] as Collector[];
